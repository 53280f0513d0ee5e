package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.testing.DemoBench;

/**
 * Issue 14, defect 3 (in-process half): when an instrument stalls mid-run, every other output still ends off, the
 * manifest records each output's safe state, and its finish time and status are written after the safe state was
 * tried. The old engine wrote "finished" first, then spent a timeout on the silent SMU.
 */
class RunEndsSafeTest {
    @TempDir
    Path runs;

    @Test
    void aStalledSmuLeavesThePulseOutputsOffAndTheManifestFinishesAfterTheSafeState() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(5_000);
        RunFolder folder = RunFolder.create(runs, "stalled-smu");
        try (DemoBench bench = DemoBench.start(51); Bench connected = bench.connect()) {
            RunListener silenceAfter1000 = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= 1000) {
                        bench.sim.faults().silence("smu");
                    }
                }
            };
            bench.wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            InstrumentException failure = assertThrows(InstrumentException.class,
                    new CalibratedAcquisition(connected, plan, folder, bench.wire, silenceAfter1000)::run);
            // The user's one line names the output left on, not only the log and the manifest.
            String line = OutputsLeftOnException.userLine(failure);
            assertTrue(line.startsWith(failure.getMessage()) && line.contains("outputs NOT confirmed off")
                    && line.contains("smu: "), line);
            assertFalse(bench.sim.outputOn("pulse", 1) || bench.sim.outputOn("pulse", 2), "a pulse output was left on");
        }
        org.spinnoise.run.manifest.RunStatus run = RunFolder.open(folder.dir()).manifest().run();
        assertEquals("failed", run.status());
        assertEquals("off, high 0.002 V, low 0 V", run.safeState().get("pulse ch1"));
        assertEquals("off, high 0.002 V, low 0 V", run.safeState().get("pulse ch2"));
        assertTrue(run.safeState().get("smu").startsWith("FAILED: off FAILED"), run.toString());
        Instant finished = Instant.parse(run.finished());
        Instant lastExchange = lastTranscriptTime(folder.file(CalibratedAcquisition.TRANSCRIPT));
        assertFalse(finished.isBefore(lastExchange), "manifest finished at " + finished + " but the safe state was "
                + "still talking to the bench at " + lastExchange);
    }

    /**
     * A run whose every stage succeeded but whose SMU then fell silent, so its output was never confirmed off, keeps
     * its bits and its "complete" status and still fails with one line naming the SMU.
     */
    @Test
    void aRunThatCompletesWithAnOutputLeftOnFailsNamingIt() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(3_000);
        RunFolder folder = RunFolder.create(runs, "silent-at-end");
        try (DemoBench bench = DemoBench.start(52); Bench connected = bench.connect()) {
            RunListener silenceAtTheEnd = new RunListener() {
                @Override
                public void acquired(long bits, long totalBits) {
                    if (bits >= totalBits) {
                        bench.sim.faults().silence("smu");
                    }
                }
            };
            OutputsLeftOnException failure = assertThrows(OutputsLeftOnException.class,
                    new CalibratedAcquisition(connected, plan, folder, bench.wire, silenceAtTheEnd)::run);
            assertTrue(failure.getMessage().contains("smu: ") && failure.getMessage().contains(folder.dir().toString()),
                    failure.getMessage());
            assertEquals(failure.getMessage(), OutputsLeftOnException.userLine(failure));
            assertFalse(bench.sim.outputOn("pulse", 1) || bench.sim.outputOn("pulse", 2), "a pulse output was left on");
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", manifest.status());
        assertEquals(3_000, manifest.bits());
    }

    /** The time stamp of the transcript's last line; reading to the end also proves the gzip stream was finished. */
    private static Instant lastTranscriptTime(Path transcript) throws Exception {
        String last = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(transcript)), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                last = line;
            }
        }
        assertTrue(last != null && last.contains("smu"), "the transcript should end with the safe state: " + last);
        return Instant.parse(last.substring(0, last.indexOf(' ')));
    }
}
