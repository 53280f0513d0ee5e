package org.spinnoise.entropy.assess;

/**
 * {@link TupleCounts} as it was before issue 18's bucketed prefix counting: every count from the full suffix array and
 * LCP array by one stack pass. The oracle the fast path must equal exactly, and the baseline its benchmark compares
 * against.
 */
final class ReferenceTupleCounts {

    private final int samples;
    private final int longestRepeat;
    private final long[] maxCount;
    private final long[] pairs;

    private ReferenceTupleCounts(int samples, int longestRepeat, long[] maxCount, long[] pairs) {
        this.samples = samples;
        this.longestRepeat = longestRepeat;
        this.maxCount = maxCount;
        this.pairs = pairs;
    }

    static ReferenceTupleCounts of(byte[] bits) {
        return of(bits, Tally.IGNORED);
    }

    /** As above, telling {@code tally} how far the suffix array, nearly all the work, has got. */
    static ReferenceTupleCounts of(byte[] bits, Tally tally) {
        int n = bits.length;
        long[] words = SuffixArray.pack(bits);
        int[] suffixes = SuffixArray.of(bits, words, tally);
        int[] lcp = SuffixArray.longestCommonPrefixes(bits, words, suffixes);
        tally.reached((long) (n * 0.9));
        int longest = 0;
        for (int value : lcp) {
            longest = Math.max(longest, value);
        }
        long[] largestAtTop = new long[longest + 2];
        long[] pairsDelta = new long[longest + 2];
        // Stack of open LCP intervals: their LCP value and left end in the suffix array. Their LCPs rise strictly
        // from 0, so there are at most longest + 1 of them.
        int[] stackLcp = new int[longest + 2];
        int[] stackLeft = new int[longest + 2];
        int top = 0;
        stackLcp[0] = 0;
        stackLeft[0] = 0;
        for (int k = 1; k <= n; k++) {
            int current = k < n ? lcp[k] : 0;
            int left = k - 1;
            while (current < stackLcp[top]) {
                int value = stackLcp[top];
                left = stackLeft[top];
                top--;
                long size = k - left;
                int parent = Math.max(current, stackLcp[top]);
                largestAtTop[value] = Math.max(largestAtTop[value], size);
                long pairCount = size * (size - 1) / 2;
                pairsDelta[parent + 1] += pairCount;
                pairsDelta[value + 1] -= pairCount;
            }
            if (current > stackLcp[top]) {
                top++;
                stackLcp[top] = current;
                stackLeft[top] = left;
            }
        }
        long[] maxCount = new long[longest + 1];
        long[] pairs = new long[longest + 1];
        // An interval topping out at ℓ ≥ i covers length i itself or through a larger ancestor: a suffix maximum.
        long running = 1;
        for (int i = longest; i >= 1; i--) {
            running = Math.max(running, largestAtTop[i]);
            maxCount[i] = running;
        }
        long sum = 0;
        for (int i = 1; i <= longest; i++) {
            sum += pairsDelta[i];
            pairs[i] = sum;
        }
        return new ReferenceTupleCounts(n, longest, maxCount, pairs);
    }

    int samples() {
        return samples;
    }

    /** v: the length of the longest substring that occurs at least twice (0 when none does). */
    int longestRepeat() {
        return longestRepeat;
    }

    /** Q[i]: occurrences of the most common i-bit tuple (1 for i beyond the longest repeat). */
    long maxCount(int length) {
        return length <= longestRepeat ? maxCount[length] : 1;
    }

    /** Σ over distinct i-bit tuples of C(occurrences, 2) (0 beyond the longest repeat). */
    long equalPairs(int length) {
        return length <= longestRepeat ? pairs[length] : 0;
    }
}
