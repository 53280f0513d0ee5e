package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.testing.DemoBench;

/**
 * Issue 14, defect 2: a pulse generator that refuses every 500th trigger (-211 "Trigger ignored", no pulse) must stop
 * the run, and no bit made since the last clean error check may reach bits.bin. The old loop never read the error
 * queue: the run ended "complete" with the bits of the missed writes in it.
 */
class InstrumentErrorCheckTest {
    private static final int BATCH = org.spinnoise.bits.PerBitBenchSource.CONFIRM_EVERY_BITS;

    @TempDir
    Path runs;

    @Test
    void aRefusedTriggerStopsTheAcquisitionAndOnlyConfirmedBitsAreKept() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(20_000);
        RunFolder folder = RunFolder.create(runs, "refused-trigger");
        try (DemoBench bench = DemoBench.start(41); Bench connected = bench.connect()) {
            RunListener faultAfter1000 = new RunListener() {
                private boolean injected;

                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 1000 && !injected) {
                        injected = true;
                        bench.sim.faults().ignoreEveryNthTrigger("pulse", 500);
                    }
                }
            };
            bench.wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            InstrumentException e = assertThrows(InstrumentException.class,
                    new CalibratedAcquisition(connected, plan, folder, bench.wire, faultAfter1000)::run);
            assertTrue(e.getMessage().startsWith("pulse (") && e.getMessage().contains("-211"), e.getMessage());
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("failed", manifest.status());
        assertTrue(manifest.run().error().contains("Trigger ignored"), manifest.run().error());
        long bits = manifest.bits();
        // Confirmed in 256-bit batches: the fault came in after the batch that crossed 1000 bits (1024), and the
        // 500th trigger after it (two per bit) fell in the next batch, which was discarded whole.
        assertEquals(4 * BATCH, bits);
        assertEquals(BATCH, manifest.acquisition().discardedUnconfirmedBits());
        assertEquals(List.of(BatchRecorder.EVENTS_HEADER), Files.readAllLines(folder.file("events.csv")).subList(0, 1));
        assertTrue(Files.readAllLines(folder.file("events.csv")).get(1).contains(",discarded," + BATCH + ","));
        assertEquals(bits / 8, Files.size(folder.file("bits.bin")));
        List<String> reads = Files.readAllLines(folder.file("reads.csv"));
        assertEquals(bits + 1, reads.size());
        assertTrue(reads.get(reads.size() - 1).startsWith((bits - 1) + ","), reads.get(reads.size() - 1));
        assertFalse(manifest.acquisition().bitsConfirmedBy().isEmpty());
        assertTrue(manifest.run().safeState().get("pulse ch1").startsWith("off")
                && manifest.run().safeState().get("pulse ch2").startsWith("off")
                && manifest.run().safeState().get("smu").equals("off, 0 V"), manifest.run().toString());
    }

    @Test
    void aRefusedTriggerDuringTheThresholdCalibrationFailsIt() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(2_000);
        RunFolder folder = RunFolder.create(runs, "refused-in-calibration");
        try (DemoBench bench = DemoBench.start(42); Bench connected = bench.connect()) {
            // 50 read pairs fire 150 triggers: the 100th is refused, so the "antiparallel" level misses a set pulse.
            bench.sim.faults().ignoreEveryNthTrigger("pulse", 100);
            InstrumentException e = assertThrows(InstrumentException.class,
                    new CalibratedAcquisition(connected, plan, folder, bench.wire, new RunListener() { })::run);
            assertTrue(e.getMessage().contains("Trigger ignored"), e.getMessage());
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("failed", manifest.status());
        assertNull(manifest.calibration(), manifest.toString());
        assertEquals(List.of("intended_bit,resistance_ohms"), Files.readAllLines(folder.file("levels.csv")));
        assertFalse(Files.exists(folder.file("bits.bin")));
    }

    @Test
    void aRefusedTriggerDuringTheSweepFailsItAtThatPoint() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(2_000);
        RunFolder folder = RunFolder.create(runs, "refused-in-sweep");
        try (DemoBench bench = DemoBench.start(43); Bench connected = bench.connect()) {
            RunListener faultInSweep = new RunListener() {
                @Override
                public void stage(String description) {
                    if (description.startsWith("sweeping")) {
                        bench.sim.faults().ignoreEveryNthTrigger("pulse", 1000);
                    }
                }
            };
            InstrumentException e = assertThrows(InstrumentException.class,
                    new CalibratedAcquisition(connected, plan, folder, bench.wire, faultInSweep)::run);
            assertTrue(e.getMessage().contains("Trigger ignored"), e.getMessage());
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("failed", manifest.status());
        assertNull(manifest.calibration().sweepFit(), manifest.toString());
        // 200 pulses per point, two triggers each: points 1 and 2 were confirmed, the 1000th trigger fell in point 3.
        assertEquals(1 + 2 * 200, Files.readAllLines(folder.file("sweep-reads.csv")).size());
    }
}
