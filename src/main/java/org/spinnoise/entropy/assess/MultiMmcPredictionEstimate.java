package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.9 multi Markov model with counting (MultiMMC) prediction estimate: 16 subpredictors, the d-th a
 * Markov model of order d that predicts the bit most often seen after the last d bits (1 on a tie); the best scorer
 * so far predicts. Each model keeps at most 100,000 (context, next bit) entries, a cap that only the order-16 model
 * can reach. Semantics follow NIST's tool, including that a winner without a prediction neither counts nor breaks
 * the run. The counts go to {@link PredictorBound}.
 *
 * <p>Updating all 16 models per bit touches 16 scattered places in about 1 MB of tables, so the sample goes in blocks
 * of {@value #BLOCK_BITS} steps: the orders run over the block one pass at a time, each with its tables in cache,
 * recording where each order predicted right or wrong as bitsets, and {@link MmcScoreboard} then plays the block's
 * scoreboard from those bitsets, mostly a word of 64 steps at a time. Orders are independent of one another (an
 * order predicts exactly when its own context has been seen), so the passes can be grouped as is fastest: orders
 * 1-5 on whole words ({@link MmcLowOrders}), 6-10 and 11-15 five to a pass ({@link MmcOrderGroup}), order 16 and
 * any order still meeting new contexts alone ({@link MmcOrderModel}).
 */
public final class MultiMmcPredictionEstimate {

    public static final String NAME = "MultiMMC Prediction";
    public static final String SECTION = "6.3.9";
    public static final int MIN_SAMPLES = 4;

    private static final int MAX_ORDER = 16;
    private static final int GROUP = MmcOrderGroup.ORDERS;
    /**
     * Steps per block. Each pass over a block first pulls its tables back into cache (order 16's alone is 320 KB),
     * so longer blocks spread that over more steps; the 32 bitsets of 2^15 steps take 128 KB, read and written in
     * sequence. 2^15 measured faster than 2^13, 2^14 and 2^16 at 10^7 bits.
     */
    static final int BLOCK_BITS = 1 << 15;
    /**
     * Steps per block over the first {@value #SHORT_BLOCKS_UNTIL} steps: while the longer orders still meet new
     * contexts they run one by one, and shorter blocks let them join their five-order passes sooner (at 10^6 bits
     * 2^13-step blocks measured about 20 % faster than 2^15 throughout).
     */
    static final int SHORT_BLOCK_BITS = 1 << 13;
    static final int SHORT_BLOCKS_UNTIL = 1 << 19;

    private MultiMmcPredictionEstimate() {
    }

    public static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        return counts(bits, tally).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        int[] shared = MmcOrderModel.sharedTable();
        MmcOrderModel[] models = new MmcOrderModel[MAX_ORDER];
        for (int d = 0; d < MAX_ORDER; d++) {
            models[d] = new MmcOrderModel(d + 1, shared);
            models[d].prime(bits);
        }
        int blockWords = (Math.min(BLOCK_BITS, n) + 63) >>> 6;
        long[][] hits = new long[MAX_ORDER][blockWords];
        long[][] misses = new long[MAX_ORDER][blockWords];
        long[] sample = new long[blockWords];
        MmcLowOrders lowOrders = new MmcLowOrders(shared);
        MmcScoreboard scoreboard = new MmcScoreboard(MAX_ORDER);
        // Predictions start at the third sample, when the order-1 model has seen one transition.
        for (int start = 2, end; start < n; start = end) {
            end = (int) Math.min(n, (long) start + (start < SHORT_BLOCKS_UNTIL ? SHORT_BLOCK_BITS : BLOCK_BITS));
            pack(bits, start, end, sample);
            runOrders(models, lowOrders, shared, bits, sample, start, end, hits, misses);
            scoreboard.play(hits, misses, (end - start + 63) >>> 6);
            if ((start & ~Tally.EVERY_MASK) != (end & ~Tally.EVERY_MASK)) {
                tally.reached(end);
            }
        }
        return scoreboard.counts(n - 2L);
    }

    /**
     * Every order over one block: orders 1-5 on whole words ({@link MmcLowOrders}) once they all take part, orders
     * 6-10 and 11-15 five at a time once all five have seen every context ({@link MmcOrderGroup}), the others one by
     * one ({@link MmcOrderModel}).
     */
    private static void runOrders(MmcOrderModel[] models, MmcLowOrders lowOrders, int[] shared, byte[] bits,
            long[] sample, int start, int end, long[][] hits, long[][] misses) {
        int d = 0;
        if (start > MmcLowOrders.ORDERS) {
            lowOrders.run(bits, sample, start, end, hits, misses);
            d = MmcLowOrders.ORDERS;
        }
        while (d < models.length) {
            int top = d + GROUP;
            if (d % GROUP == 0 && top < models.length && start > top && allSeen(models, d, top)) {
                MmcOrderGroup.run(shared, top, bits, sample, start, end, hits, misses);
                d = top;
            } else {
                models[d].run(bits, sample, start, end, hits[d], misses[d]);
                d++;
            }
        }
    }

    private static boolean allSeen(MmcOrderModel[] models, int from, int to) {
        for (int d = from; d < to; d++) {
            if (!models[d].allSeen()) {
                return false;
            }
        }
        return true;
    }

    /** Samples start to end - 1 into {@code words}, sample start + t at bit t. */
    static void pack(byte[] bits, int start, int end, long[] words) {
        int count = end - start;
        for (int w = 0; w << 6 < count; w++) {
            int base = start + (w << 6);
            int length = Math.min(64, end - base);
            long word = 0;
            for (int j = 0; j < length; j++) {
                word |= (long) bits[base + j] << j;
            }
            words[w] = word;
        }
    }
}
