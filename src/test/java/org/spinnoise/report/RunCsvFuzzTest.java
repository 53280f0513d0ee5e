package org.spinnoise.report;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz target for the run-folder CSV files the plots read ({@link CsvTable}): a damaged or hand-edited file is refused
 * with an IOException whose one line names the file, never a raw runtime exception.
 */
class RunCsvFuzzTest {
    private static final int SEEDED_EXECUTIONS = 3_000;
    private static final Path FILE = scratchFile();

    private static Path scratchFile() {
        try {
            Path dir = Files.createTempDirectory("spinnoise-fuzz-csv");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("sweep.csv");
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "5m")
    void runCsv(byte[] input) throws IOException {
        Files.write(FILE, input);
        FuzzOracle.check(input, IOException.class, 4 << 20, 256, () -> {
            try {
                return CsvTable.read(FILE);
            } catch (IOException e) {
                if (e.getMessage() == null || !e.getMessage().contains(FILE.toString())) {
                    throw new AssertionError("error does not name " + FILE + ": " + e.getMessage(), e);
                }
                throw e;
            }
        });
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfTheCorpusHoldTheOracle() {
        new SeededMutation(18_61, SeedCorpus.of(getClass(), "runCsv"), 8192).run(SEEDED_EXECUTIONS, input -> {
            try {
                runCsv(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
