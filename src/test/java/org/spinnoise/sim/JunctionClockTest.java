package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/** Drift on a modelled time axis: a pulse-paced clock, a shared clock on a bench and on the board emulator. */
class JunctionClockTest {
    private static final JunctionSpec DEMO = BenchFile.demo().junctions().get(0);

    @Test
    void aPulsePacedJunctionDriftsWithItsPulsesAndOnlyThen() {
        // 36 mV/h is 10 uV per modelled second; one pulse is a modelled second.
        MtjJunction j = JunctionClock.perPulse(1.0).junction(DriftingJunctions.withDrift(DEMO, 0.036), 1);
        double start = j.v50Volts();
        assertEquals(DEMO.v50Volts(), start, 1e-12);
        for (int i = 0; i < 1000; i++) {
            j.applyPulse(0.1, 1e-8);
        }
        assertEquals(start + 0.010, j.v50Volts(), 1e-9);
        assertEquals(start + 0.010, j.v50Volts(), 1e-9, "reading the junction does not move its clock");
    }

    @Test
    void aBenchOnASharedModelledClockDriftsWhenTheClockIsAdvanced() {
        ModelledClock clock = new ModelledClock();
        try (SimulatedBench bench = SimulatedBench.start(DriftingJunctions.withDrift(BenchFile.demo(), 0.005), 3,
                clock)) {
            double start = bench.junction(0).v50Volts();
            clock.advanceSeconds(2 * 3600);
            assertEquals(start + 0.010, bench.junction(0).v50Volts(), 1e-9);
        }
    }

    @Test
    void theBoardEmulatorsBitsFollowDriftOnItsModelledClock() throws Exception {
        ModelledClock clock = new ModelledClock();
        BoardBenchFile drifting = DriftingJunctions.withDrift(BoardBenchFile.demo(), 0.18);
        try (BoardEmulator board = BoardEmulator.start(drifting, 4, false, JunctionClock.shared(clock));
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            client.configure(new BoardOperatingPoint(board.junction(0).v50VoltsAt(1e-8), 1e-8, -1.0, 1e-8, 1e-7,
                    31_000, 2_000, 1), 1.5);
            double before = bias(client);
            clock.advanceSeconds(300); // 15 mV of drift, a whole ΔV: p falls to about 0.27
            double after = bias(client);
            assertTrue(Math.abs(before) < 0.01, "bias at V50 " + before);
            assertTrue(after < -0.15, "bias after 5 modelled minutes at 180 mV/h " + after);
        }
    }

    private static double bias(BoardClient client) throws Exception {
        long bits = 1 << 20;
        BoardStream stream = client.start(1024, 4, bits);
        byte[] chunk = new byte[1 << 16];
        long ones = 0;
        long got = 0;
        for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
            for (int i = 0; i < n; i++) {
                ones += Integer.bitCount(chunk[i] & 0xFF);
            }
            got += 8L * n;
            if (got >= bits) {
                stream.requestStop();
            }
        }
        return (double) ones / got - 0.5;
    }
}
