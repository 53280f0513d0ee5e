package org.spinnoise.entropy.assess;

/**
 * MultiMMC orders 1 to {@value #ORDERS} run on whole words of 64 steps instead of step by step: they have so few
 * contexts (62 in all) that for each one a mask of the steps it occurs at is cheap to build from shifted sample
 * words, and a context whose lead is far enough from zero keeps its prediction through all its occurrences in the
 * word, so its predictions are that mask and its lead moves by bit counts. Only a context whose prediction could
 * flip within the word, or that has not been seen yet, is stepped through occurrence by occurrence; contexts are
 * independent, so that is exact. Same results as {@link MmcOrderModel#run} for each order, on the same table.
 */
final class MmcLowOrders {

    static final int ORDERS = 5;

    private final int[] lead;
    /** Per context, at its table index: the steps of the current word it occurs at. */
    private final long[] occurs = new long[2 << ORDERS];

    MmcLowOrders(int[] shared) {
        this.lead = shared;
    }

    /**
     * Orders 1 to {@value #ORDERS} over steps start to end - 1, start > {@value #ORDERS} so that all of them take
     * part in every step; {@code sample} holds the block's samples (step start + t at bit t) and
     * {@code hits[k - 1]}, {@code misses[k - 1]} receive order k's bitsets.
     */
    void run(byte[] bits, long[] sample, int start, int end, long[][] hits, long[][] misses) {
        int[] lead = this.lead;
        long[] occurs = this.occurs;
        int stop = end - start;
        // The samples just before the block, the latest at bit 63, as the word before the first.
        long previous = 0;
        for (int j = 1; j <= ORDERS; j++) {
            previous |= (long) bits[start - j] << (64 - j);
        }
        for (int word = 0; word << 6 < stop; word++) {
            int count = Math.min(64, stop - (word << 6));
            long valid = count == 64 ? -1L : (1L << count) - 1;
            long current = sample[word] & valid;
            occurs[1] = valid;
            for (int k = 1; k <= ORDERS; k++) {
                // Bit t: the sample k steps before step t, which order k adds to order k - 1's context.
                long older = (current << k) | (previous >>> (64 - k));
                long zeroAhead = 0;
                long unseen = 0;
                for (int index = 1 << k; index < 2 << k; index++) {
                    long at = occurs[index >>> 1] & ((index & 1) != 0 ? older : ~older);
                    occurs[index] = at;
                    int before = lead[index];
                    int occurrences = Long.bitCount(at);
                    if (before != MmcOrderModel.UNSEEN && (before >= occurrences || before <= 1 - occurrences)) {
                        // The lead stays on one side of zero for every occurrence: one prediction throughout.
                        zeroAhead |= before > 0 ? at : 0;
                        lead[index] = before + occurrences - (Long.bitCount(at & current) << 1);
                    } else {
                        int value = before;
                        for (long rest = at; rest != 0; rest &= rest - 1) {
                            long step = rest & -rest;
                            if (value == MmcOrderModel.UNSEEN) {
                                unseen |= step;
                                value = 0;
                            } else if (value > 0) {
                                zeroAhead |= step;
                            }
                            value += (current & step) != 0 ? -1 : 1;
                        }
                        lead[index] = value;
                    }
                }
                long said = valid & ~unseen;
                long right = zeroAhead ^ current;
                hits[k - 1][word] = right & said;
                misses[k - 1][word] = ~right & said;
            }
            previous = current;
        }
    }
}
