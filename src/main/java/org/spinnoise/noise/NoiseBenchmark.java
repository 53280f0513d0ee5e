package org.spinnoise.noise;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/**
 * Core of {@code spinnoise bench noise}: float32 normals per second on one thread from {@code trng} (a real entropy
 * pool in a scratch directory, filled first with enough bytes for every pass), from trng's inversion alone over bytes
 * in memory, from {@code drbg} and {@code prng}, beside the baseline measured in the same run, the JDK's own
 * {@code RandomGenerator.nextGaussian} (L64X128MixRandom, a ziggurat) into the same float array, plus {@code trng}'s
 * pool bits per normal from its account. All generators get warm-up passes, then timed passes in turn; the best and
 * the median pass of each are reported, by the wall clock and per second of thread CPU time. The figures are an
 * ordered map that callers may extend (the noise service adds its own) before printing the one JSON line.
 */
public final class NoiseBenchmark {

    static final int WARM_UP_PASSES = 2;
    /** Software generators are warmed up on at least this many samples (the JIT takes tens of millions to settle). */
    static final long SOFTWARE_WARM_UP_SAMPLES = 128L << 20;
    static final int TIMED_PASSES = 5;
    static final int BATCH = 1 << 16;

    /** Figures under their JSON keys, in print order; {@link #with} adds more. */
    public record Result(Map<String, Object> figures) {
        public Result {
            figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
        }

        /** This result with one more figure appended. */
        public Result with(String key, Object value) {
            Map<String, Object> more = new LinkedHashMap<>(figures);
            more.put(key, value);
            return new Result(more);
        }

        public double number(String key) {
            return ((Number) figures.get(key)).doubleValue();
        }

        /** One line of JSON, numbers with up to four decimals. */
        public String json() {
            StringBuilder json = new StringBuilder("{");
            for (Map.Entry<String, Object> e : figures.entrySet()) {
                if (json.length() > 1) {
                    json.append(',');
                }
                json.append('"').append(e.getKey()).append("\":");
                Object v = e.getValue();
                if (v instanceof Double || v instanceof Float) {
                    json.append(String.format(Locale.ROOT, "%.4f", ((Number) v).doubleValue()));
                } else if (v instanceof Number) {
                    json.append(v);
                } else {
                    json.append('"').append(String.valueOf(v).replace("\"", "'")).append('"');
                }
            }
            return json.append('}').toString();
        }
    }

    /** One pass fills {@code out} {@code batches} times. */
    @FunctionalInterface
    private interface Generator {
        void fill(float[] out) throws IOException;
    }

    private static float sink;

    private NoiseBenchmark() {
    }

    /**
     * Measures every mode on {@code samplesPerPass} float32 normals per pass.
     *
     * @param scratchDir an empty directory for the benchmark's entropy pool (deleted by the caller)
     * @param progress   receives one line per timed pass and one summary line per generator
     */
    public static Result run(int samplesPerPass, Path scratchDir, Consumer<String> progress) throws IOException {
        if (samplesPerPass < BATCH || samplesPerPass > 1 << 26) {
            throw new IllegalArgumentException("noise benchmark passes must be " + BATCH + "..2^26 samples, got "
                    + samplesPerPass);
        }
        Objects.requireNonNull(progress, "progress");
        int batches = samplesPerPass / BATCH;
        long trngBytes = (long) (WARM_UP_PASSES + TIMED_PASSES) * batches * BATCH * Float.BYTES;
        float[] out = new float[BATCH];
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "noise");
        figures.put("samples_per_pass", batches * BATCH);
        figures.put("timed_passes", TIMED_PASSES);
        try (EntropyPool pool = filledPool(scratchDir, trngBytes + (1 << 20));
             NoiseSource trng = NoiseSources.open(NoiseMode.TRNG, pool, "bench-trng", 0);
             NoiseSource drbg = NoiseSources.open(NoiseMode.DRBG, pool, "bench-drbg", 0);
             NoiseSource prng = NoiseSources.open(NoiseMode.PRNG, null, null, 1)) {
            RandomGenerator jdk = RandomGeneratorFactory.of(PrngNoiseSource.ALGORITHM).create(1);
            // trng's inversion alone: the same source over bytes already in memory (a 1 MiB buffer read in a cycle;
            // only the speed matters here), no pool I/O.
            byte[] memory = new byte[1 << 20];
            new SplittableRandom(2).nextBytes(memory);
            int[] cursor = {0};
            NoiseSource memoryTrng = TrngNoiseSource.over(ByteStream.of((b, off, len) -> {
                for (int done = 0; done < len; ) {
                    int n = Math.min(len - done, memory.length - cursor[0]);
                    System.arraycopy(memory, cursor[0], b, off + done, n);
                    cursor[0] = (cursor[0] + n) % memory.length;
                    done += n;
                }
            }));
            Map<String, Generator> generators = new LinkedHashMap<>();
            generators.put("jdk nextGaussian", a -> {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) jdk.nextGaussian();
                }
            });
            generators.put("trng", a -> trng.fillFloats(a, 0, a.length));
            generators.put("trng without pool", a -> memoryTrng.fillFloats(a, 0, a.length));
            generators.put("drbg", a -> drbg.fillFloats(a, 0, a.length));
            generators.put("prng", a -> prng.fillFloats(a, 0, a.length));
            Map<String, double[]> rates = measure(generators, out, batches, progress);
            double[] jdkRate = rates.get("jdk nextGaussian");
            double[] trngRate = rates.get("trng");
            double[] drbgRate = rates.get("drbg");
            double[] prngRate = rates.get("prng");
            NoiseAccount trngAccount = trng.account();
            NoiseAccount drbgAccount = drbg.account();
            figures.put("trng_mnormals_per_s", trngRate[0]);
            figures.put("trng_bits_per_normal", (double) trngAccount.hardwareBits() / trngAccount.normals());
            figures.put("trng_without_pool_mnormals_per_s", rates.get("trng without pool")[0]);
            figures.put("drbg_mnormals_per_s", drbgRate[0]);
            figures.put("drbg_hardware_bits_per_normal", (double) drbgAccount.hardwareBits() / drbgAccount.normals());
            figures.put("prng_mnormals_per_s", prngRate[0]);
            figures.put("jdk_mnormals_per_s", jdkRate[0]);
            figures.put("trng_over_jdk", trngRate[0] / jdkRate[0]);
            figures.put("drbg_over_jdk", drbgRate[0] / jdkRate[0]);
            figures.put("prng_over_jdk", prngRate[0] / jdkRate[0]);
            figures.put("trng_cpu_mnormals_per_s", trngRate[2]);
            figures.put("trng_without_pool_cpu_mnormals_per_s", rates.get("trng without pool")[2]);
            figures.put("drbg_cpu_mnormals_per_s", drbgRate[2]);
            figures.put("prng_cpu_mnormals_per_s", prngRate[2]);
            figures.put("jdk_cpu_mnormals_per_s", jdkRate[2]);
            figures.put("drbg_over_jdk_cpu", drbgRate[2] / jdkRate[2]);
            figures.put("trng_median_mnormals_per_s", trngRate[1]);
            figures.put("drbg_median_mnormals_per_s", drbgRate[1]);
            figures.put("jdk_median_mnormals_per_s", jdkRate[1]);
        }
        return new Result(figures);
    }

    /**
     * {best wall, median wall, best CPU} millions of normals per second of each generator over the timed passes.
     * Passes are interleaved (one pass of each generator per round) so that load from other processes falls on all
     * alike; the rate per second of this thread's CPU time is kept beside the wall-clock rate because on a shared
     * machine the wall clock also counts time the thread spent waiting for a core.
     */
    private static Map<String, double[]> measure(Map<String, Generator> generators, float[] out, int batches,
                                                 Consumer<String> progress) throws IOException {
        // trng's warm-up is bounded by the pool it has; the others run until the JIT has settled.
        for (Map.Entry<String, Generator> e : generators.entrySet()) {
            long softwarePasses = Math.min(128, SOFTWARE_WARM_UP_SAMPLES / samples(out, batches));
            int passes = e.getKey().equals("trng") ? WARM_UP_PASSES : (int) Math.max(WARM_UP_PASSES, softwarePasses);
            for (int pass = 0; pass < passes; pass++) {
                onePass(e.getValue(), out, batches);
            }
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpuTime = threads.isCurrentThreadCpuTimeSupported();
        Map<String, double[][]> rates = new LinkedHashMap<>();
        generators.keySet().forEach(name -> rates.put(name, new double[2][TIMED_PASSES]));
        double samples = (double) batches * out.length;
        for (int round = 0; round < TIMED_PASSES; round++) {
            for (Map.Entry<String, Generator> e : generators.entrySet()) {
                long cpuStart = cpuTime ? threads.getCurrentThreadCpuTime() : 0;
                long start = System.nanoTime();
                onePass(e.getValue(), out, batches);
                long elapsed = Math.max(1, System.nanoTime() - start);
                long cpuElapsed = cpuTime ? Math.max(1, threads.getCurrentThreadCpuTime() - cpuStart) : elapsed;
                double[][] r = rates.get(e.getKey());
                r[0][round] = samples * 1e3 / elapsed;
                r[1][round] = samples * 1e3 / cpuElapsed;
                progress.accept(String.format(Locale.ROOT, "%s pass %d/%d: %.2f M normals/s (%.2f per CPU second)",
                        e.getKey(), round + 1, TIMED_PASSES, r[0][round], r[1][round]));
            }
        }
        Map<String, double[]> result = new LinkedHashMap<>();
        rates.forEach((name, r) -> {
            Arrays.sort(r[0]);
            Arrays.sort(r[1]);
            result.put(name, new double[] {r[0][TIMED_PASSES - 1], r[0][TIMED_PASSES / 2], r[1][TIMED_PASSES - 1]});
        });
        return result;
    }

    private static long samples(float[] out, int batches) {
        return (long) out.length * batches;
    }

    private static void onePass(Generator generator, float[] out, int batches) throws IOException {
        for (int b = 0; b < batches; b++) {
            generator.fill(out);
            sink += out[b & (out.length - 1)];
        }
    }

    private static EntropyPool filledPool(Path dir, long bytes) throws IOException {
        EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults());
        byte[] chunk = new byte[8 << 20];
        SplittableRandom random = new SplittableRandom(0x5eed);
        for (long done = 0; done < bytes; done += chunk.length) {
            random.nextBytes(chunk);
            pool.append(chunk, 0, chunk.length, new IngestCounts(chunk.length * 8L, 0, chunk.length * 8.0),
                    "bench-noise-" + done);
        }
        return pool;
    }
}
