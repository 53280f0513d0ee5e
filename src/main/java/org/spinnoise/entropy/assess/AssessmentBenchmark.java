package org.spinnoise.entropy.assess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spinnoise.progress.Progress;

/**
 * The estimator half of {@code spinnoise bench pool}: CPU and wall time of the SP 800-90B non-IID suite on a sample
 * of seeded fair bits (10^6 by default, the standard's minimum), and of the whole assessment a run's bits get at
 * ingest ({@link MinEntropyAssessment#assessPacked}, 10^8 bits by default, a 100 Mbit board run). CPU is the
 * process's (every thread, JIT and GC included), the figure comparable with NIST's {@code ea_non_iid}. Beside each:
 * the cost of just reading the same bits once (what no estimator can beat), and NIST's tool on the same 10^6 bits
 * when {@code ea_non_iid} is on the PATH. Each estimator's wall time at both sizes goes into the JSON by section, and
 * the run's CPU divided by the cores, the wall time a perfect schedule of the parallel estimators would reach.
 */
public final class AssessmentBenchmark {

    /** Runs of the suite after the first (cold) one; the best is reported. */
    static final int WARM_RUNS = 5;

    /** Seconds of wall and of process CPU. */
    public record Cost(double wallSeconds, double cpuSeconds) {
    }

    /**
     * @param suiteCold     the first run of the suite in this JVM (JIT compiling included)
     * @param suiteWarm     the best of the warm runs, by CPU
     * @param readSample    reading the suite's sample once (one pass, counting ones)
     * @param nist          NIST's ea_non_iid on the same sample, or null when it is not on the PATH
     * @param nistNote      what was run, or why not
     * @param runAssess     the ingest's assessment of the packed run bits (null when skipped)
     * @param readRun       unpacking the run bits to one per byte and counting ones once (null when skipped)
     */
    public record Result(int sampleBits, Assessment sample, Cost suiteCold, Cost suiteWarm, Cost readSample,
                         Cost nist, String nistNote, long runBits, Assessment run, Cost runAssess, Cost readRun) {

        /** The figures as JSON members (no braces), for the bench's one line. */
        public String jsonMembers() {
            StringBuilder json = new StringBuilder(String.format(Locale.ROOT,
                    "\"estimator_bits\":%d,\"suite_cpu_s\":%.3f,\"suite_wall_s\":%.3f,\"suite_cold_cpu_s\":%.3f,"
                            + "\"suite_cold_wall_s\":%.3f,\"read_sample_cpu_s\":%.4f,\"min_entropy_per_bit\":%.6f,"
                            + "\"nist_ea_non_iid_cpu_s\":%s,\"nist_ea_non_iid_wall_s\":%s",
                    sampleBits, suiteWarm.cpuSeconds, suiteWarm.wallSeconds, suiteCold.cpuSeconds,
                    suiteCold.wallSeconds, readSample.cpuSeconds, sample.minEntropyPerBit(),
                    nist == null ? "null" : String.format(Locale.ROOT, "%.3f", nist.cpuSeconds),
                    nist == null ? "null" : String.format(Locale.ROOT, "%.3f", nist.wallSeconds)));
            json.append(",\"estimator_wall_s\":").append(wallBySection(sample));
            if (run != null) {
                json.append(String.format(Locale.ROOT, ",\"run_bits\":%d,\"run_assess_wall_s\":%.3f,"
                                + "\"run_assess_cpu_s\":%.3f,\"run_read_wall_s\":%.3f,\"run_read_cpu_s\":%.3f,"
                                + "\"run_min_entropy_per_bit\":%.6f", runBits, runAssess.wallSeconds,
                        runAssess.cpuSeconds, readRun.wallSeconds, readRun.cpuSeconds, run.minEntropyPerBit()));
                json.append(String.format(Locale.ROOT, ",\"run_cpu_per_core_s\":%.3f,\"run_cpu_ns_per_bit\":%.1f",
                        runAssess.cpuSeconds / cores(), runAssess.cpuSeconds * 1e9 / runBits));
                json.append(",\"run_estimator_wall_s\":").append(wallBySection(run));
            }
            json.append(",\"cores\":").append(cores());
            return json.toString();
        }

        /** Each estimator's wall seconds keyed by its section, as a JSON object. */
        private static String wallBySection(Assessment assessment) {
            StringBuilder json = new StringBuilder("{");
            for (EstimatorResult e : assessment.results()) {
                json.append(json.length() > 1 ? "," : "").append(String.format(Locale.ROOT, "\"%s\":%.4f",
                        e.section(), e.seconds()));
            }
            return json.append('}').toString();
        }
    }

    private static long sink;

    private AssessmentBenchmark() {
    }

    /**
     * @param sampleBits bits for the suite timing (at least {@link MinEntropyAssessment#MIN_SAMPLES})
     * @param runBits    bits for the run assessment, 0 to skip it
     * @param lines      one line per measurement, for a CLI or a log
     * @param progress   progress of the run assessment
     */
    public static Result run(int sampleBits, long runBits, Consumer<String> lines, Progress progress) {
        if (sampleBits < MinEntropyAssessment.MIN_SAMPLES) {
            throw new IllegalArgumentException("the estimator sample needs at least " + MinEntropyAssessment.MIN_SAMPLES
                    + " bits, got " + sampleBits);
        }
        if (runBits != 0 && (runBits < MinEntropyAssessment.MIN_SAMPLES || runBits > Integer.MAX_VALUE - 8)) {
            throw new IllegalArgumentException("the run assessment takes 0 (skip) or " + MinEntropyAssessment.MIN_SAMPLES
                    + ".." + (Integer.MAX_VALUE - 8) + " bits, got " + runBits);
        }
        byte[] bits = new byte[sampleBits];
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) random.nextInt(2);
        }
        Cost readSample = measure(() -> sink += countOnes(bits));
        Assessment[] sample = new Assessment[1];
        Cost cold = measure(() -> sample[0] = MinEntropyAssessment.assessBits(bits));
        lines.accept(String.format(Locale.ROOT, "suite on %,d bits, first run: %.3f s CPU, %.3f s wall", sampleBits,
                cold.cpuSeconds, cold.wallSeconds));
        Cost warm = null;
        for (int i = 0; i < WARM_RUNS; i++) {
            Cost c = measure(() -> sample[0] = MinEntropyAssessment.assessBits(bits));
            lines.accept(String.format(Locale.ROOT, "suite on %,d bits, warm run %d/%d: %.3f s CPU, %.3f s wall",
                    sampleBits, i + 1, WARM_RUNS, c.cpuSeconds, c.wallSeconds));
            if (warm == null || c.cpuSeconds < warm.cpuSeconds) {
                warm = c;
            }
        }
        List<String> note = new ArrayList<>();
        Cost nist = nist(bits, note);
        Assessment run = null;
        Cost runAssess = null;
        Cost readRun = null;
        if (runBits > 0) {
            byte[] packed = new byte[(int) ((runBits + 7) / 8)];
            new SplittableRandom(2).nextBytes(packed);
            readRun = measure(() -> sink += unpackAndCount(packed, (int) runBits));
            Assessment[] holder = new Assessment[1];
            runAssess = measure(() -> holder[0] = MinEntropyAssessment.assessPacked(packed, runBits, progress));
            run = holder[0];
            lines.accept(String.format(Locale.ROOT, "assessment of %,d run bits: %.2f s wall, %.2f s CPU (%.1f ns/bit; "
                            + "CPU / %d cores = %.2f s, the wall a perfect schedule would take); baseline unpacking "
                            + "and reading the bits once %.3f s wall", runBits, runAssess.wallSeconds,
                    runAssess.cpuSeconds, runAssess.cpuSeconds * 1e9 / runBits, cores(),
                    runAssess.cpuSeconds / cores(), readRun.wallSeconds));
        }
        return new Result(sampleBits, sample[0], cold, warm, readSample, nist, note.get(0), runBits, run, runAssess,
                readRun);
    }

    private static Cost measure(Runnable work) {
        long cpu0 = processCpuNanos();
        long wall0 = System.nanoTime();
        work.run();
        long wall = System.nanoTime() - wall0;
        long cpu = processCpuNanos() - cpu0;
        return new Cost(wall / 1e9, cpu / 1e9);
    }

    /** CPU time of the whole process: every thread, compiler and collector included. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time "
                + "(com.sun.management.OperatingSystemMXBean); bench pool needs it");
    }

    private static long countOnes(byte[] bits) {
        long ones = 0;
        for (byte bit : bits) {
            ones += bit;
        }
        return ones;
    }

    /** What assessPacked does before any estimator (one byte per bit, and words), then one pass over the bytes. */
    private static long unpackAndCount(byte[] packed, int bitCount) {
        byte[] bits = PackedBits.unpack(packed, bitCount);
        return countOnes(bits) + PackedBits.wordsOfPacked(packed, bitCount).length;
    }

    /** The processors the assessment's pool may use. */
    static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * NIST's tool on the same sample, one bit per byte, timed by {@code /usr/bin/time} for its CPU (user + system,
     * its OpenMP threads included); null, with the reason in {@code note}, when either is missing or it fails.
     */
    private static Cost nist(byte[] bits, List<String> note) {
        Path tool = onPath("ea_non_iid");
        Path time = Path.of("/usr/bin/time");
        if (tool == null || !Files.isExecutable(time)) {
            note.add(tool == null ? "ea_non_iid is not on the PATH" : "/usr/bin/time is missing");
            return null;
        }
        Path sample = null;
        Path timing = null;
        try {
            sample = Files.createTempFile("spinnoise-bench-", ".bin");
            timing = Files.createTempFile("spinnoise-bench-", ".time");
            Files.write(sample, bits);
            long wall0 = System.nanoTime();
            Process process = new ProcessBuilder(time.toString(), "-f", "%U %S", "-o", timing.toString(),
                    tool.toString(), "-q", sample.toString(), "1").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                note.add(tool + " did not finish in 10 minutes");
                return null;
            }
            double wall = (System.nanoTime() - wall0) / 1e9;
            if (process.exitValue() != 0) {
                note.add(tool + " exited with " + process.exitValue());
                return null;
            }
            String[] userSystem = Files.readString(timing).trim().split("\\s+");
            note.add(tool + " -q <sample> 1");
            return new Cost(wall, Double.parseDouble(userSystem[userSystem.length - 2])
                    + Double.parseDouble(userSystem[userSystem.length - 1]));
        } catch (IOException | RuntimeException e) {
            note.add(tool + " could not be run: " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            note.add("interrupted while running " + tool);
            return null;
        } finally {
            deleteQuietly(sample);
            deleteQuietly(timing);
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temporary file left behind is harmless; the figures stand.
            }
        }
    }
}
