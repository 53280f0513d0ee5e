package org.spinnoise.entropy.assess;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToDoubleFunction;
import org.spinnoise.progress.Progress;

/**
 * Runs every SP 800-90B §6.3 non-IID estimator for binary samples on one sample of raw bits and returns each
 * estimate with the minimum, which §3.1.3 makes the min-entropy of the source (the estimates of §6.3.1–6.3.10 are
 * all run on the bits as they are, since each sample is one bit). The standard asks for at least 10^6 samples; from
 * 1,000 on the assessment runs, but the confidence bounds widen and the pattern finders see little, so a credit
 * from fewer than 10^6 bits is weak evidence. Estimators needing more than the sample holds are left out: the
 * compression estimate below {@value CompressionEstimate#MIN_SAMPLES} bits, MultiMCW below
 * {@value MultiMcwPredictionEstimate#MIN_SAMPLES}. The estimators run in parallel on one thread a core (at most
 * four), the costliest started first; each is deterministic and results come in §6.3 order, so the estimates never
 * depend on scheduling. The bits are packed into 64-bit words once, for every estimator that reads words. Progress ("assess", in
 * bits) is the mean of how far each estimator has got through the sample; the predictors report as they go, the
 * others when they finish. It is reported from the calling thread only.
 */
public final class MinEntropyAssessment {

    /** The smallest sample accepted; the standard itself wants 10^6. */
    public static final int MIN_SAMPLES = 1_000;

    private static final int MAX_THREADS = 4;
    private static final long PROGRESS_POLL_MILLIS = 200;

    private MinEntropyAssessment() {
    }

    /** Assesses bits given one per byte, each byte 0 or 1 (the format of NIST's tool). */
    public static Assessment assessBits(byte[] oneBitPerByte) {
        return assessBits(oneBitPerByte, Progress.NONE);
    }

    /** As {@link #assessBits(byte[])}, reporting to {@code progress}. */
    public static Assessment assessBits(byte[] oneBitPerByte, Progress progress) {
        requireSize(oneBitPerByte.length);
        int bad = Bits.firstNonBit(oneBitPerByte);
        if (bad >= 0) {
            throw new IllegalArgumentException("byte " + bad + " is " + oneBitPerByte[bad]
                    + "; assessBits takes one bit per byte, each 0 or 1 (use assessPacked for packed bits)");
        }
        return run(oneBitPerByte, PackedBits.pack(oneBitPerByte), progress);
    }

    /** Assesses the first {@code bitCount} bits of {@code packedMsbFirst}, most significant bit of each byte first. */
    public static Assessment assessPacked(byte[] packedMsbFirst, long bitCount) {
        return assessPacked(packedMsbFirst, bitCount, Progress.NONE);
    }

    /** As {@link #assessPacked(byte[], long)}, reporting to {@code progress}. */
    public static Assessment assessPacked(byte[] packedMsbFirst, long bitCount, Progress progress) {
        if (bitCount < 0 || bitCount > 8L * packedMsbFirst.length) {
            throw new IllegalArgumentException("bit count " + bitCount + " does not fit in " + packedMsbFirst.length
                    + " packed bytes");
        }
        if (bitCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("at most " + (Integer.MAX_VALUE - 8) + " bits can be assessed at once, got "
                    + bitCount);
        }
        requireSize(bitCount);
        byte[] bits = PackedBits.unpack(packedMsbFirst, (int) bitCount);
        return run(bits, PackedBits.wordsOfPacked(packedMsbFirst, (int) bitCount), progress);
    }

    private static void requireSize(long samples) {
        if (samples < MIN_SAMPLES) {
            throw new IllegalArgumentException("min-entropy assessment needs at least " + MIN_SAMPLES
                    + " bits (SP 800-90B asks for 1,000,000), got " + samples);
        }
    }

    private static Assessment run(byte[] bits, long[] words, Progress progress) {
        int n = bits.length;
        List<Task> tasks = new ArrayList<>();
        tasks.add(single(MostCommonValueEstimate.NAME, MostCommonValueEstimate.SECTION, 0.3,
                b -> MostCommonValueEstimate.estimate(words, n)));
        tasks.add(single(CollisionEstimate.NAME, CollisionEstimate.SECTION, 1,
                b -> CollisionEstimate.estimate(words, n)));
        tasks.add(single(MarkovEstimate.NAME, MarkovEstimate.SECTION, 0.5, b -> MarkovEstimate.estimate(words, n)));
        if (n >= CompressionEstimate.MIN_SAMPLES) {
            tasks.add(single(CompressionEstimate.NAME, CompressionEstimate.SECTION, 2, CompressionEstimate::estimate));
        }
        tasks.add(new Task(70, MinEntropyAssessment::tupleEstimates));
        if (n >= MultiMcwPredictionEstimate.MIN_SAMPLES) {
            tasks.add(tallied(MultiMcwPredictionEstimate.NAME, MultiMcwPredictionEstimate.SECTION, 5,
                    (b, tally) -> MultiMcwPredictionEstimate.counts(b, words, tally).minEntropy()));
        }
        tasks.add(tallied(LagPredictionEstimate.NAME, LagPredictionEstimate.SECTION, 7,
                (b, tally) -> LagPredictionEstimate.counts(b, words, tally).minEntropy()));
        tasks.add(tallied(MultiMmcPredictionEstimate.NAME, MultiMmcPredictionEstimate.SECTION, 43,
                MultiMmcPredictionEstimate::estimate));
        tasks.add(tallied(Lz78yPredictionEstimate.NAME, Lz78yPredictionEstimate.SECTION, 12,
                Lz78yPredictionEstimate::estimate));

        // Longest first on one thread a core, so that the short ones fill in beside the long ones (LPT scheduling):
        // at 10^8 fair bits t-tuple takes one core for about 7 s while MultiMMC, LZ78Y and the rest share the other.
        // Four threads time-sliced on two cores measured worse (14.3 s wall against 8.8 s of CPU a core): the longest
        // estimator then gets half a core while the others run and finishes last. At most four at once bounds the
        // memory of the big ones together on larger machines.
        int threads = Math.max(1, Math.min(Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()),
                tasks.size()));
        Integer[] byCost = new Integer[tasks.size()];
        for (int i = 0; i < byCost.length; i++) {
            byCost[i] = i;
        }
        // Stable sort: equal costs keep §6.3 order.
        Arrays.sort(byCost, Comparator.comparingDouble((Integer i) -> tasks.get(i).nanosPerBit()).reversed());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "min-entropy-estimator");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<List<EstimatorResult>>> futures = new ArrayList<>(Collections.nCopies(tasks.size(), null));
            Tally[] tallies = new Tally[tasks.size()];
            for (int i = 0; i < tallies.length; i++) {
                tallies[i] = new Tally();
            }
            for (int i : byCost) {
                Task task = tasks.get(i);
                Tally tally = tallies[i];
                futures.set(i, pool.submit(() -> {
                    List<EstimatorResult> result = task.work().run(bits, tally);
                    tally.reached(n);
                    return result;
                }));
            }
            progress.begin("assess", n, "bit");
            try {
                List<EstimatorResult> results = new ArrayList<>();
                for (Future<List<EstimatorResult>> future : futures) {
                    results.addAll(await(future, tallies, progress));
                }
                progress.advance(n);
                return new Assessment(results, n);
            } finally {
                progress.end();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("min-entropy assessment was interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("a min-entropy estimator failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Waits for one estimator, reporting the mean progress of all of them meanwhile. */
    private static List<EstimatorResult> await(Future<List<EstimatorResult>> future, Tally[] tallies,
                                               Progress progress) throws InterruptedException, ExecutionException {
        while (true) {
            try {
                return future.get(PROGRESS_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillRunning) {
                long sum = 0;
                for (Tally t : tallies) {
                    sum += t.bits();
                }
                progress.advance(sum / tallies.length);
            }
        }
    }

    /**
     * One unit of work on the pool and roughly what it costs per bit at 10^7–10^8 bits (ns of one core, as
     * {@code spinnoise bench pool} measures it), used only to start the longest first.
     */
    private record Task(double nanosPerBit, Work work) {
    }

    /** Most give one result, the suffix-array pair gives two. */
    @FunctionalInterface
    private interface Work {
        List<EstimatorResult> run(byte[] bits, Tally tally);
    }

    /** An estimator that reports how far it has got through the sample. */
    @FunctionalInterface
    private interface TalliedEstimator {
        double estimate(byte[] bits, Tally tally);
    }

    private static Task tallied(String name, String section, double nanosPerBit, TalliedEstimator estimator) {
        return new Task(nanosPerBit, (bits, tally) -> {
            long start = System.nanoTime();
            double estimate = estimator.estimate(bits, tally);
            return List.of(new EstimatorResult(name, section, estimate, seconds(start, System.nanoTime())));
        });
    }

    private static Task single(String name, String section, double nanosPerBit, ToDoubleFunction<byte[]> estimator) {
        return new Task(nanosPerBit, (bits, tally) -> {
            long start = System.nanoTime();
            double estimate = estimator.applyAsDouble(bits);
            return List.of(new EstimatorResult(name, section, estimate, seconds(start, System.nanoTime())));
        });
    }

    /** t-tuple and LRS share one suffix array; its construction is charged to the t-tuple result. */
    private static List<EstimatorResult> tupleEstimates(byte[] bits, Tally tally) {
        long start = System.nanoTime();
        TupleCounts counts = TupleCounts.of(bits, tally);
        double tTuple = TTupleEstimate.estimate(counts);
        long middle = System.nanoTime();
        double lrs = LongestRepeatedSubstringEstimate.estimate(counts);
        long end = System.nanoTime();
        return List.of(
                new EstimatorResult(TTupleEstimate.NAME, TTupleEstimate.SECTION, tTuple, seconds(start, middle)),
                new EstimatorResult(LongestRepeatedSubstringEstimate.NAME, LongestRepeatedSubstringEstimate.SECTION, lrs,
                        seconds(middle, end)));
    }

    private static double seconds(long startNanos, long endNanos) {
        return (endNanos - startNanos) / 1e9;
    }
}
