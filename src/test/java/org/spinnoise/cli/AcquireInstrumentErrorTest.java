package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
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

/**
 * Issue 14, defect 2 from the command line: a pulse generator that refuses triggers makes {@code spinnoise acquire}
 * fail with one line naming the instrument and its error, exit 1, leave a "failed" run folder and put nothing into
 * the pool. The old command exited 0 and ingested the bits of the missed writes.
 */
class AcquireInstrumentErrorTest {
    @TempDir
    Path dir;

    @Test
    void refusedTriggersEndTheCommandWithOneLineAndNothingReachesThePool() throws Exception {
        Path recipe = dir.resolve("recipe.json");
        AcquisitionPlan demo = AcquisitionPlan.demo();
        // 50 read pairs (150 triggers) and 11 x 200 sweep pulses (4,400 triggers) pass; the 5,000th trigger, in the
        // first bits at V50, is refused.
        new ObjectMapper().writeValue(recipe.toFile(), new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(),
                demo.reset(), new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                        demo.sweep().widthSeconds()), 20_000, demo.health(), 1,
                // the fault injected is a refused bus trigger: the per-bit scheme\'s
                new AcquisitionPlan.SchemePlan("per-bit", 1, 1000)));
        Path runs = dir.resolve("runs");
        Path pool = dir.resolve("pool");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (SimulatedBench sim = SimulatedBench.start(BenchFile.demo(), 61)) {
            sim.faults().ignoreEveryNthTrigger("pulse", 5000);
            code = Main.run(new PrintWriter(out), new PrintWriter(err), "acquire", "--pulse", sim.address("pulse"),
                    "--smu", sim.address("smu"), "--recipe", recipe.toString(), "--runs", runs.toString(), "--pool",
                    pool.toString());
        }
        assertEquals(1, code, out + "\n" + err);
        List<String> lines = err.toString().lines().toList();
        assertEquals(1, lines.size(), err.toString());
        assertTrue(lines.get(0).startsWith("spinnoise: pulse (") && lines.get(0).contains("-211")
                && lines.get(0).contains("Trigger ignored"), lines.get(0));
        RunManifest manifest;
        try (Stream<Path> folders = Files.list(runs)) {
            manifest = RunFolder.open(folders.findFirst().orElseThrow()).manifest();
        }
        assertEquals("failed", manifest.status());
        long bits = manifest.bits();
        assertTrue(bits < 20_000 && bits % 256 == 0, "kept " + bits + " bits");
        assertTrue(manifest.acquisition().discardedUnconfirmedBits() > 0, manifest.toString());
        assertTrue(manifest.poolIngest() == null && !Files.exists(pool), "bits reached the pool");
    }
}
