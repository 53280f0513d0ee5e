package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code bench sampler}'s demo timing: the whole demo runs in a fresh JVM on this test's class path, exits 0 (a failed
 * demo throws with its last line), and leaves no temporary folder behind.
 */
class DemoWallClockTest {

    @Test
    void timesAWholeDemoInAFreshJvmAndCleansUp() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        long before = benchFolders(tmp);
        double seconds = DemoWallClock.seconds();
        assertTrue(seconds > 1 && seconds < 900, "demo took " + seconds + " s");
        assertTrue(benchFolders(tmp) <= before, "the temporary demo folder was removed");
    }

    private static long benchFolders(Path tmp) throws Exception {
        try (Stream<Path> entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("spinnoise-demo-bench")).count();
        }
    }
}
