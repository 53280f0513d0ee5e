package org.spinnoise.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code spinnoise demo} as a new user runs it, for {@code bench sampler}: a fresh JVM (this one's java, class
 * path and Vector API option), an empty pool and run folder in a temporary directory, the whole chain from the
 * simulated bench to the trng sample grid. The Maven build is not counted. The temporary directory is removed.
 */
final class DemoWallClock {
    /** How long a demo may take before the benchmark gives up on it. */
    private static final long LIMIT_MINUTES = 15;

    private DemoWallClock() {
    }

    /** The demo's wall time in seconds; its output goes to {@code log} in a temporary folder that is then removed. */
    static double seconds() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("spinnoise-demo-bench");
        try {
            List<String> command = Main.freshJvmCommand(List.of(), List.of("demo", "--pool",
                    dir.resolve("pool").toString(),
                    "--runs", dir.resolve("runs").toString()));
            Path log = dir.resolve("demo.log");
            long start = System.nanoTime();
            Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!demo.waitFor(LIMIT_MINUTES, TimeUnit.MINUTES)) {
                demo.destroyForcibly();
                throw new IOException("bench sampler: the demo did not finish within " + LIMIT_MINUTES + " minutes");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (demo.exitValue() != 0) {
                List<String> lines = Files.readAllLines(log);
                throw new IOException("bench sampler: the demo failed (exit " + demo.exitValue() + "): "
                        + (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)));
            }
            return seconds;
        } finally {
            NoiseBenchCommand.deleteTree(dir);
        }
    }
}
