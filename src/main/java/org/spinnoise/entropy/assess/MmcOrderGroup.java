package org.spinnoise.entropy.assess;

/**
 * Five consecutive uncapped MultiMMC orders run in one pass over a block once each has seen every context: then a
 * context's lead alone says what the order predicts, and the five share the sample loads, the history and the loop,
 * which costs about as much as their table work when each order runs alone. Same results as five
 * {@link MmcOrderModel#run} calls.
 */
final class MmcOrderGroup {

    static final int ORDERS = 5;

    private MmcOrderGroup() {
    }

    /**
     * Orders top - 4 to top over steps start to end - 1, their leads in {@code lead} laid out as
     * {@link MmcOrderModel} lays them out; {@code hits[k - 1]} and {@code misses[k - 1]} receive order k's bitsets.
     * Needs start > top, so that every order takes part in every step.
     */
    static void run(int[] lead, int top, byte[] bits, long[] sample, int start, int end, long[][] hits,
            long[][] misses) {
        int shift = 31 - top;
        int history = MmcOrderModel.history(bits, start);
        int stop = end - start;
        int i = start;
        for (int word = 0; word << 6 < stop; word++) {
            int count = Math.min(64, stop - (word << 6));
            // Per order, the latest step at bit 0: whether its lead was positive, so it said 0.
            long zeroAhead4 = 0;
            long zeroAhead3 = 0;
            long zeroAhead2 = 0;
            long zeroAhead1 = 0;
            long zeroAhead0 = 0;
            for (int j = 0; j < count; j++, i++) {
                int bit = bits[i];
                int delta = 1 - (bit << 1);
                int index4 = history >>> shift;
                int index3 = index4 >>> 1;
                int index2 = index4 >>> 2;
                int index1 = index4 >>> 3;
                int index0 = index4 >>> 4;
                int lead4 = lead[index4];
                int lead3 = lead[index3];
                int lead2 = lead[index2];
                int lead1 = lead[index1];
                int lead0 = lead[index0];
                zeroAhead4 = (zeroAhead4 << 1) | (-lead4 >>> 31);
                zeroAhead3 = (zeroAhead3 << 1) | (-lead3 >>> 31);
                zeroAhead2 = (zeroAhead2 << 1) | (-lead2 >>> 31);
                zeroAhead1 = (zeroAhead1 << 1) | (-lead1 >>> 31);
                zeroAhead0 = (zeroAhead0 << 1) | (-lead0 >>> 31);
                lead[index4] = lead4 + delta;
                lead[index3] = lead3 + delta;
                lead[index2] = lead2 + delta;
                lead[index1] = lead1 + delta;
                lead[index0] = lead0 + delta;
                history = (history >> 1) ^ ((bit ^ 1) << 30);
            }
            long valid = count == 64 ? -1L : (1L << count) - 1;
            long samples = sample[word];
            put(zeroAhead4, count, samples, valid, hits[top - 1], misses[top - 1], word);
            put(zeroAhead3, count, samples, valid, hits[top - 2], misses[top - 2], word);
            put(zeroAhead2, count, samples, valid, hits[top - 3], misses[top - 3], word);
            put(zeroAhead1, count, samples, valid, hits[top - 4], misses[top - 4], word);
            put(zeroAhead0, count, samples, valid, hits[top - 5], misses[top - 5], word);
        }
    }

    /** Turns a word collected latest step lowest into step order and splits it into right and wrong. */
    private static void put(long latestLowest, int count, long samples, long valid, long[] hits, long[] misses,
            int word) {
        long zeroAhead = Long.reverse(latestLowest) >>> (64 - count);
        long right = zeroAhead ^ samples;
        hits[word] = right & valid;
        misses[word] = ~right & valid;
    }
}
