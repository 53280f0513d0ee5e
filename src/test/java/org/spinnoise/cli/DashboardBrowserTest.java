package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.LiveRun;
import org.spinnoise.testing.HeadlessChromium;
import org.spinnoise.testing.JunctionPool;
import org.spinnoise.testing.ChildJvm;

/**
 * The live dashboard in a real browser: {@code spinnoise acquire --bench ... --dashboard} runs in its own JVM on the
 * simulated bench, headless Chromium loads the URL it printed, and the figures the page shows are read from its DOM
 * twice, a couple of seconds apart, while the acquisition goes on: the bits grow, the rate is positive and the pool's
 * level is the pool's.
 */
class DashboardBrowserTest {
    @TempDir
    Path dir;

    @Test
    void thePageShowsTheRunningAcquisitionAndThePoolAndItsNumbersMove() throws Exception {
        assumeTrue(HeadlessChromium.executable() != null || System.getenv("CI") != null,
                "chromium-headless-shell is not installed (.ci/install-deps installs it)");
        Path pool = dir.resolve("pool");
        JunctionPool.fill(pool, 8_000, 5);
        long poolBytes = EntropyPool.inspect(pool).bytesAvailable();
        assertTrue(poolBytes > 0);
        Path recipe = dir.resolve("recipe.json");
        AcquisitionPlan demo = AcquisitionPlan.demo();
        // A short calibration, then far more bits than the test waits for: the run is stopped at the end.
        new ObjectMapper().writeValue(recipe.toFile(), new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(),
                demo.reset(), new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 30),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 100,
                        demo.sweep().widthSeconds()), 5_000_000, demo.health(), 1,
                new AcquisitionPlan.SchemePlan("per-bit", 1, 1000)));
        try (ChildJvm child = ChildCli.start("acquire", "--bench", "mock-instruments/benches/demo.json", "--recipe",
                recipe.toString(), "--runs", dir.resolve("runs").toString(), "--pool", pool.toString(), "--no-pool",
                "--dashboard");
             HeadlessChromium browser = HeadlessChromium.start()) {
            child.awaitLine("dashboard on http://127.0.0.1:", 20);
            String url = child.out().stream().filter(l -> l.startsWith("dashboard on ")).findFirst().orElseThrow()
                    .substring("dashboard on ".length()).trim();
            child.awaitLine("* acquiring", 30);
            browser.navigate(url);
            awaitPolls(browser, 1);
            long bitsBefore = figure(browser, "bits-total");
            Thread.sleep(2500);
            awaitPolls(browser, 3);
            long bitsAfter = figure(browser, "bits-total");
            double rate = figure(browser, "bits-per-second");
            assertTrue(bitsAfter > bitsBefore, "bits shown: " + bitsBefore + " then " + bitsAfter);
            assertTrue(rate > 0, "bits/s shown: " + rate);
            assertEquals(5_000_000, figure(browser, "total-bits"));
            assertEquals(poolBytes, figure(browser, "pool-bytes"));
            assertEquals("running", browser.evaluate("document.getElementById('run-status').textContent"));
            assertEquals("", browser.evaluate("document.getElementById('error').textContent"));
            child.signal("INT");
            assertEquals(130, child.awaitExit(30), child.transcript());
            JsonNode last;
            try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
                last = new ObjectMapper().readTree(runs.findFirst().orElseThrow().resolve(LiveRun.FILE).toFile());
            }
            assertEquals("interrupted", last.get("status").asText());
            assertTrue(last.get("bits").asLong() >= bitsAfter, last.toString());
        }
    }

    private static void awaitPolls(HeadlessChromium browser, int polls) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            Object n = browser.evaluate("Number(document.body.dataset.polls || 0)");
            if (n instanceof Number number && number.intValue() >= polls) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the page polled its state " + n + " times in 10 s");
            }
            Thread.sleep(100);
        }
    }

    /** A figure as the page shows it ("12,345" or "1,234.5"), as a number. */
    private static long figure(HeadlessChromium browser, String id) throws Exception {
        String text = (String) browser.evaluate("document.getElementById('" + id + "').textContent");
        return Math.round(Double.parseDouble(text.replace(",", "")));
    }
}
