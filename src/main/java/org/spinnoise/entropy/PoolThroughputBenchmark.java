package org.spinnoise.entropy;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.spinnoise.entropy.condition.Sha256Conditioner;

/**
 * Core of {@code spinnoise bench pool}: on one thread and one buffer of fair random bytes, measures the pool's ingest
 * path, SP 800-90B §4.4 continuous health tests ({@link PackedHealthTests}) followed by §3.1.5.1.1 SHA-256 conditioning
 * ({@link Sha256Conditioner}, 0.9 bits credited per raw bit), beside each half alone and beside plain SHA-256 of the
 * same bytes, the baseline that bounds any SHA-256 conditioner on this JVM and CPU. Each stage gets warm-up passes,
 * then timed passes; the best and the median are reported, in Gbit/s of raw bits.
 */
public final class PoolThroughputBenchmark {

    static final int CHUNK_BYTES = 64 * 1024;
    static final int WARM_UP_PASSES = 3;
    static final int TIMED_PASSES = 5;
    static final double ENTROPY_PER_BIT = 0.9;
    static final double ALPHA = Math.scalb(1.0, -30);

    /** Throughputs in Gbit/s of raw bits; "best" of the timed passes and their median. */
    public record Result(int megabytes, int timedPasses,
                         double rawSha256GbitPerS, double healthGbitPerS, double conditionGbitPerS,
                         double healthAndConditionGbitPerS,
                         double rawSha256MedianGbitPerS, double healthMedianGbitPerS,
                         double conditionMedianGbitPerS, double healthAndConditionMedianGbitPerS) {

        /** Ingest-path throughput as a fraction of plain SHA-256 on the same bytes (best passes). */
        public double ingestToRawSha256Ratio() {
            return healthAndConditionGbitPerS / rawSha256GbitPerS;
        }

        /** One line of JSON: the best figures under the bench's keys, then medians and the ratio. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"pool\",\"megabytes\":%d,\"timed_passes\":%d,"
                            + "\"raw_sha256_gbit_per_s\":%.3f,\"health_gbit_per_s\":%.3f,\"condition_gbit_per_s\":%.3f,"
                            + "\"health_and_condition_gbit_per_s\":%.3f,\"raw_sha256_median_gbit_per_s\":%.3f,"
                            + "\"health_median_gbit_per_s\":%.3f,\"condition_median_gbit_per_s\":%.3f,"
                            + "\"health_and_condition_median_gbit_per_s\":%.3f,\"health_and_condition_to_raw_sha256\":%.3f}",
                    megabytes, timedPasses, rawSha256GbitPerS, healthGbitPerS, conditionGbitPerS,
                    healthAndConditionGbitPerS, rawSha256MedianGbitPerS, healthMedianGbitPerS, conditionMedianGbitPerS,
                    healthAndConditionMedianGbitPerS, ingestToRawSha256Ratio());
        }
    }

    /** One pass of a stage over the whole buffer; returns something derived from the work so it cannot be elided. */
    @FunctionalInterface
    private interface Stage {
        long pass(byte[] buffer);
    }

    private static long sink;

    private PoolThroughputBenchmark() {
    }

    /**
     * Runs the four stages over {@code megabytes} MiB of seeded pseudo-random bytes.
     *
     * @param progress receives one line per pass, for a CLI or a log
     */
    public static Result run(int megabytes, Consumer<String> progress) {
        if (megabytes < 1 || megabytes > 4096) {
            throw new IllegalArgumentException("pool benchmark buffer must be 1..4096 MiB, got " + megabytes);
        }
        Objects.requireNonNull(progress, "progress");
        byte[] buffer = new byte[megabytes << 20];
        new SplittableRandom(0x5eed).nextBytes(buffer);
        double[] sha = measure("raw SHA-256", PoolThroughputBenchmark::rawSha256, buffer, progress);
        double[] health = measure("health tests", PoolThroughputBenchmark::healthTests, buffer, progress);
        double[] condition = measure("conditioning", PoolThroughputBenchmark::conditioning, buffer, progress);
        double[] both = measure("health + conditioning", PoolThroughputBenchmark::healthAndConditioning, buffer,
                progress);
        return new Result(megabytes, TIMED_PASSES, sha[0], health[0], condition[0], both[0], sha[1], health[1],
                condition[1], both[1]);
    }

    /** {best, median} Gbit/s of the timed passes. */
    private static double[] measure(String name, Stage stage, byte[] buffer, Consumer<String> progress) {
        for (int i = 0; i < WARM_UP_PASSES; i++) {
            sink += stage.pass(buffer);
        }
        double[] gbitPerS = new double[TIMED_PASSES];
        for (int i = 0; i < TIMED_PASSES; i++) {
            long start = System.nanoTime();
            sink += stage.pass(buffer);
            long elapsedNanos = System.nanoTime() - start;
            gbitPerS[i] = buffer.length * 8.0 / Math.max(1, elapsedNanos);
            progress.accept(String.format(Locale.ROOT, "%s pass %d/%d: %.3f Gbit/s", name, i + 1, TIMED_PASSES,
                    gbitPerS[i]));
        }
        Arrays.sort(gbitPerS);
        return new double[] {gbitPerS[TIMED_PASSES - 1], gbitPerS[TIMED_PASSES / 2]};
    }

    private static long rawSha256(byte[] buffer) {
        MessageDigest sha256 = sha256();
        for (int offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
            sha256.update(buffer, offset, Math.min(CHUNK_BYTES, buffer.length - offset));
        }
        return sha256.digest()[0];
    }

    private static long healthTests(byte[] buffer) {
        PackedHealthTests health = PackedHealthTests.binary(ENTROPY_PER_BIT, ALPHA);
        long failures = 0;
        for (int offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
            failures += health.acceptBlock(buffer, offset, Math.min(CHUNK_BYTES, buffer.length - offset));
        }
        return failures + health.reports().get(0).worstObserved();
    }

    private static long conditioning(byte[] buffer) {
        Sha256Conditioner conditioner = new Sha256Conditioner();
        byte[] block = new byte[Sha256Conditioner.OUTPUT_BYTES];
        long mixed = 0;
        for (int offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
            conditioner.absorb(buffer, offset, Math.min(CHUNK_BYTES, buffer.length - offset), ENTROPY_PER_BIT);
            mixed += drain(conditioner, block);
        }
        return mixed;
    }

    /** The ingest path: a chunk that fails a health test is quarantined, never conditioned. */
    private static long healthAndConditioning(byte[] buffer) {
        PackedHealthTests health = PackedHealthTests.binary(ENTROPY_PER_BIT, ALPHA);
        Sha256Conditioner conditioner = new Sha256Conditioner();
        byte[] block = new byte[Sha256Conditioner.OUTPUT_BYTES];
        long mixed = 0;
        for (int offset = 0; offset < buffer.length; offset += CHUNK_BYTES) {
            int length = Math.min(CHUNK_BYTES, buffer.length - offset);
            if (health.acceptBlock(buffer, offset, length) == 0) {
                conditioner.absorb(buffer, offset, length, ENTROPY_PER_BIT);
            }
            mixed += drain(conditioner, block);
        }
        return mixed;
    }

    private static long drain(Sha256Conditioner conditioner, byte[] block) {
        long mixed = 0;
        while (conditioner.ready()) {
            conditioner.squeezeInto(block, 0);
            mixed += block[0];
        }
        return mixed;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no SHA-256, which every Java SE platform must", e);
        }
    }
}
