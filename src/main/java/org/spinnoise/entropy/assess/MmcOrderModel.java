package org.spinnoise.entropy.assess;

import java.util.Arrays;

/**
 * One order of the §6.3.9 MultiMMC estimate: a Markov model of order d run over a block of samples on its own, so
 * its table stays in cache, writing for each step whether it predicted right (hits) or wrong (misses) as bitsets that
 * {@link MmcScoreboard} combines. Orders are independent: an order predicts exactly when its own context has been
 * seen, which is why "a context unseen at order d is unseen at longer orders" never needed to be a rule here.
 *
 * <p>A context keeps one int, its lead (how often 0 minus how often 1 followed it), since the prediction is only
 * "0 if the lead is positive, else 1". The 100,000-entry cap counts (context, next bit) pairs, at most 2^(d+1) of
 * them, so only order 16 can reach it; that order also keeps which of its two pairs exist.
 */
final class MmcOrderModel {

    static final int MAX_ENTRIES = 100_000;

    /** The lead of a context never seen; no real lead gets there since a sample holds fewer than 2^31 bits. */
    static final int UNSEEN = Integer.MIN_VALUE;

    private final int order;
    /** Where order k's contexts sit in a shared table: at 2^k + context, 31 - k the shift that yields it. */
    private final int shift;
    private final int[] lead;
    /** For a capped order only: per context, bit b set once the pair (context, b) is an entry. */
    private final byte[] present;
    private int entries;
    /** For an uncapped order: how many contexts have not been seen yet. */
    private int unseen;

    /**
     * An uncapped order keeps its leads in {@code shared}, a table of 2^16 ints common to orders 1 to 15 (see
     * {@link #history}); order 16 keeps its own.
     */
    MmcOrderModel(int order, int[] shared) {
        this.order = order;
        this.shift = 31 - order;
        boolean capped = 2L << order > MAX_ENTRIES;
        this.lead = capped ? new int[1 << order] : shared;
        this.present = capped ? new byte[1 << order] : null;
        if (!capped) {
            Arrays.fill(lead, 1 << order, 2 << order, UNSEEN);
            unseen = 1 << order;
        }
    }

    static int[] sharedTable() {
        return new int[1 << 16];
    }

    int order() {
        return order;
    }

    /** True once every context of an uncapped order has been seen, so its lead alone says what it predicts. */
    boolean allSeen() {
        return present == null && unseen == 0;
    }

    /**
     * The last 16 samples before step i as the models index them: a 1 at bit 31, then sample i - 1 at bit 30, i - 2
     * at bit 29 and so on, so that {@code history >>> (31 - k)} is 2^k plus order k's context, and the next history
     * is {@code (history >> 1) ^ ((bit ^ 1) << 30)}.
     */
    static int history(byte[] bits, int i) {
        int history = Integer.MIN_VALUE;
        for (int j = 0; j < 16 && i - 1 - j >= 0; j++) {
            history |= bits[i - 1 - j] << (30 - j);
        }
        return history;
    }

    /** Enters the first transition the model can see: the first {@code order} samples followed by the next. */
    void prime(byte[] bits) {
        if (order >= bits.length) {
            return;
        }
        int context = 0;
        for (int j = 0; j < order; j++) {
            context |= bits[j] << j;
        }
        int next = bits[order];
        if (present != null) {
            lead[context] = next == 0 ? 1 : -1;
            present[context] = (byte) (1 << next);
        } else {
            lead[(1 << order) | context] = next == 0 ? 1 : -1;
            unseen--;
        }
        entries = 1;
    }

    /**
     * Predicts and learns steps {@code start} to {@code end} - 1 (the model takes part from step order + 1 on):
     * step start + t sets bit t of {@code hits} when the model predicted it right and of {@code misses} when wrong;
     * the words cover the block, steps before the model takes part left clear. {@code sample} holds the block's
     * samples, step start + t at bit t.
     */
    void run(byte[] bits, long[] sample, int start, int end, long[] hits, long[] misses) {
        int from = Math.max(start, order + 1);
        int words = (end - start + 63) >>> 6;
        if (from >= end) {
            Arrays.fill(hits, 0, words, 0L);
            Arrays.fill(misses, 0, words, 0L);
            return;
        }
        int firstWord = (from - start) >>> 6;
        Arrays.fill(hits, 0, firstWord, 0L);
        Arrays.fill(misses, 0, firstWord, 0L);
        int history = history(bits, from);
        int shift = this.shift;
        int[] lead = this.lead;
        int t = from - start;
        int stop = end - start;
        int i = from;
        while (t < stop) {
            int word = t >>> 6;
            int wordEnd = Math.min(stop, (word + 1) << 6);
            // Bit t of zeroAhead: the context's lead was positive, so the model said 0; of seen: it said anything.
            long zeroAhead = 0;
            long seen = 0;
            if (present != null) {
                if (entries < MAX_ENTRIES) {
                    for (; t < wordEnd; t++, i++) {
                        int bit = bits[i];
                        int context = (history >>> 15) & 0xFFFF;
                        int before = lead[context];
                        int pairs = present[context];
                        zeroAhead |= (long) (-before >>> 31) << t;
                        seen |= (long) (-pairs >>> 31) << t;
                        int pair = 1 << bit;
                        if ((pairs & pair) != 0) {
                            lead[context] = before + 1 - (bit << 1);
                        } else if (entries < MAX_ENTRIES) {
                            present[context] = (byte) (pairs | pair);
                            lead[context] = before + 1 - (bit << 1);
                            entries++;
                        }
                        history = (history >> 1) ^ ((bit ^ 1) << 30);
                    }
                } else {
                    // Full: only the pairs already entered still count.
                    for (; t < wordEnd; t++, i++) {
                        int bit = bits[i];
                        int context = (history >>> 15) & 0xFFFF;
                        int before = lead[context];
                        int pairs = present[context];
                        zeroAhead |= (long) (-before >>> 31) << t;
                        seen |= (long) (-pairs >>> 31) << t;
                        int entered = (pairs >>> bit) & 1;
                        lead[context] = before + entered - ((entered & bit) << 1);
                        history = (history >> 1) ^ ((bit ^ 1) << 30);
                    }
                }
            } else {
                for (; t < wordEnd; t++, i++) {
                    int bit = bits[i];
                    int index = history >>> shift;
                    int before = lead[index];
                    int known = before != UNSEEN ? 1 : 0;
                    zeroAhead |= (long) (-before >>> 31) << t;
                    seen |= (long) known << t;
                    unseen -= known ^ 1;
                    lead[index] = (before == UNSEEN ? 0 : before) + 1 - (bit << 1);
                    history = (history >> 1) ^ ((bit ^ 1) << 30);
                }
            }
            // Right where the model said 0 and got 0 or said 1 and got 1.
            long right = zeroAhead ^ sample[word];
            hits[word] = right & seen;
            misses[word] = ~right & seen;
        }
    }
}
