package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulationException;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz targets for the JSON files a user hands spinnoise: recipes, run manifests, device profiles, simulated bench
 * files and board bench files. The oracle: each reader throws only its documented error (IOException for recipes,
 * manifests and profiles; SimulationException for bench files) with a one-line message, never a raw parser or
 * runtime exception, naming the file; no hang; and a profile it reads writes back to a file that reads as the same profile.
 */
class InputFileFuzzTest {
    private static final long FIXED_BYTES = 64 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 4096;
    private static final int SEEDED_EXECUTIONS = 300;
    private static final Path DIR = scratch();

    /** A scratch folder with a copy of the simulated models beside benches/, as BenchFile.read expects. */
    private static Path scratch() {
        try {
            Path dir = Files.createTempDirectory("spinnoise-fuzz-inputs");
            Files.createDirectories(dir.resolve("benches"));
            Path models = Path.of(System.getProperty("spinnoise.projectDir", ".")).resolve("mock-instruments/models");
            Files.createDirectories(dir.resolve("models"));
            try (Stream<Path> files = Files.list(models)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Files.copy(file, dir.resolve("models").resolve(file.getFileName()));
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a scratch folder left in the temp dir does no harm
        }
    }

    private static Path write(String name, byte[] input) {
        try {
            return Files.write(DIR.resolve(name), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A reader's error names the file it could not read (the one given, or a model file a bench names), so a user
     * knows which one to fix.
     */
    private static <T> T namingTheFile(byte[] input, Class<? extends Throwable> documented,
                                       FuzzOracle.Parse<T> read) {
        return FuzzOracle.check(input, documented, FIXED_BYTES, BYTES_PER_INPUT_BYTE, () -> {
            try {
                return read.run();
            } catch (Throwable t) {
                if (documented.isInstance(t) && t.getMessage() != null
                        && !t.getMessage().contains(DIR.toString())) {
                    throw new AssertionError("error does not name the file: " + t.getMessage(), t);
                }
                throw t;
            }
        });
    }

    @FuzzTest(maxDuration = "5m")
    void recipe(byte[] input) {
        Path file = write("recipe.json", input);
        namingTheFile(input, IOException.class, () -> AcquisitionPlan.read(file));
    }

    @FuzzTest(maxDuration = "5m")
    void manifest(byte[] input) {
        Path file = write("manifest.json", input);
        namingTheFile(input, IOException.class, () -> RunFolder.read(file));
    }

    @FuzzTest(maxDuration = "5m")
    void profile(byte[] input) throws IOException {
        Path file = write("profile.json", input);
        DeviceProfile profile = namingTheFile(input, IOException.class, () -> DeviceProfiles.read(file));
        if (profile != null) {
            Path again = DIR.resolve("profile-again.json");
            DeviceProfiles.write(again, profile);
            assertEquals(profile, DeviceProfiles.read(again), "profile does not read back for "
                    + FuzzOracle.hex(input));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void bench(byte[] input) {
        Path file = write("benches/bench.json", input);
        namingTheFile(input, SimulationException.class, () -> BenchFile.read(file));
    }

    @FuzzTest(maxDuration = "5m")
    void boardBench(byte[] input) {
        Path file = write("board-bench.json", input);
        namingTheFile(input, SimulationException.class, () -> BoardBenchFile.read(file));
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfEachCorpusHoldTheOracle() throws IOException {
        new SeededMutation(18_41, SeedCorpus.of(getClass(), "recipe"), 1 << 16).run(SEEDED_EXECUTIONS, this::recipe);
        new SeededMutation(18_42, SeedCorpus.of(getClass(), "manifest"), 1 << 16)
                .run(SEEDED_EXECUTIONS, this::manifest);
        new SeededMutation(18_43, SeedCorpus.of(getClass(), "profile"), 1 << 16).run(SEEDED_EXECUTIONS, input -> {
            try {
                profile(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        new SeededMutation(18_44, SeedCorpus.of(getClass(), "bench"), 1 << 16).run(SEEDED_EXECUTIONS, this::bench);
        new SeededMutation(18_45, SeedCorpus.of(getClass(), "boardBench"), 1 << 16)
                .run(SEEDED_EXECUTIONS, this::boardBench);
    }
}
