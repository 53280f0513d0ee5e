package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.RunStatus;

/**
 * Which run folders may enter the pool: complete runs; interrupted and failed ones whose manifest says how their bits
 * were confirmed and whose health tests passed; never a run still marked "running" (killed before it could confirm
 * or close anything) nor an old failed run without a confirmation record.
 */
class RunIngestPolicyTest {
    private static final int BITS = 16_384;

    @TempDir
    Path dir;

    @Test
    void anInterruptedRunWithConfirmedHealthyBitsIsTaken() throws Exception {
        RunFolder run = folder("interrupted", true, true);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            RunIngest.Result result = RunIngest.ingest(run, pool, null, Math.scalb(1.0, -30));
            assertEquals(BITS, result.ingest().rawBitsIn());
        }
    }

    @Test
    void aFailedRunWithConfirmedHealthyBitsIsTaken() throws Exception {
        RunFolder run = folder("failed", true, true);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            assertEquals(BITS, RunIngest.ingest(run, pool, null, Math.scalb(1.0, -30)).ingest().rawBitsIn());
        }
    }

    /**
     * Issue 18, defect 2: a credit too low for the health tests was refused only after the run's bits were claimed,
     * so the run could never enter that pool again; now it says the entropy is too low and the run stays unclaimed.
     */
    @Test
    void aCreditTooLowIsRefusedBeforeTheRunIsClaimed() throws Exception {
        RunFolder run = folder("interrupted", true, true);
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            IOException e = assertThrows(IOException.class,
                    () -> RunIngest.ingest(run, pool, 0.000997, Math.scalb(1.0, -30)));
            assertTrue(e.getMessage().contains("0.000997 bits per raw bit is too low to credit")
                    && e.getMessage().contains("nothing was taken in"), e.getMessage());
            assertEquals(0, pool.status().rawBitsIn());
            assertEquals(BITS, RunIngest.ingest(RunFolder.open(run.dir()), pool, 0.9, Math.scalb(1.0, -30))
                    .ingest().rawBitsIn(), "the same run is taken in with a credit the tests can work with");
        }
    }

    @Test
    void aRunStillMarkedRunningIsRefused() throws Exception {
        assertRefused(folder("running", true, true), "'running'");
    }

    @Test
    void aFailedRunWithoutAConfirmationRecordIsRefused() throws Exception {
        assertRefused(folder("failed", false, true), "bits_confirmed_by");
    }

    @Test
    void anInterruptedRunWhoseHealthTestsFailedIsRefused() throws Exception {
        assertRefused(folder("interrupted", true, false), "health tests did not pass");
    }

    private void assertRefused(RunFolder run, String why) throws Exception {
        try (EntropyPool pool = EntropyPool.open(dir.resolve("pool"), PoolConfig.defaults())) {
            IOException e = assertThrows(IOException.class, () -> RunIngest.ingest(run, pool, null, 1e-9));
            assertTrue(e.getMessage().startsWith(run.dir().toString()) && e.getMessage().contains(why),
                    e.getMessage());
            assertEquals(0, pool.status().bytesAvailable());
        }
        assertNull(RunFolder.open(run.dir()).manifest().poolIngest());
    }

    private RunFolder folder(String status, boolean confirmed, boolean healthy) throws IOException {
        RunFolder run = RunFolder.create(dir.resolve("runs"), status);
        run.update(m -> m.withRun(new RunStatus("bench", "2026-12-01T00:00:00Z", status, null, null, null, null, null))
                .withAcquisition(Acquisition.starting("test", null, "bits.bin", null, null,
                        confirmed ? "a clean *ESR? check after every 256 bits" : null, BITS)
                        .withCounts(BITS, BITS / 2, 1, null, 0, 0, healthy)));
        run.saveManifest();
        byte[] bits = new byte[BITS / 8];
        SplittableRandom random = new SplittableRandom(status.hashCode() * 31L + (confirmed ? 1 : 0) + (healthy ? 2 : 0));
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) random.nextInt(256);
        }
        Files.write(run.file("bits.bin"), bits);
        return RunFolder.open(run.dir());
    }
}
