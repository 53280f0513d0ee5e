package org.spinnoise.entropy.assess;

/**
 * Counts of repeated substrings that the t-tuple (§6.3.5) and LRS (§6.3.6) estimates need, for every length at
 * once, from one suffix array: Q[i], the occurrences of the most common i-bit tuple, and S[i], the number of pairs
 * of equal i-bit tuples (Σ over distinct tuples of C(count, 2)). Each LCP interval of the suffix array with LCP ℓ
 * and parent LCP ℓ′ is exactly one tuple of every length in (ℓ′, ℓ], occurring once per suffix in the interval,
 * so one stack pass over the LCP array fills both tables in O(L). This is the approach of NIST's tool (after Kaufer)
 * reached by a different route; it replaces the quadratic tuple counting the standard describes. When the repeats
 * are short, as from any noisy source, {@link PrefixTupleCounter} gets the same counts without the suffix array,
 * several times faster and in a tenth of the memory; the suffix array remains for long repeats.
 */
final class TupleCounts {

    private final int samples;
    private final int longestRepeat;
    private final long[] maxCount;
    private final long[] pairs;

    private TupleCounts(int samples, int longestRepeat, long[] maxCount, long[] pairs) {
        this.samples = samples;
        this.longestRepeat = longestRepeat;
        this.maxCount = maxCount;
        this.pairs = pairs;
    }

    static TupleCounts of(byte[] bits) {
        return of(bits, Tally.IGNORED);
    }

    /** As above, telling {@code tally} how far the counting, nearly all the work, has got. */
    static TupleCounts of(byte[] bits, Tally tally) {
        long[] words = SuffixArray.pack(bits);
        TupleCounts counts = PrefixTupleCounter.count(bits.length, words, tally);
        return counts != null ? counts : fromSuffixArray(bits, words, tally);
    }

    /** The tables as {@link PrefixTupleCounter} fills them: index i for tuples of i bits, 1 ≤ i ≤ longestRepeat. */
    static TupleCounts fromTables(int samples, int longestRepeat, long[] maxCount, long[] pairs) {
        return new TupleCounts(samples, longestRepeat, maxCount, pairs);
    }

    /** The counts from the suffix array and its LCP array, whatever the repeats. */
    static TupleCounts fromSuffixArray(byte[] bits, long[] words, Tally tally) {
        int n = bits.length;
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
        return new TupleCounts(n, longest, maxCount, pairs);
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
