package org.spinnoise.entropy.assess;

import java.util.Arrays;

/**
 * The LZ78Y predictor (§6.3.10) from the step after its dictionary reached 65,536 contexts to the end of the sample,
 * with results identical to the step-by-step loop. Once the dictionary is full no context is added again, so which
 * contexts are present is fixed and each context length's counts change independently of the others'. The sample is
 * therefore taken in blocks and, within a block, one length at a time, so that only that length's table (at most
 * 512 KB) is in use; each step carries its best (count, prediction) so far in one long, compared as the loop does.
 */
final class Lz78yFullDictionary {

    private static final int MAX_CONTEXT = 16;
    /** Steps per block; a power of two dividing {@link Tally#EVERY}, so progress is reported at the same steps. */
    private static final int BLOCK = 4096;

    private final long[][] tables = new long[MAX_CONTEXT][];
    private final boolean[] allPresent = new boolean[MAX_CONTEXT];
    private final boolean[] nonePresent = new boolean[MAX_CONTEXT];
    private long correct;
    private long run;
    private long longestRun;

    /**
     * Takes over the loop's state: {@code counts[j - 1][(context << 1) | next]} for contexts of j bits, and its
     * score so far. The int tables are repacked as one long per context, the count of ones high and of zeros low.
     */
    Lz78yFullDictionary(int[][] counts, long correct, long run, long longestRun) {
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
            nonePresent[j - 1] = present == 0;
        }
        this.correct = correct;
        this.run = run;
        this.longestRun = longestRun;
    }

    /** Predicts steps {@code from} to the end of {@code bits}; {@code from} is at least 16. */
    PredictionCounts finish(byte[] bits, int from, Tally tally) {
        int n = bits.length;
        int[] contexts = new int[BLOCK];
        long[] best = new long[BLOCK];
        int window = 0;
        for (int i = from - MAX_CONTEXT; i < from; i++) {
            window = (window << 1) | bits[i];
        }
        for (int start = from; start < n; ) {
            int end = Math.min(n, (start & -BLOCK) + BLOCK);
            int length = end - start;
            for (int k = 0; k < length; k++) {
                contexts[k] = window;
                window = (window << 1) | bits[start + k];
            }
            Arrays.fill(best, 0, length, 0L);
            for (int j = MAX_CONTEXT; j > 0; j--) {
                if (!nonePresent[j - 1]) {
                    predict(j, bits, start, length, contexts, best);
                }
            }
            score(bits, start, length, best);
            if ((end & Tally.EVERY_MASK) == 0) {
                tally.reached(end);
            }
            start = end;
        }
        return new PredictionCounts(correct, n - MAX_CONTEXT - 1L, longestRun);
    }

    /**
     * One length's contribution to a block: each step's context of j bits offers (its larger count, the bit it
     * predicts, 1 on a tie) and then counts the bit that came. Lengths go longest first and a shorter one replaces
     * the best only with a strictly greater count. As key {@code (count << 1) | prediction}, "count > best count"
     * is "key > (best | 1)"; an absent context has count 0 and never replaces, and a step whose best stays 0 had
     * no prediction.
     */
    private void predict(int j, byte[] bits, int start, int length, int[] contexts, long[] best) {
        long[] table = tables[j - 1];
        int mask = (1 << j) - 1;
        boolean checkPresence = !allPresent[j - 1];
        for (int k = 0; k < length; k++) {
            int context = contexts[k] & mask;
            long counts = table[context];
            int bit = bits[start + k];
            // Counts are below 2^31, so a present context's long is positive: (-counts) >>> 63 is 1 exactly then.
            long increment = checkPresence ? (-counts) >>> 63 : 1L;
            table[context] = counts + (increment << (bit << 5));
            int zeros = (int) counts;
            int ones = (int) (counts >>> 32);
            long key = ((long) Math.max(zeros, ones) << 1) | (zeros > ones ? 0 : 1);
            long current = best[k];
            best[k] = key > (current | 1) ? key : current;
        }
    }

    private void score(byte[] bits, int start, int length, long[] best) {
        long correct = this.correct;
        long run = this.run;
        long longestRun = this.longestRun;
        for (int k = 0; k < length; k++) {
            long key = best[k];
            long hit = key > 1 && (key & 1) == bits[start + k] ? 1 : 0;
            correct += hit;
            run = (run + 1) & -hit;
            longestRun = Math.max(longestRun, run);
        }
        this.correct = correct;
        this.run = run;
        this.longestRun = longestRun;
    }
}
