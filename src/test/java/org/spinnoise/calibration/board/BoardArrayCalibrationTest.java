package org.spinnoise.calibration.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * Per-junction board sources on the four-junction emulated board (demo-board-array.json, V50 spread 0.58 .. 0.70 V):
 * each junction calibrated through its own source on one shared client, then the junctions streaming in turns, each
 * at its own V50, with the bits of each near 1/2.
 */
class BoardArrayCalibrationTest {
    private static final BoardOperatingPoint START =
            new BoardOperatingPoint(0.6, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 0, 1);

    @Test
    void eachJunctionIsCalibratedAtItsOwnV50AndTheyStreamInTurns() throws Exception {
        int[] junctions = {0, 3};
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demoArray(), 41);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            assertEquals(4, client.hello().junctions());
            BoardOperatingPoint[] calibrated = new BoardOperatingPoint[junctions.length];
            for (int k = 0; k < junctions.length; k++) {
                int j = junctions[k];
                BoardBitSource probe = BoardBitSource.forJunction(client, j, START,
                        BoardBitSource.StreamPlan.lockstep(0, 1.5), () -> false);
                BoardCalibration.Result r = BoardCalibration.run(probe, BoardCalibration.Plan.defaults(1e-8, j, 0.1),
                        s -> { }, () -> false);
                double truth = board.junction(j).v50VoltsAt(1e-8);
                assertTrue(Math.abs(r.fit().v50Volts() - truth) < 3 * r.fit().v50StdErrVolts(),
                        "junction " + j + ": V50 " + r.fit().v50Volts() + " vs " + truth);
                calibrated[k] = probe.applied();
                assertEquals(1L << j, calibrated[k].junctionMask());
            }
            assertTrue(calibrated[1].writeVolts() - calibrated[0].writeVolts() > 0.1, "the spread shows");

            BoardBitSource.StreamPlan continuous = new BoardBitSource.StreamPlan(512, 4, 0, 1.5);
            BoardBitSource[] sources = new BoardBitSource[junctions.length];
            for (int k = 0; k < junctions.length; k++) {
                sources[k] = BoardBitSource.forJunction(client, junctions[k], calibrated[k], continuous, () -> false);
            }
            long[] bits = new long[junctions.length];
            long[] ones = new long[junctions.length];
            for (int turn = 0; turn < 6; turn++) {
                int k = turn % junctions.length;
                long goal = bits[k] + 50_000;
                while (bits[k] < goal) {
                    BitBatch b = sources[k].nextBatch(16_384);
                    assertEquals(bits[k], b.firstIndex());
                    bits[k] += b.bitCount();
                    ones[k] += b.ones();
                }
                sources[k].pause();
            }
            for (int k = 0; k < junctions.length; k++) {
                double p = (double) ones[k] / bits[k];
                assertEquals(0.5, p, 0.03, "junction " + junctions[k] + " at its own V50");
                assertEquals(3, sources[k].streamsStarted());
            }
        }
    }
}
