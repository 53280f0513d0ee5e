package org.spinnoise.entropy.assess;

import java.util.Arrays;

/**
 * The LZ78Y predictor (§6.3.10) from the step after its dictionary reached 65,536 contexts to the end of the sample,
 * counting exactly what the step-by-step loop counts, but reading the long contexts only when they can matter.
 *
 * <p>Why that is exact. A context is present when it has a count; present contexts keep their counts, and once the
 * dictionary is full none is added. Let c_j be present and a suffix of present c_k (j &lt; k). When c_k was added
 * its step also reached c_j (shorter contexts come later in a step), which was present or added then: had it been
 * absent with the dictionary full it could never have been added. So every count c_k ever got, c_j got in the same
 * step for the same next bit: its zero and one counts are each at least c_k's, and so is its larger count. Along a
 * step's present contexts, shortest to longest, the larger counts therefore never rise. The loop predicts with the
 * longest present context whose larger count is the highest; that is the last context of the run of ties from the
 * shortest one, and a context whose count falls below the run's ends it: no longer context can tie again. Each step
 * is thus settled by its short contexts and reads a longer length only while it is still tied.
 *
 * <p>The sample is taken in blocks; within a block one length at a time, shortest first, while some step is still
 * tied. A length's table is brought up to date only when it is read, by counting the steps it missed in one pass,
 * so on most data the long lengths are never counted at all after the dictionary fills.
 */
final class Lz78yFullDictionary {

    private static final int MAX_CONTEXT = 16;
    /** Steps per block: a length's table and a block's state stay in cache together. */
    static final int BLOCK_STEPS = 4096;
    /** Or'd into a step's state once it is settled: the count becomes unreachable, the prediction bit stays. */
    private static final long SETTLED = Long.MAX_VALUE & ~1L;

    /** Per length j, at j - 1: for each j-bit context, its count of ones in the high half, of zeros in the low. */
    private final long[][] tables = new long[MAX_CONTEXT][];
    private final boolean[] allPresent = new boolean[MAX_CONTEXT];
    /** Per length, the first step its table has not counted yet. */
    private final int[] countedTo = new int[MAX_CONTEXT];
    private long correct;
    private long run;
    private long longestRun;

    /**
     * Takes over the loop's state after it finished the step before {@code from}:
     * {@code counts[j - 1][(context << 1) | next]} for contexts of j bits, and its score so far.
     */
    Lz78yFullDictionary(int[][] counts, int from, long correct, long run, long longestRun) {
        for (int j = 1; j <= MAX_CONTEXT; j++) {
            int[] model = counts[j - 1];
            long[] table = new long[1 << j];
            int present = 0;
            for (int c = 0; c < table.length; c++) {
                table[c] = ((long) model[(c << 1) + 1] << 32) | model[c << 1];
                if (table[c] != 0) {
                    present++;
                }
            }
            tables[j - 1] = table;
            allPresent[j - 1] = present == table.length;
            countedTo[j - 1] = from;
        }
        this.correct = correct;
        this.run = run;
        this.longestRun = longestRun;
    }

    /**
     * Predicts steps {@code from} (at least 17) to the end of {@code bits} in blocks of {@code blockSteps}, a power
     * of two dividing {@link Tally#EVERY} so that progress is reported at the same steps as the loop's.
     */
    PredictionCounts finish(byte[] bits, int from, int blockSteps, Tally tally) {
        if (Integer.bitCount(blockSteps) != 1 || blockSteps > Tally.EVERY) {
            throw new IllegalArgumentException("block of " + blockSteps + " steps; need a power of two up to "
                    + Tally.EVERY);
        }
        int n = bits.length;
        int[] contexts = new int[blockSteps];
        // Per step: (larger count << 1) | predicted bit of the tied run so far, 0 before any present context.
        long[] state = new long[blockSteps];
        int window = 0;
        for (int i = from - MAX_CONTEXT; i < from; i++) {
            window = (window << 1) | bits[i];
        }
        for (int start = from; start < n; ) {
            int end = Math.min(n, (start & -blockSteps) + blockSteps);
            int length = end - start;
            for (int k = 0; k < length; k++) {
                contexts[k] = window;
                window = (window << 1) | bits[start + k];
            }
            Arrays.fill(state, 0, length, 0L);
            for (int j = 1; j <= MAX_CONTEXT; j++) {
                catchUp(j, bits, start);
                int tied = allPresent[j - 1]
                        ? readEveryContext(j, bits, start, length, contexts, state)
                        : readPresentContexts(j, bits, start, length, contexts, state);
                countedTo[j - 1] = end;
                if (tied == 0) {
                    break;
                }
            }
            score(bits, start, length, state);
            if ((end & Tally.EVERY_MASK) == 0 && end < n) {
                tally.reached(end);
            }
            start = end;
        }
        return new PredictionCounts(correct, n - MAX_CONTEXT - 1L, longestRun);
    }

    /**
     * Length j's counts as the loop leaves them at the end of {@code bits}, indexed {@code (context << 1) | next};
     * lets tests check the tables this stage brings up to date only when it reads them.
     */
    int[] countsAtEnd(int j, byte[] bits) {
        catchUp(j, bits, bits.length);
        countedTo[j - 1] = bits.length;
        long[] table = tables[j - 1];
        int[] counts = new int[table.length << 1];
        for (int c = 0; c < table.length; c++) {
            counts[c << 1] = (int) table[c];
            counts[(c << 1) + 1] = (int) (table[c] >>> 32);
        }
        return counts;
    }

    /** Counts into length j's table the steps from where it stopped up to {@code to} (rare: see the class). */
    private void catchUp(int j, byte[] bits, int to) {
        int from = countedTo[j - 1];
        if (from >= to) {
            return;
        }
        long[] table = tables[j - 1];
        int mask = (1 << j) - 1;
        int window = 0;
        for (int i = from - j; i < from; i++) {
            window = (window << 1) | bits[i];
        }
        for (int i = from; i < to; i++) {
            int bit = bits[i];
            int context = window & mask;
            long counts = table[context];
            // Counts stay below 2^31, so a present context's long is positive: (-counts) >>> 63 is 1 just then.
            table[context] = counts + (((-counts) >>> 63) << (bit << 5));
            window = (window << 1) | bit;
        }
    }

    /**
     * Length j over a block whose j-bit contexts are all present: counts each step's bit and, for a step still
     * tied, takes this context's prediction if its larger count equals the run's, or settles the step if lower.
     * Keys are {@code (count << 1) | prediction}, so "count at least the run's" is "key >= (state & ~1)". Returns
     * how many steps are still tied.
     */
    private int readEveryContext(int j, byte[] bits, int start, int length, int[] contexts, long[] state) {
        long[] table = tables[j - 1];
        int mask = (1 << j) - 1;
        int tied = 0;
        for (int k = 0; k < length; k++) {
            int context = contexts[k] & mask;
            long counts = table[context];
            int bit = bits[start + k];
            table[context] = counts + (1L << (bit << 5));
            long current = state[k];
            long next = key(counts) >= (current & ~1L) ? key(counts) : current | SETTLED;
            state[k] = next;
            tied += 1 - (int) (next >>> 62);
        }
        return tied;
    }

    /** As {@link #readEveryContext}, where an absent context neither counts nor changes the step's state. */
    private int readPresentContexts(int j, byte[] bits, int start, int length, int[] contexts, long[] state) {
        long[] table = tables[j - 1];
        int mask = (1 << j) - 1;
        int tied = 0;
        for (int k = 0; k < length; k++) {
            int context = contexts[k] & mask;
            long counts = table[context];
            int bit = bits[start + k];
            long present = (-counts) >>> 63;
            table[context] = counts + (present << (bit << 5));
            long current = state[k];
            long taken = key(counts) >= (current & ~1L) ? key(counts) : current | SETTLED;
            long next = present != 0 ? taken : current;
            state[k] = next;
            tied += 1 - (int) (next >>> 62);
        }
        return tied;
    }

    /** (larger count << 1) | the bit the loop predicts from these counts: 0 only if zeros outnumber ones. */
    private static long key(long counts) {
        int zeros = (int) counts;
        int ones = (int) (counts >>> 32);
        return ((long) Math.max(zeros, ones) << 1) | (zeros > ones ? 0 : 1);
    }

    private void score(byte[] bits, int start, int length, long[] state) {
        long correct = this.correct;
        long run = this.run;
        long longestRun = this.longestRun;
        for (int k = 0; k < length; k++) {
            long s = state[k];
            long hit = s > 1 && (s & 1) == bits[start + k] ? 1 : 0;
            correct += hit;
            run = (run + 1) & -hit;
            longestRun = Math.max(longestRun, run);
        }
        this.correct = correct;
        this.run = run;
        this.longestRun = longestRun;
    }
}
