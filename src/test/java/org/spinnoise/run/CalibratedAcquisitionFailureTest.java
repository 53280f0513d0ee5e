package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.testing.DemoBench;

/** An instrument that falls silent mid-acquisition: the run fails clearly and keeps every bit it had acquired. */
class CalibratedAcquisitionFailureTest {
    @TempDir
    Path runs;

    @Test
    void aSilentSmuMidRunLeavesEveryAcquiredBitOnDisk() throws Exception {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        AcquisitionPlan plan = new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                demo.levels(), SweepPlan.linear(0.44, 0.56, 7, 200, 2e-8), 10_000, demo.health(), 1,
                SmallPlans.PER_BIT, SmallPlans.QUICK_RECONNECT);
        RunFolder folder = RunFolder.create(runs, "failing");
        try (DemoBench bench = DemoBench.start(31); Bench connected = bench.connect()) {
            RunListener silenceAfter2000 = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 2000) {
                        bench.sim.faults().silence("smu");
                    }
                }
            };
            bench.wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            CalibratedAcquisition run = new CalibratedAcquisition(connected, plan, folder, bench.wire,
                    silenceAfter2000);
            InstrumentException e = assertThrows(InstrumentException.class, run::run);
            assertTrue(e.getMessage().contains("smu") && e.getMessage().contains(":READ?"), e.getMessage());
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("failed", manifest.status());
        assertTrue(manifest.run().error().contains(":READ?"));
        long bits = manifest.bits();
        assertTrue(bits >= 2000 && bits < 10_000, "bits " + bits);
        assertEquals(bits + 1, Files.readAllLines(folder.file("reads.csv")).size());
        assertEquals((bits + 7) / 8, Files.size(folder.file("bits.bin")));
        assertTrue(manifest.files().get("reads.csv").bytes() > 0);
    }
}
