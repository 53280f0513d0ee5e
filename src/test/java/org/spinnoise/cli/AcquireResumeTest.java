package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * {@code spinnoise acquire --resume RUN} from the command line: a run that failed when the pulse generator refused a
 * trigger is continued, once the fault is gone, into the same folder and then enters the pool; a complete run and
 * a folder that is not a run are refused with one line.
 */
class AcquireResumeTest {
    private static final long BITS = 4_000;

    @TempDir
    Path dir;

    @Test
    void aRunThatFailedOnAnInstrumentErrorIsResumedToCompletionAndIngested() throws Exception {
        Path recipe = dir.resolve("recipe.json");
        AcquisitionPlan demo = AcquisitionPlan.demo();
        // 50 read pairs (150 triggers) and 11 x 200 sweep pulses (4,400 triggers) pass; the 6,000th trigger, the
        // 725th bit at V50, is refused: 512 bits are confirmed, the third batch is discarded.
        new ObjectMapper().writeValue(recipe.toFile(), new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(),
                demo.reset(), new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                        demo.sweep().widthSeconds()), BITS, demo.health(), 1,
                // the fault injected is a refused bus trigger: the per-bit scheme's
                new AcquisitionPlan.SchemePlan("per-bit", 1, 1000)));
        Path runs = dir.resolve("runs");
        Path pool = dir.resolve("pool");
        try (SimulatedBench sim = SimulatedBench.start(BenchFile.demo(), 71)) {
            sim.faults().ignoreEveryNthTrigger("pulse", 6000);
            Outcome failed = run("acquire", "--pulse", sim.address("pulse"), "--smu", sim.address("smu"), "--recipe",
                    recipe.toString(), "--runs", runs.toString(), "--pool", pool.toString());
            assertEquals(1, failed.code(), failed.out() + failed.err());
            Path folder;
            try (Stream<Path> folders = Files.list(runs)) {
                folder = folders.findFirst().orElseThrow();
            }
            assertEquals(512, RunFolder.open(folder).manifest().bits());

            sim.faults().clear("pulse");
            Outcome resumed = run("acquire", "--resume", folder.toString(), "--pool", pool.toString());
            assertEquals(0, resumed.code(), resumed.out() + resumed.err());
            assertTrue(resumed.out().contains("resuming " + folder + ": 512 of 4,000 bits confirmed"), resumed.out());
            RunManifest done = RunFolder.open(folder).manifest();
            assertEquals("complete", done.status());
            assertEquals(BITS, done.bits());
            assertEquals(512, done.resumes().get(0).bitsBefore());
            assertEquals("failed", done.resumes().get(0).resumedFrom());
            assertEquals(BITS, done.poolIngest().report().rawBitsIn());
            assertEquals(BITS / 8, Files.size(folder.resolve("bits.bin")));
            assertEquals(BITS + 1, Files.readAllLines(folder.resolve("reads.csv")).size());

            Outcome again = run("acquire", "--resume", folder.toString(), "--no-pool");
            assertEquals(1, again.code());
            assertEquals(List.of("spinnoise: " + folder + " is complete (4000 bits); there is nothing to resume: "
                    + "start a new run with spinnoise acquire"), again.err().lines().toList());
        }
    }

    @Test
    void aFolderThatIsNotARunIsRefusedInOneLine() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("photos"));
        Outcome refused = run("acquire", "--resume", notARun.toString(), "--no-pool");
        assertEquals(1, refused.code());
        assertEquals(List.of("spinnoise: " + notARun + " is not a run folder: it has no manifest.json"),
                refused.err().lines().toList());
    }

}
