package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.7 multi most common in window (MultiMCW) prediction estimate: four subpredictors guess the most
 * common bit of the last 63, 255, 1023 and 4095 bits; the one with the best score so far makes the prediction.
 * Windows are odd, so the most common bit of a full window is never tied. Predictions start at bit 63; each
 * subpredictor scores only once its window is full. The counts go to {@link PredictorBound}.
 *
 * <p>Once every window is full, bits are taken 64 at a time. Each window's 64 predictions become one word, the four
 * windows stepped together without branches (or all kept as they are when no count can cross half in the block).
 * XNOR with the block's bits says where each is right, and {@link PredictorScoreboard} scores the block, mostly with
 * popcounts. The answer is the plain loop's, count for count.
 */
public final class MultiMcwPredictionEstimate {

    public static final String NAME = "MultiMCW Prediction";
    public static final String SECTION = "6.3.7";
    public static final int MIN_SAMPLES = 4096;

    private static final int[] WINDOWS = {63, 255, 1023, 4095};
    private static final int LONGEST_WINDOW = 4095;
    /** One in each 16-bit lane. */
    private static final long LANE_ONES = 0x0001_0001_0001_0001L;
    /** Per lane 0x8000 − (half + 1): the lane's top bit is set exactly when the window's count exceeds half. */
    private static final long LANE_OFFSETS = (0x8000L - 32) | ((0x8000L - 128) << 16) | ((0x8000L - 512) << 32)
            | ((0x8000L - 2048) << 48);

    private MultiMcwPredictionEstimate() {
    }

    public static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return counts(bits, PackedBits.pack(bits), tally).minEntropy();
    }

    /** The counts over {@code bits} (already checked), given also as {@link PackedBits#pack words}. */
    static PredictionCounts counts(byte[] bits, long[] words, Tally tally) {
        int n = bits.length;
        int windows = WINDOWS.length;
        int[] ones = new int[windows];
        int[] frequent = new int[windows];
        long[] score = new long[windows];
        for (int j = 0; j < windows; j++) {
            for (int i = 0; i < WINDOWS[j]; i++) {
                ones[j] += bits[i];
            }
            frequent[j] = 2 * ones[j] > WINDOWS[j] ? 1 : 0;
        }
        int winner = 0;
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        // Until every window is full, the plain loop.
        for (int i = WINDOWS[0]; i < LONGEST_WINDOW; i++) {
            int bit = bits[i];
            if (frequent[winner] == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            // Ties go to the later (longer) window, as '>=' in the standard's step 3.b.
            for (int j = 0; j < windows; j++) {
                if (i >= WINDOWS[j] && frequent[j] == bit && ++score[j] >= score[winner]) {
                    winner = j;
                }
            }
            for (int j = 0; j < windows; j++) {
                if (i >= WINDOWS[j]) {
                    ones[j] += bit - bits[i - WINDOWS[j]];
                    frequent[j] = 2 * ones[j] > WINDOWS[j] ? 1 : 0;
                }
            }
        }
        PredictorScoreboard board = new PredictorScoreboard(score, winner, correct, run, longestRun);
        long[] hits = new long[windows];
        for (int start = LONGEST_WINDOW; start < n; start += 64) {
            if (((start - LONGEST_WINDOW) & Tally.EVERY_MASK) == 0) {
                tally.reached(start);
            }
            int length = Math.min(64, n - start);
            long valid = length == 64 ? -1L : -1L << (64 - length);
            long actual = PackedBits.prefix(words, start);
            if (length == 64) {
                predictions(bits, words, start, ones, hits);
            } else {
                for (int j = 0; j < windows; j++) {
                    hits[j] = predictions(bits, start, length, WINDOWS[j], ones, j);
                }
            }
            for (int j = 0; j < windows; j++) {
                hits[j] = ~(hits[j] ^ actual) & valid;
            }
            board.block(hits, length);
        }
        return board.counts(n - WINDOWS[0]);
    }

    /**
     * Every window's predictions for the 64 bits from {@code start} into {@code predictions}, one word each, first bit
     * highest, moving the counts of ones ({@code ones}, of the windows just before {@code start}) past the block.
     * The four counts ride in 16-bit lanes of one long, each offset so that its lane's top bit is the prediction (the
     * count is more than half the window); no lane ever leaves 0..0xFFFF, so one add moves all four. Lane bits are
     * shifted into a second long 16 steps at a time, then dealt out to the four words.
     */
    private static void predictions(byte[] bits, long[] words, int start, int[] ones, long[] predictions) {
        if (farFromHalf(words, start, ones)) {
            for (int j = 0; j < WINDOWS.length; j++) {
                predictions[j] = 2 * ones[j] > WINDOWS[j] ? -1L : 0L;
                ones[j] += Long.bitCount(PackedBits.prefix(words, start))
                        - Long.bitCount(PackedBits.prefix(words, start - WINDOWS[j]));
            }
            return;
        }
        long lanes = LANE_OFFSETS + ones[0] + ((long) ones[1] << 16) + ((long) ones[2] << 32) + ((long) ones[3] << 48);
        long p0 = 0;
        long p1 = 0;
        long p2 = 0;
        long p3 = 0;
        for (int group = 0; group < 4; group++) {
            long tops = 0;
            int base = start + 16 * group;
            for (int i = base; i < base + 16; i++) {
                tops = (tops << 1) | ((lanes >>> 15) & LANE_ONES);
                long leaving = bits[i - 63] | ((long) bits[i - 255] << 16) | ((long) bits[i - 1023] << 32)
                        | ((long) bits[i - 4095] << 48);
                lanes += bits[i] * LANE_ONES - leaving;
            }
            int shift = 48 - 16 * group;
            p0 |= (tops & 0xFFFF) << shift;
            p1 |= ((tops >>> 16) & 0xFFFF) << shift;
            p2 |= ((tops >>> 32) & 0xFFFF) << shift;
            p3 |= (tops >>> 48) << shift;
        }
        lanes -= LANE_OFFSETS;
        ones[0] = (int) (lanes & 0xFFFF);
        ones[1] = (int) ((lanes >>> 16) & 0xFFFF);
        ones[2] = (int) ((lanes >>> 32) & 0xFFFF);
        ones[3] = (int) (lanes >>> 48);
        predictions[0] = p0;
        predictions[1] = p1;
        predictions[2] = p2;
        predictions[3] = p3;
    }

    /**
     * Whether no window's count of ones can cross half in the 64 bits from {@code start}: it rises only where a 1
     * enters the window as a 0 leaves it, and falls only the other way round.
     */
    private static boolean farFromHalf(long[] words, int start, int[] ones) {
        long entering = PackedBits.prefix(words, start);
        for (int j = 0; j < WINDOWS.length; j++) {
            long leaving = PackedBits.prefix(words, start - WINDOWS[j]);
            int half = WINDOWS[j] >>> 1;
            boolean stays = ones[j] > half
                    ? ones[j] - Long.bitCount(leaving & ~entering) > half
                    : ones[j] + Long.bitCount(entering & ~leaving) <= half;
            if (!stays) {
                return false;
            }
        }
        return true;
    }

    /**
     * One window's predictions for the {@code length} (below 64) bits from {@code start}, first bit highest, moving
     * its count of ones past them: the sample's last, short block.
     */
    private static long predictions(byte[] bits, int start, int length, int window, int[] ones, int j) {
        int count = ones[j];
        int half = window >>> 1; // the prediction is 1 when count > half
        long prediction = 0;
        for (int k = 0; k < length; k++) {
            int i = start + k;
            prediction |= (long) ((half - count) >>> 31) << (63 - k);
            count += bits[i] - bits[i - window];
        }
        ones[j] = count;
        return prediction;
    }
}
