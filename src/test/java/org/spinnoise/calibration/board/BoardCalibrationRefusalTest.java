package org.spinnoise.calibration.board;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * Board calibration refuses, with one clear message, a junction it cannot calibrate within the safety limit: one that
 * does not switch below the limit, and one whose AP reads do not rise above P (TMR collapsed); it never pulses above
 * the limit to try.
 */
class BoardCalibrationRefusalTest {
    private static final BoardOperatingPoint START =
            new BoardOperatingPoint(0.4, 1e-8, -0.45, 1e-8, 100e-9, 31_000, 0, 1);

    @Test
    void aJunctionThatDoesNotSwitchBelowTheSafetyLimitIsRefused() throws Exception {
        CalibrationException e = calibrate(bench(2000, 4200, 0.30), 0.5);
        assertTrue(e.getMessage().contains("up to 0.5000 V") && e.getMessage().contains("--max-volts"),
                e.getMessage());
    }

    @Test
    void aJunctionWhoseTmrCollapsedIsRefused() throws Exception {
        CalibrationException e = calibrate(bench(2000, 2020, 0.30), 1.5);
        assertTrue(e.getMessage().contains("TMR collapse"), e.getMessage());
    }

    @Test
    void aJunctionThatTheResetDoesNotReturnToParallelIsRefused() throws Exception {
        // The reset at -0.45 V is far below this junction's reset V50 of 0.60 V: once in AP it stays there.
        CalibrationException e = calibrate(bench(2000, 4200, 0.60), 1.5);
        assertTrue(e.getMessage().contains("reset pulse does not return the junction to P"), e.getMessage());
    }

    /** The demo junction with other resistances and reset V50. */
    private static BoardBenchFile bench(double parallelOhms, double antiparallelOhms, double resetV50Volts) {
        BoardBenchFile demo = BoardBenchFile.demo();
        JunctionSpec j = demo.junctions().get(0);
        JunctionSpec changed = new JunctionSpec(j.v50Volts(), j.deltaVolts(), j.referenceWidthSeconds(),
                j.v50ShiftVoltsPerDecade(), resetV50Volts, parallelOhms, antiparallelOhms, j.readNoiseRelative(), 0,
                j.breakdownVolts(), j.shortedResistanceOhms());
        return new BoardBenchFile("test", "changed", 1, demo.board(), demo.corruption(), List.of(changed));
    }

    private static CalibrationException calibrate(BoardBenchFile bench, double maxVolts) throws Exception {
        try (BoardEmulator board = BoardEmulator.start(bench, 3);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint applied = BoardOperatingPoint.ofSettings(client.configure(START, maxVolts),
                    client.hello());
            BoardBitSource source = new BoardBitSource(client, applied,
                    BoardBitSource.StreamPlan.lockstep(0, maxVolts), () -> false);
            CalibrationException e = assertThrows(CalibrationException.class, () -> BoardCalibration.run(source,
                    BoardCalibration.Plan.defaults(1e-8, 1, null), s -> { }, () -> false));
            assertTrue(client.applied().writeCode() <= Math.floor(maxVolts / 2.0 * 65535),
                    "no write above the safety limit was ever configured");
            return e;
        }
    }
}
