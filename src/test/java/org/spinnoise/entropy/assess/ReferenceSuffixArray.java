package org.spinnoise.entropy.assess;

/**
 * The suffix-array construction from before issue 18, kept as the oracle for the faster one: prefix doubling from
 * single bits with radix sorts (O(L log L) worst case, about twenty rounds on a stuck source), and the LCP array by
 * Kasai et al.'s linear algorithm.
 */
final class ReferenceSuffixArray {

    private ReferenceSuffixArray() {
    }

    /** Start positions of the suffixes of {@code bits} in lexicographic order (a shorter prefix sorts first). */
    static int[] of(byte[] bits) {
        return of(bits, Tally.IGNORED);
    }

    /**
     * As above, telling {@code tally} after each doubling round, up to 80 % of the sample (the LCP array and the
     * counts take the rest). How many rounds a sample needs is not known until the end, so the tally is an estimate:
     * noisy bits need about log2(2 log2 L) + 1 rounds (their longest repeat is about 2 log2 L bits), and a sample
     * needing more stays at 80 % until it is done.
     */
    static int[] of(byte[] bits, Tally tally) {
        int n = bits.length;
        double expectedRounds = Math.max(1, Math.ceil(Math.log(2 * Math.log(Math.max(n, 2)) / Math.log(2))
                / Math.log(2)) + 1);
        int round = 0;
        int[] sa = new int[n];
        int[] rank = new int[n];
        int[] next = new int[n];
        int[] byTail = new int[n];
        int[] count = new int[Math.max(n, 2) + 1];
        int zeros = 0;
        for (byte bit : bits) {
            zeros += 1 - bit;
        }
        int zeroSlot = 0;
        int oneSlot = zeros;
        for (int i = 0; i < n; i++) {
            rank[i] = bits[i];
            if (bits[i] == 0) {
                sa[zeroSlot++] = i;
            } else {
                sa[oneSlot++] = i;
            }
        }
        int classes = zeros == 0 || zeros == n ? 1 : 2;
        for (int h = 1; classes < n; h <<= 1) {
            // Order by the rank of the second half: suffixes with no second half first, then by sa order.
            int filled = 0;
            for (int i = n - h; i < n; i++) {
                byTail[filled++] = i;
            }
            for (int j = 0; j < n; j++) {
                if (sa[j] >= h) {
                    byTail[filled++] = sa[j] - h;
                }
            }
            // Stable counting sort by the rank of the first half.
            java.util.Arrays.fill(count, 0, classes + 1, 0);
            for (int i = 0; i < n; i++) {
                count[rank[i] + 1]++;
            }
            for (int r = 1; r <= classes; r++) {
                count[r] += count[r - 1];
            }
            for (int j = 0; j < n; j++) {
                int i = byTail[j];
                sa[count[rank[i]]++] = i;
            }
            next[sa[0]] = 0;
            int newClasses = 1;
            for (int j = 1; j < n; j++) {
                int a = sa[j - 1];
                int b = sa[j];
                int tailA = a + h < n ? rank[a + h] : -1;
                int tailB = b + h < n ? rank[b + h] : -1;
                if (rank[a] != rank[b] || tailA != tailB) {
                    newClasses++;
                }
                next[b] = newClasses - 1;
            }
            int[] swap = rank;
            rank = next;
            next = swap;
            classes = newClasses;
            tally.reached((long) (n * 0.8 * Math.min(1.0, ++round / expectedRounds)));
            if (h > n) {
                break;
            }
        }
        return sa;
    }

    /** lcp[k] = length of the common prefix of the suffixes at sa[k − 1] and sa[k]; lcp[0] = 0. */
    static int[] longestCommonPrefixes(byte[] bits, int[] sa) {
        int n = bits.length;
        int[] rank = new int[n];
        for (int k = 0; k < n; k++) {
            rank[sa[k]] = k;
        }
        int[] lcp = new int[n];
        int h = 0;
        for (int i = 0; i < n; i++) {
            int k = rank[i];
            if (k > 0) {
                int j = sa[k - 1];
                while (i + h < n && j + h < n && bits[i + h] == bits[j + h]) {
                    h++;
                }
                lcp[k] = h;
                if (h > 0) {
                    h--;
                }
            } else {
                h = 0;
            }
        }
        return lcp;
    }
}
