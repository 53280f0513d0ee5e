package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * {@code mock-instruments/} is the one source of truth for models and benches; the copies under
 * {@code src/main/resources/org/spinnoise/sim/} exist so {@code java -jar} finds them. This fails when they drift.
 */
class SimClasspathCopiesTest {
    private static final Path SOURCE = SimBenchFileTest.PROJECT.resolve("mock-instruments");
    private static final Path COPY = SimBenchFileTest.PROJECT.resolve("src/main/resources/org/spinnoise/sim");

    private static List<String> jsonFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> f.toString().endsWith(".json"))
                    .map(f -> root.relativize(f).toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void classpathCopiesEqualMockInstruments() throws IOException {
        List<String> sources = jsonFiles(SOURCE);
        assertEquals(sources, jsonFiles(COPY),
                "copy mock-instruments/{models,benches}/*.json to src/main/resources/org/spinnoise/sim/");
        for (String file : sources) {
            assertArrayEquals(Files.readAllBytes(SOURCE.resolve(file)), Files.readAllBytes(COPY.resolve(file)),
                    file + " differs: copy mock-instruments/" + file + " to src/main/resources/org/spinnoise/sim/" + file);
            try (InputStream onClasspath = BenchFile.class.getResourceAsStream(BenchFile.CLASSPATH_ROOT + file)) {
                assertNotNull(onClasspath, file + " is not on the classpath");
                assertArrayEquals(Files.readAllBytes(SOURCE.resolve(file)), onClasspath.readAllBytes(), file);
            }
        }
    }
}
