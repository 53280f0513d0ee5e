package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds the C reference codec (firmware-protocol/c) with gcc in a temporary directory, with the Makefile's strict
 * flags, and runs its test program on the golden vectors: the C and Java codecs must agree with the same file.
 * Skipped only when gcc is absent (.ci/install-deps installs it).
 */
class CReferenceCodecTest {
    private static final Path SOURCES = Path.of("firmware-protocol", "c");

    @Test
    void cCodecBuildsWithStrictFlagsAndPassesEveryVector(@TempDir Path build) throws IOException,
            InterruptedException {
        Assumptions.assumeTrue(onPath("gcc"), "gcc is not installed (.ci/install-deps installs it)");
        List<String> command = new ArrayList<>(List.of("gcc", "-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic",
                "-O2", "-o", build.resolve("test_vectors").toString()));
        try (Stream<Path> files = Files.list(SOURCES)) {
            files.filter(p -> p.toString().endsWith(".c")).sorted().forEach(p -> command.add(p.toString()));
        }
        String makefile = Files.readString(SOURCES.resolve("Makefile"));
        assertTrue(makefile.contains("-std=c99 -Wall -Wextra -Werror -pedantic"), "the Makefile's flags changed");
        Result compile = run(command);
        assertEquals(0, compile.exit(), "gcc failed:\n" + compile.output());
        Result test = run(List.of(build.resolve("test_vectors").toString(),
                FrameVectorsTest.VECTORS.toAbsolutePath().toString()));
        int vectors = FrameVectorsTest.read().size();
        assertEquals(0, test.exit(), "C codec failed vectors:\n" + test.output());
        assertEquals(vectors + " vectors, 0 failures", test.output().strip());
    }

    private record Result(int exit, String output) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
        return new Result(p.exitValue(), output);
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
