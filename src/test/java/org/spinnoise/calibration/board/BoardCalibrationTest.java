package org.spinnoise.calibration.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * Board calibration against the emulator on a socat pty: the threshold scans recover the emulated read distributions
 * (the board's read noise on each state's resistance, in read codes) within their intervals, and the sweep finds V50
 * within its interval, all on bits alone.
 */
class BoardCalibrationTest {
    /** Demo board: 0.1 ohm per read code, reads 3 % noisy; junction R_P 2000 ohm, R_AP 4200 ohm, V50 0.62 V. */
    private static final double OHMS_PER_CODE = 0.1;
    private static final double NOISE = 0.03;
    private static final BoardOperatingPoint START =
            new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 0, 1);

    @Test
    void calibrationRecoversTheReadDistributionsAndV50WithinTheirIntervals() throws Exception {
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 21);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint applied = BoardOperatingPoint.ofSettings(client.configure(START, 1.5), client.hello());
            BoardBitSource source = new BoardBitSource(client, applied, BoardBitSource.StreamPlan.lockstep(0, 1.5),
                    () -> false);
            List<String> stages = new ArrayList<>();
            BoardCalibration.Result r = BoardCalibration.run(source,
                    BoardCalibration.Plan.defaults(1e-8, 5, OHMS_PER_CODE), stages::add, () -> false);

            System.out.println("pulses by stage " + r.pulsesByStage() + ", total " + r.pulses());
            BoardThreshold t = r.threshold();
            within(2000 / OHMS_PER_CODE, t.parallel().meanCode(), t.parallel().meanStdErrCodes(), "P mean");
            within(NOISE * 2000 / OHMS_PER_CODE, t.parallel().sigmaCodes(), t.parallel().sigmaStdErrCodes(), "P sigma");
            within(4200 / OHMS_PER_CODE, t.antiparallel().meanCode(), t.antiparallel().meanStdErrCodes(), "AP mean");
            within(NOISE * 4200 / OHMS_PER_CODE, t.antiparallel().sigmaCodes(), t.antiparallel().sigmaStdErrCodes(),
                    "AP sigma");
            assertEquals(1.1, t.tmr(), 0.05);
            assertEquals(2000, t.ohms(t.parallel().meanCode()), 30);
            assertTrue(t.thresholdCode() > 20_000 + 5 * 600 && t.thresholdCode() < 42_000 - 5 * 1260,
                    "threshold between the states: " + t.thresholdCode());
            assertTrue(t.readErrorRate() < 1e-6, "well separated states: " + t.readErrorRate());
            assertTrue(t.antiparallelWeight() > 0.99, "the AP write switched nearly always: " + t.antiparallelWeight());

            double v50 = board.junction(0).v50VoltsAt(1e-8);
            within(v50, r.fit().v50Volts(), r.fit().v50StdErrVolts(), "V50");
            within(0.015, r.fit().deltaVolts(), r.fit().deltaStdErrVolts(), "dV");
            assertEquals(r.fit().v50Volts(), source.write().amplitudeVolts(), source.writeVoltsPerCode());
            assertEquals(t.thresholdCode(), source.thresholdCode());
            // The board fired exactly what the stages counted: no pulse beyond what calibration asked for.
            assertEquals(r.pulses(), source.report().pulsesFired(), "pulses " + r.pulsesByStage());
            assertTrue(r.pulses() <= 50_000, "a full calibration in at most 50,000 pulses: " + r.pulses());
            double step = source.writeVoltsPerCode();
            for (var point : r.curve().points()) {
                double code = point.amplitudeVolts() / step;
                assertEquals(Math.rint(code), code, 1e-6, "sweep amplitudes are whole write-DAC codes");
            }
        }
    }

    /** Within 3 standard errors (the fit's own interval, at 99.7 %). */
    private static void within(double truth, double estimate, double stdErr, String what) {
        double z = (estimate - truth) / stdErr;
        System.out.printf("%s: estimate %.6g, truth %.6g, stderr %.3g, z %.2f%n", what, estimate, truth, stdErr, z);
        assertTrue(Math.abs(z) < 3, what + " " + estimate + " vs " + truth + " (se " + stdErr + ", z " + z + ")");
    }
}
