package org.spinnoise.entropy.assess;

import java.util.Arrays;

/**
 * The counts of {@link TupleCounts} without a suffix array, for samples whose repeats are short (noisy sources: the
 * longest repeat is about 2 log2 L bits, so the first 64 bits of a suffix nearly always decide it). A histogram of
 * the leading B ≈ log2 L − 7 bits of every position gives Q[i] and S[i] for i ≤ B by folding it one bit at a time.
 * Longer tuples can only match within one histogram bucket, so the buckets are taken one at a time: a counting sort
 * of the bucket by the 64 bits read from the packed words splits it into cells of equal next d ≈ log2(size) bits,
 * whose folded sizes give the counts up to B + d; only cells of two or more positions are sorted, and the stack pass
 * of the suffix-array method over the LCPs of neighbours (the leading zeros of their XOR) gives the longer lengths.
 * Each position goes into a slab of at most {@link #SLAB_ENTRIES} longs as its position and the 33 bits after its
 * group's leading bits, gathered in a few hundred groups of buckets and then spread into buckets one group at a time,
 * so neither step scatters over more memory than the caches and page tables hold, and the sorting reads the sample
 * only for the rare neighbours those bits do not tell apart. The sample is rescanned once per slab: at 10^8 bits
 * six times, in about 150 MB, where the suffix and LCP arrays take 800 MB. Neighbours tied in all 64 bits are
 * ordered by reading further words, within a budget of a few words per sample; when long repeats exhaust it (stuck
 * or periodic sources) or one bucket is crowded, {@link #count} gives up and the caller uses the suffix array.
 */
final class PrefixTupleCounter {

    /** Below this the suffix array is as fast and the bucketing has nothing to gain. */
    static final int MIN_SAMPLES = 128;
    /** Positions gathered per rescan of the sample: 128 MB of longs. */
    static final int SLAB_ENTRIES = 1 << 24;
    /** A bucket with more positions than this (a heavily biased source) is left to the suffix array. */
    static final int MAX_BUCKET_ENTRIES = 1 << 22;
    /** Buckets smaller than this are never taken for a sign of a stuck source. */
    private static final int CROWDED_BUCKET_MIN = 1 << 16;
    private static final int MAX_BUCKET_BITS = 19;
    private static final int INSERTION_SORT_MAX = 24;
    /** Groups a slab is gathered in; an entry knows 33 bits beyond a group's shared leading bits. */
    private static final int GROUPS = 256;
    private static final long POSITION_MASK = (1L << 31) - 1;
    private static final int MAX_DIGIT_BITS = 11;
    /** Words the tie-breaking may read beyond the first 64 bits, per sample, before the suffix array takes over. */
    private static final int EXTRA_WORDS_PER_SAMPLE = 4;

    private final int n;
    private final long[] words;
    private final int bucketBits;
    private final int slabEntries;
    private final int maxBucketEntries;
    private long budget;
    private boolean exhausted;
    private int longestAbove;
    private long[] largestAtTop = new long[130];
    private long[] pairsDelta = new long[130];
    private int[] stackLcp = new int[66];
    private int[] stackLeft = new int[66];
    private final int[][] digitCounts = new int[65][];
    private long[] keys = new long[0];
    private long[] keyScratch = new long[0];
    private int[] positions = new int[0];
    private int[] positionScratch = new int[0];
    private final int[] tailPositions = new int[64];
    private final int[] cellLevel = new int[1 << MAX_DIGIT_BITS];
    /** Q and S contributions for lengths B + 1 to 64 from the folded cell sizes. */
    private final long[] foldMax = new long[65];
    private final long[] foldPairs = new long[65];

    private PrefixTupleCounter(int n, long[] words, int bucketBits, int slabEntries, int maxBucketEntries) {
        this.n = n;
        this.words = words;
        this.bucketBits = bucketBits;
        this.slabEntries = slabEntries;
        this.maxBucketEntries = maxBucketEntries;
        this.budget = (long) EXTRA_WORDS_PER_SAMPLE * n;
        digitCounts[0] = new int[(1 << MAX_DIGIT_BITS) + 1];
    }

    /**
     * The counts for the {@code n} bits packed in {@code words} (as {@link SuffixArray#pack} gives them), or null
     * when the sample is too small, too repetitive or too skewed for this method.
     */
    static TupleCounts count(int n, long[] words, Tally tally) {
        return count(n, words, tally, SLAB_ENTRIES, MAX_BUCKET_ENTRIES);
    }

    /** As above with the slab and bucket limits given, so that tests reach every path with small samples. */
    static TupleCounts count(int n, long[] words, Tally tally, int slabEntries, int maxBucketEntries) {
        if (n < MIN_SAMPLES) {
            return null;
        }
        int bucketBits = Math.max(1, Math.min(MAX_BUCKET_BITS, 31 - Integer.numberOfLeadingZeros(n) - 7));
        return new PrefixTupleCounter(n, words, bucketBits, slabEntries, maxBucketEntries).run(tally);
    }

    private TupleCounts run(Tally tally) {
        int b = bucketBits;
        int shift = 64 - b;
        int[] entries = new int[1 << b];
        histogram(entries, shift);
        long[] shortMax = new long[b + 1];
        long[] shortPairs = new long[b + 1];
        foldShortLengths(entries.clone(), shortMax, shortPairs);
        tally.reached(n / 10);
        // Positions with more than B bits left go on to the buckets; the one with exactly B bits cannot match longer.
        entries[(int) (SuffixArray.prefix(words, n - b) >>> shift)]--;
        int largest = 0;
        for (int count : entries) {
            largest = Math.max(largest, count);
        }
        // One leading pattern in an eighth of a large sample means a source stuck on it (runs far beyond 64 bits):
        // the tie budget would run out after the whole gathering, so go to the suffix array at once.
        if (largest > maxBucketEntries || largest > Math.max(n / 8, CROWDED_BUCKET_MIN)) {
            return null;
        }
        int total = n - b;
        long[] slab = new long[Math.max(Math.min(total, slabEntries), largest)];
        keys = new long[largest];
        keyScratch = new long[largest];
        positions = new int[largest];
        positionScratch = new int[largest];
        int[] groupCursor = new int[GROUPS + 2];
        int[] bucketCursor = new int[entries.length];
        long[] local = new long[0];
        long done = 0;
        for (int lo = 0; lo < entries.length; ) {
            int hi = lo;
            int filled = 0;
            while (hi < entries.length && filled + entries[hi] <= slab.length) {
                filled += entries[hi];
                hi++;
            }
            // Groups of 2^groupShift buckets, aligned so that each shares its leading B - groupShift bits.
            int groupShift = 0;
            while (((hi - lo - 1) >>> groupShift) >= GROUPS) {
                groupShift++;
            }
            int firstGroup = lo >>> groupShift;
            int groups = ((hi - 1) >>> groupShift) - firstGroup + 1;
            int largestGroup = 0;
            int start = 0;
            for (int g = 0; g < groups; g++) {
                int size = 0;
                for (int bucket = Math.max(lo, (firstGroup + g) << groupShift);
                     bucket < Math.min(hi, (firstGroup + g + 1) << groupShift); bucket++) {
                    size += entries[bucket];
                }
                groupCursor[g] = start;
                start += size;
                largestGroup = Math.max(largestGroup, size);
            }
            if (local.length < largestGroup) {
                local = new long[largestGroup];
            }
            gather(slab, groupCursor, lo, hi, groupShift, shift);
            int from = 0;
            for (int g = 0; g < groups; g++) {
                int to = groupCursor[g];
                int first = Math.max(lo, (firstGroup + g) << groupShift);
                int last = Math.min(hi, (firstGroup + g + 1) << groupShift);
                if (!countGroup(slab, from, to, local, first, last, groupShift, entries, bucketCursor)) {
                    return null;
                }
                from = to;
                tally.reached((long) (n * (0.1 + 0.85 * (done + to) / total)));
            }
            done += filled;
            lo = hi;
        }
        return tables(shortMax, shortPairs);
    }

    /** Counts of the leading B bits of every position with at least B bits left. */
    private void histogram(int[] counts, int shift) {
        int last = n - bucketBits;
        int fullWords = (last + 1) >>> 6;
        for (int w = 0; w < fullWords; w++) {
            long high = words[w];
            long low = words[w + 1] >>> 1;
            for (int s = 0; s < 64; s++) {
                counts[(int) (((high << s) | (low >>> (63 - s))) >>> shift)]++;
            }
        }
        for (int p = fullWords << 6; p <= last; p++) {
            counts[(int) (SuffixArray.prefix(words, p) >>> shift)]++;
        }
    }

    /**
     * Q[i] and S[i] for i ≤ B: the i-bit counts are the (i + 1)-bit counts folded in pairs, plus the one position
     * that has exactly i bits left.
     */
    private void foldShortLengths(int[] level, long[] shortMax, long[] shortPairs) {
        for (int i = bucketBits; i >= 1; i--) {
            int size = 1 << i;
            if (i < bucketBits) {
                for (int x = 0; x < size; x++) {
                    level[x] = level[2 * x] + level[2 * x + 1];
                }
                level[(int) (SuffixArray.prefix(words, n - i) >>> (64 - i))]++;
            }
            long max = 0;
            long pairs = 0;
            for (int x = 0; x < size; x++) {
                long c = level[x];
                max = Math.max(max, c);
                pairs += c * (c - 1) / 2;
            }
            shortMax[i] = max;
            shortPairs[i] = pairs;
        }
    }

    /**
     * Fills the slab with the entries of buckets [lo, hi), group by group from each group's cursor: every position
     * with at least 64 bits left by a sequential scan, then the few near the end with more than B but fewer than
     * 64. A few hundred groups keep the writes within as many pages and cache lines.
     */
    private void gather(long[] slab, int[] groupCursor, int lo, int hi, int groupShift, int shift) {
        int lastFull = n - 64;
        int fullWords = (lastFull + 1) >>> 6;
        int width = hi - lo;
        int firstGroup = lo >>> groupShift;
        int groupBits = bucketBits - groupShift;
        boolean everything = lo == 0 && hi == 1 << bucketBits;
        for (int w = 0; w < fullWords; w++) {
            long high = words[w];
            long low = words[w + 1] >>> 1;
            int base = w << 6;
            if (everything) {
                for (int s = 0; s < 64; s++) {
                    long prefix = (high << s) | (low >>> (63 - s));
                    int group = (int) (prefix >>> shift) >>> groupShift;
                    slab[groupCursor[group]++] = ((prefix << groupBits) & ~POSITION_MASK) | (base + s);
                }
            } else {
                for (int s = 0; s < 64; s++) {
                    long prefix = (high << s) | (low >>> (63 - s));
                    int bucket = (int) (prefix >>> shift);
                    if (Integer.compareUnsigned(bucket - lo, width) < 0) {
                        int group = (bucket >>> groupShift) - firstGroup;
                        slab[groupCursor[group]++] = ((prefix << groupBits) & ~POSITION_MASK) | (base + s);
                    }
                }
            }
        }
        for (int p = fullWords << 6; p < n - bucketBits; p++) {
            long prefix = SuffixArray.prefix(words, p);
            int bucket = (int) (prefix >>> shift);
            if (Integer.compareUnsigned(bucket - lo, width) < 0) {
                int group = (bucket >>> groupShift) - firstGroup;
                slab[groupCursor[group]++] = ((prefix << groupBits) & ~POSITION_MASK) | p;
            }
        }
    }

    /**
     * Sorts one group's entries slab[from, to) into its buckets [first, last) in {@code local} and counts each
     * bucket. An entry holds the 33 bits after the group's leading B - groupShift bits above its position, so the
     * bucket and the first 33 + B - groupShift bits of the suffix come without reading the sample again.
     */
    private boolean countGroup(long[] slab, int from, int to, long[] local, int first, int last, int groupShift,
                               int[] entries, int[] bucketCursor) {
        int filled = 0;
        for (int bucket = first; bucket < last; bucket++) {
            bucketCursor[bucket] = filled;
            filled += entries[bucket];
        }
        int groupBits = bucketBits - groupShift;
        int groupBase = (first >>> groupShift) << groupShift;
        for (int k = from; k < to; k++) {
            long entry = slab[k];
            int bucket = groupShift == 0 ? groupBase : groupBase | (int) (entry >>> (64 - groupShift));
            local[bucketCursor[bucket]++] = entry;
        }
        long groupTop = (long) (first >>> groupShift) << (64 - groupBits);
        int start = 0;
        for (int bucket = first; bucket < last; bucket++) {
            int end = start + entries[bucket];
            if (end - start > 1 && !countBucket(local, start, end, groupTop, groupBits)) {
                return false;
            }
            start = end;
        }
        return true;
    }

    /**
     * Counts the tuples longer than B among one bucket's positions, which all share their first B bits. A counting
     * sort by the next d ≈ log2(m) + 1 bits splits the bucket into cells; the cell sizes, folded one bit at a time,
     * give the counts for lengths B + 1 to F = B + d, and only the few cells holding two or more positions need
     * sorting and the stack pass for the lengths beyond F. False when the tie budget ran out.
     */
    private boolean countBucket(long[] slab, int from, int to, long groupTop, int groupBits) {
        int b = bucketBits;
        int m = to - from;
        int digitBits = Math.min(64 - b, Math.min(MAX_DIGIT_BITS, 32 - Integer.numberOfLeadingZeros(m)));
        int f = b + digitBits;
        int shift = 64 - f;
        int mask = (1 << digitBits) - 1;
        int[] count = digitCounts[0];
        Arrays.fill(count, 0, mask + 2, 0);
        // Positions with fewer than F bits left stay out of the cells; each joins the fold at its own length.
        int tails = 0;
        int cellEntries = 0;
        for (int k = from; k < to; k++) {
            long entry = slab[k];
            int position = (int) (entry & POSITION_MASK);
            // The suffix's first bits as far as the entry knows them, zeros after: ties there are read in full.
            long key = groupTop | ((entry & ~POSITION_MASK) >>> groupBits);
            if (position > n - f) {
                tailPositions[tails++] = position;
                continue;
            }
            keyScratch[cellEntries] = key;
            positionScratch[cellEntries++] = position;
            count[((int) (key >>> shift) & mask) + 1]++;
        }
        for (int d = 1; d <= mask + 1; d++) {
            count[d] += count[d - 1];
        }
        for (int k = 0; k < cellEntries; k++) {
            int target = count[(int) (keyScratch[k] >>> shift) & mask]++;
            keys[target] = keyScratch[k];
            positions[target] = positionScratch[k];
        }
        // count[d] is now the end of cell d; fold the sizes down from length F to B + 1.
        int[] level = cellLevel;
        int start = 0;
        for (int d = 0; d <= mask; d++) {
            level[d] = count[d] - start;
            start = count[d];
        }
        for (int length = f; length > b; length--) {
            int size = 1 << (length - b);
            if (length < f) {
                for (int x = 0; x < size; x++) {
                    level[x] = level[2 * x] + level[2 * x + 1];
                }
                for (int t = 0; t < tails; t++) {
                    if (n - tailPositions[t] == length) {
                        level[(int) (SuffixArray.prefix(words, tailPositions[t]) >>> (64 - length)) & (size - 1)]++;
                    }
                }
            }
            long max = 0;
            long pairs = 0;
            for (int x = 0; x < size; x++) {
                long c = level[x];
                max = Math.max(max, c);
                pairs += c * (c - 1) / 2;
            }
            if (pairs == 0) {
                continue;
            }
            foldMax[length] = Math.max(foldMax[length], max);
            foldPairs[length] += pairs;
            longestAbove = Math.max(longestAbove, length);
        }
        start = 0;
        for (int d = 0; d <= mask; d++) {
            int end = count[d];
            if (end - start > 1 && !countCell(start, end, f, Math.min(64, groupBits + 33))) {
                return false;
            }
            start = end;
        }
        return true;
    }

    /**
     * Sorts the positions [lo, hi) of one cell, which share their first {@code floor} bits, by their suffixes and
     * runs the stack pass over the LCPs of neighbours: each LCP interval with value ℓ > floor and parent ℓ′ is one
     * tuple of every length in (ℓ′, ℓ] occurring once per position in it. Keys equal in the {@code knownBits} their
     * entries hold get their full 64 bits from the sample and are sorted again; those still equal are ordered by
     * reading on. False when the tie budget ran out.
     */
    private boolean countCell(int lo, int hi, int floor, int knownBits) {
        sortByKey(lo, hi, floor, 1);
        for (int k = lo + 1; k < hi; k++) {
            if (keys[k - 1] == keys[k]) {
                int end = k + 1;
                while (end < hi && keys[end] == keys[k]) {
                    end++;
                }
                if (knownBits < 64) {
                    for (int j = k - 1; j < end; j++) {
                        keys[j] = SuffixArray.prefix(words, positions[j]);
                    }
                    sortByKey(k - 1, end, knownBits, 1);
                }
                for (int j = k; j < end; j++) {
                    if (keys[j - 1] == keys[j]) {
                        int tieEnd = j + 1;
                        while (tieEnd < end && keys[tieEnd] == keys[j]) {
                            tieEnd++;
                        }
                        sortTies(j - 1, tieEnd);
                        j = tieEnd - 1;
                    }
                }
                k = end - 1;
            }
        }
        if (exhausted) {
            return false;
        }
        int[] lcpStack = stackLcp;
        int[] leftStack = stackLeft;
        long[] largest = largestAtTop;
        long[] delta = pairsDelta;
        int longest = floor;
        int top = 0;
        lcpStack[0] = floor;
        leftStack[0] = lo;
        for (int k = lo + 1; k <= hi; k++) {
            int current = floor;
            if (k < hi) {
                long differ = keys[k - 1] ^ keys[k];
                int limit = n - Math.max(positions[k - 1], positions[k]);
                current = differ != 0 ? Math.min(Long.numberOfLeadingZeros(differ), limit)
                        : commonLength(positions[k - 1], positions[k]);
                if (current > 64) {
                    // Only ties read past 64 bits; the tables start with room for every shorter LCP.
                    if (exhausted) {
                        return false;
                    }
                    makeRoom(current);
                    lcpStack = stackLcp;
                    leftStack = stackLeft;
                    largest = largestAtTop;
                    delta = pairsDelta;
                }
                longest = Math.max(longest, current);
            }
            int left = k - 1;
            while (current < lcpStack[top]) {
                int value = lcpStack[top];
                left = leftStack[top];
                top--;
                long size = k - left;
                int parent = Math.max(current, lcpStack[top]);
                largest[value] = Math.max(largest[value], size);
                long pairCount = size * (size - 1) / 2;
                delta[parent + 1] += pairCount;
                delta[value + 1] -= pairCount;
            }
            if (current > lcpStack[top]) {
                top++;
                lcpStack[top] = current;
                leftStack[top] = left;
            }
        }
        longestAbove = Math.max(longestAbove, longest);
        return true;
    }

    /** Room in the stack (its LCPs rise strictly) and in the tables for LCPs up to {@code value}. */
    private void makeRoom(int value) {
        if (value + 2 > stackLcp.length) {
            stackLcp = Arrays.copyOf(stackLcp, 2 * (value + 2));
            stackLeft = Arrays.copyOf(stackLeft, 2 * (value + 2));
        }
        if (value + 2 > largestAtTop.length) {
            largestAtTop = Arrays.copyOf(largestAtTop, 2 * (value + 2));
            pairsDelta = Arrays.copyOf(pairsDelta, 2 * (value + 2));
        }
    }

    /** MSD radix sort of keys[lo, hi) (and their positions), which share their first {@code sharedBits} bits. */
    private void sortByKey(int lo, int hi, int sharedBits, int depth) {
        int m = hi - lo;
        if (m <= INSERTION_SORT_MAX) {
            insertionSort(lo, hi);
            return;
        }
        if (sharedBits >= 64) {
            return;
        }
        // About four digits per key, so that most digits hold none or one and one insertion pass finishes the job.
        int digitBits = Math.min(64 - sharedBits, Math.min(MAX_DIGIT_BITS, 34 - Integer.numberOfLeadingZeros(m)));
        int shift = 64 - sharedBits - digitBits;
        int mask = (1 << digitBits) - 1;
        int[] count = digitCounts[depth];
        if (count == null) {
            count = new int[(1 << MAX_DIGIT_BITS) + 1];
            digitCounts[depth] = count;
        }
        Arrays.fill(count, 0, mask + 2, 0);
        for (int k = lo; k < hi; k++) {
            count[((int) (keys[k] >>> shift) & mask) + 1]++;
        }
        for (int d = 1; d <= mask + 1; d++) {
            count[d] += count[d - 1];
        }
        for (int k = lo; k < hi; k++) {
            int target = lo + count[(int) (keys[k] >>> shift) & mask]++;
            keyScratch[target] = keys[k];
            positionScratch[target] = positions[k];
        }
        System.arraycopy(keyScratch, lo, keys, lo, m);
        System.arraycopy(positionScratch, lo, positions, lo, m);
        int start = lo;
        for (int d = 0; d <= mask; d++) {
            int end = lo + count[d];
            if (end - start > INSERTION_SORT_MAX) {
                sortByKey(start, end, sharedBits + digitBits, depth + 1);
            }
            start = end;
        }
        // Keys in different digits are in order already: the pass only sorts within the small digits.
        insertionSort(lo, hi);
    }

    private void insertionSort(int lo, int hi) {
        for (int k = lo + 1; k < hi; k++) {
            long key = keys[k];
            int position = positions[k];
            int j = k - 1;
            while (j >= lo && Long.compareUnsigned(keys[j], key) > 0) {
                keys[j + 1] = keys[j];
                positions[j + 1] = positions[j];
                j--;
            }
            keys[j + 1] = key;
            positions[j + 1] = position;
        }
    }

    /** Orders positions [lo, hi), equal in their first 64 bits, by their whole suffixes. */
    private void sortTies(int lo, int hi) {
        for (int k = lo + 1; k < hi && !exhausted; k++) {
            int position = positions[k];
            int j = k - 1;
            while (j >= lo && suffixAfter(positions[j], position)) {
                positions[j + 1] = positions[j];
                j--;
            }
            positions[j + 1] = position;
        }
    }

    /** Whether the suffix at a sorts after the one at b; a proper prefix sorts first. */
    private boolean suffixAfter(int a, int b) {
        int common = commonLength(a, b);
        if (common >= Math.min(n - a, n - b)) {
            return a < b;
        }
        return bitAt(a + common) > bitAt(b + common);
    }

    private int bitAt(int position) {
        return (int) (words[position >>> 6] >>> (63 - (position & 63))) & 1;
    }

    /** Length of the common prefix of two suffixes whose first 64 bits are equal, reading words from the budget. */
    private int commonLength(int a, int b) {
        int limit = n - Math.max(a, b);
        int common = 64;
        while (common < limit) {
            if (--budget < 0) {
                exhausted = true;
                return limit;
            }
            long differ = SuffixArray.prefix(words, a + common) ^ SuffixArray.prefix(words, b + common);
            if (differ != 0) {
                common += Long.numberOfLeadingZeros(differ);
                break;
            }
            common += 64;
        }
        return Math.min(common, limit);
    }

    private TupleCounts tables(long[] shortMax, long[] shortPairs) {
        int b = bucketBits;
        int longest = longestAbove;
        if (longest <= b) {
            longest = 0;
            for (int i = b; i >= 1 && longest == 0; i--) {
                if (shortPairs[i] > 0) {
                    longest = i;
                }
            }
        }
        long[] maxCount = new long[longest + 1];
        long[] pairs = new long[longest + 1];
        for (int i = 1; i <= Math.min(b, longest); i++) {
            maxCount[i] = shortMax[i];
            pairs[i] = shortPairs[i];
        }
        // Every term is the size of some group of equal tuples at that length or longer; the largest is Q[i].
        long running = 1;
        for (int i = longest; i > b; i--) {
            running = Math.max(running, largestAtTop[i]);
            maxCount[i] = i <= 64 ? Math.max(running, foldMax[i]) : running;
        }
        long sum = 0;
        for (int i = b + 1; i <= longest; i++) {
            sum += pairsDelta[i];
            pairs[i] = sum + (i <= 64 ? foldPairs[i] : 0);
        }
        return TupleCounts.fromTables(n, longest, maxCount, pairs);
    }
}
