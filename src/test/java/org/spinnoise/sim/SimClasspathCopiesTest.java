package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code mock-instruments/} is the one source of models and benches; the build copies it into the jar so
 * {@code java -jar} finds them from any directory. This fails if a file is left out of the jar's class path.
 */
class SimClasspathCopiesTest {
    private static final Path SOURCE = SimBenchFileTest.PROJECT.resolve("mock-instruments");

    @Test
    void everyModelAndBenchIsOnTheClasspath() throws IOException {
        List<String> sources;
        try (Stream<Path> files = Files.walk(SOURCE)) {
            sources = files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> SOURCE.relativize(f).toString()).sorted().collect(Collectors.toList());
        }
        assertFalse(sources.isEmpty());
        for (String file : sources) {
            try (InputStream onClasspath = BenchFile.class.getResourceAsStream(BenchFile.CLASSPATH_ROOT + file)) {
                assertNotNull(onClasspath, file + " is not on the classpath");
                assertArrayEquals(Files.readAllBytes(SOURCE.resolve(file)), onClasspath.readAllBytes(), file);
            }
        }
    }
}
