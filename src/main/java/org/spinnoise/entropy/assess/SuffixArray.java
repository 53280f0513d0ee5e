package org.spinnoise.entropy.assess;

import java.util.Arrays;

/**
 * Suffix array of a bit string and its LCP array. The bits are packed 64 to a word, so the first 64 bits of every
 * suffix are one long: the suffixes are bucketed by their leading bits and each bucket sorted by that long, which on
 * noisy data (longest repeat about 2 log2 L bits) already is the suffix array. Suffixes whose first 64 bits tie are
 * then ordered by prefix doubling with radix sorts from h = 64 (O(L log L) worst case; a stuck source needs about
 * log2(L/64) rounds). The LCP of neighbours is read from the same longs, falling back to Kasai et al.'s linear
 * algorithm when long repeats would make the direct comparison quadratic. A suffix array is unique, so the order is
 * the one the plain prefix doubling from single bits gave before (kept as the oracle in the tests).
 */
final class SuffixArray {

    private static final int PREFIX_BITS = 64;
    private static final int INSERTION_SORT_MAX = 24;
    /** Words the direct LCP comparison may spend beyond the first 64 bits, per suffix, before Kasai takes over. */
    private static final int DIRECT_LCP_WORDS_PER_SUFFIX = 4;

    private SuffixArray() {
    }

    /** Start positions of the suffixes of {@code bits} in lexicographic order (a shorter prefix sorts first). */
    static int[] of(byte[] bits) {
        return of(bits, pack(bits), Tally.IGNORED);
    }

    /**
     * The bits packed most significant first into longs, with two zero words after the last bit so that the 64 bits
     * starting at any position can be read as {@link #prefix}.
     */
    static long[] pack(byte[] bits) {
        return PackedBits.pack(bits);
    }

    /** The 64 bits starting at bit {@code position}, zeros past the end. */
    static long prefix(long[] words, int position) {
        int word = position >>> 6;
        int shift = position & 63;
        return shift == 0 ? words[word] : (words[word] << shift) | (words[word + 1] >>> (64 - shift));
    }

    /**
     * As {@link #of(byte[])} from the packed {@code words}, telling {@code tally} how far it got, up to 80 % of the
     * sample (the LCP array and the counts take the rest).
     */
    static int[] of(byte[] bits, long[] words, Tally tally) {
        int n = bits.length;
        int[] sa = sortByFirst64Bits(words, n);
        tally.reached((long) (n * 0.6));
        if (!tiedIn64Bits(words, sa)) {
            return sa;
        }
        int[] rank = new int[n];
        int classes = n == 0 ? 0 : 1;
        if (n > 0) {
            rank[sa[0]] = 0;
        }
        for (int k = 1; k < n; k++) {
            int a = sa[k - 1];
            int b = sa[k];
            // A suffix shorter than 64 bits differs from every other: it is shorter than anything sharing its bits.
            if (n - a < PREFIX_BITS || n - b < PREFIX_BITS || prefix(words, a) != prefix(words, b)) {
                classes++;
            }
            rank[b] = classes - 1;
        }
        if (classes < n) {
            refineByDoubling(sa, rank, classes, PREFIX_BITS, tally);
        }
        tally.reached((long) (n * 0.8));
        return sa;
    }

    /** Whether two suffixes, both at least 64 bits long, share their first 64 bits (neighbours, once sorted). */
    private static boolean tiedIn64Bits(long[] words, int[] sa) {
        int n = sa.length;
        for (int k = 1; k < n; k++) {
            int a = sa[k - 1];
            int b = sa[k];
            if (n - a >= PREFIX_BITS && n - b >= PREFIX_BITS && prefix(words, a) == prefix(words, b)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Suffixes ordered by their first 64 bits, a shorter suffix before a longer one with the same bits (padding is
     * zeros, so only the length tells them apart). Buckets by the leading bits, then a stable sort in each bucket of
     * suffixes entered longest last.
     */
    private static int[] sortByFirst64Bits(long[] words, int n) {
        int bucketBits = Math.max(1, Math.min(22, 31 - Integer.numberOfLeadingZeros(Math.max(n, 1)) - 3));
        int shift = 64 - bucketBits;
        int[] next = new int[(1 << bucketBits) + 1];
        for (int i = 0; i < n; i++) {
            next[(int) (prefix(words, i) >>> shift) + 1]++;
        }
        int largest = 0;
        for (int b = 1; b < next.length; b++) {
            largest = Math.max(largest, next[b]);
            next[b] += next[b - 1];
        }
        int[] sa = new int[n];
        // Entered from the last suffix back, so that in each bucket the shorter of equal prefixes comes first.
        for (int i = n - 1; i >= 0; i--) {
            sa[next[(int) (prefix(words, i) >>> shift)]++] = i;
        }
        long[] keys = new long[largest];
        long[] keyScratch = new long[largest];
        int[] indexScratch = new int[largest];
        int from = 0;
        for (int b = 0; b < next.length - 1; b++) {
            int to = next[b];
            int size = to - from;
            if (size > 1) {
                for (int k = 0; k < size; k++) {
                    keys[k] = prefix(words, sa[from + k]);
                }
                mergeSort(keys, sa, from, 0, size, keyScratch, indexScratch);
            }
            from = to;
        }
        return sa;
    }

    /** Stable sort of keys[lo, hi) with the suffixes sa[offset + lo, offset + hi) they belong to. */
    private static void mergeSort(long[] keys, int[] sa, int offset, int lo, int hi, long[] keyScratch,
                                  int[] indexScratch) {
        int size = hi - lo;
        if (size <= INSERTION_SORT_MAX) {
            for (int k = lo + 1; k < hi; k++) {
                long key = keys[k];
                int suffix = sa[offset + k];
                int j = k - 1;
                while (j >= lo && Long.compareUnsigned(keys[j], key) > 0) {
                    keys[j + 1] = keys[j];
                    sa[offset + j + 1] = sa[offset + j];
                    j--;
                }
                keys[j + 1] = key;
                sa[offset + j + 1] = suffix;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        mergeSort(keys, sa, offset, lo, mid, keyScratch, indexScratch);
        mergeSort(keys, sa, offset, mid, hi, keyScratch, indexScratch);
        if (Long.compareUnsigned(keys[mid - 1], keys[mid]) <= 0) {
            return;
        }
        System.arraycopy(keys, lo, keyScratch, lo, size);
        System.arraycopy(sa, offset + lo, indexScratch, lo, size);
        int left = lo;
        int right = mid;
        for (int k = lo; k < hi; k++) {
            if (right >= hi || (left < mid && Long.compareUnsigned(keyScratch[left], keyScratch[right]) <= 0)) {
                keys[k] = keyScratch[left];
                sa[offset + k] = indexScratch[left++];
            } else {
                keys[k] = keyScratch[right];
                sa[offset + k] = indexScratch[right++];
            }
        }
    }

    /**
     * Prefix doubling: {@code sa} is ordered by the first {@code h} bits of each suffix and {@code rank} numbers its
     * classes of equal first h bits; each round orders by the first 2h bits, until every suffix is its own class.
     */
    private static void refineByDoubling(int[] sa, int[] rank, int classes, int firstH, Tally tally) {
        int n = sa.length;
        int[] next = new int[n];
        int[] byTail = new int[n];
        int[] count = new int[Math.max(n, 2) + 1];
        for (int h = firstH; classes < n; h <<= 1) {
            // Order by the rank of the second half: suffixes with no second half first, then by sa order.
            int filled = 0;
            for (int i = n - h; i < n; i++) {
                if (i >= 0) {
                    byTail[filled++] = i;
                }
            }
            for (int j = 0; j < n; j++) {
                if (sa[j] >= h) {
                    byTail[filled++] = sa[j] - h;
                }
            }
            // Stable counting sort by the rank of the first half.
            Arrays.fill(count, 0, classes + 1, 0);
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
            tally.reached((long) (n * (0.6 + 0.2 * Math.min(1.0, classes / (double) n))));
            if (h > n) {
                break;
            }
        }
    }

    /** lcp[k] = length of the common prefix of the suffixes at sa[k − 1] and sa[k]; lcp[0] = 0. */
    static int[] longestCommonPrefixes(byte[] bits, int[] sa) {
        return longestCommonPrefixes(bits, pack(bits), sa);
    }

    /** As above with the bits also packed, as {@link #pack} gives them. */
    static int[] longestCommonPrefixes(byte[] bits, long[] words, int[] sa) {
        int n = bits.length;
        int[] lcp = new int[n];
        long budget = (long) DIRECT_LCP_WORDS_PER_SUFFIX * n;
        for (int k = 1; k < n; k++) {
            int a = sa[k - 1];
            int b = sa[k];
            int limit = n - Math.max(a, b);
            int common = 0;
            while (true) {
                long differ = prefix(words, a + common) ^ prefix(words, b + common);
                if (differ != 0) {
                    common += Long.numberOfLeadingZeros(differ);
                    break;
                }
                common += 64;
                if (common >= limit) {
                    break;
                }
                if (--budget < 0) {
                    // Long repeats: comparing each pair afresh would be quadratic.
                    return kasai(bits, sa);
                }
            }
            lcp[k] = Math.min(common, limit);
        }
        return lcp;
    }

    /** Kasai et al.: the LCP array in O(L) whatever the repeats. */
    private static int[] kasai(byte[] bits, int[] sa) {
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
