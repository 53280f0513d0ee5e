package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.8 lag prediction estimate: 128 subpredictors each guess that the next bit repeats the bit d
 * places back (d = 1..128); the one with the best score so far predicts (ties to the longer lag). It is tuned to
 * periodic sources. The counts go to {@link PredictorBound}.
 *
 * <p>Bits are taken 64 at a time: for each lag one XNOR of packed words says where it is right in the block. A lag
 * whose score plus its hits in the block stays below the high score at the block's start can never reach the high
 * score inside the block (which only rises), so it cannot become the winner there and its score just grows by its
 * popcount; when that holds for every lag but the winner, the winner predicts the whole block and it is settled with
 * popcounts too; otherwise the same test is made byte by byte, and only the bytes where another lag near the top
 * can reach the high score are stepped bit by bit, those lags only. The answer is the plain loop's,
 * count for count.
 */
public final class LagPredictionEstimate {

    public static final String NAME = "Lag Prediction";
    public static final String SECTION = "6.3.8";
    public static final int MIN_SAMPLES = 3;

    private static final int MAX_LAG = 128;

    private LagPredictionEstimate() {
    }

    public static double estimate(byte[] bits) {
        return estimate(bits, Tally.IGNORED);
    }

    static double estimate(byte[] bits, Tally tally) {
        return counts(bits, PackedBits.pack(bits), tally).minEntropy();
    }

    static PredictionCounts counts(byte[] bits, long[] words, Tally tally) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int n = bits.length;
        long[] score = new long[MAX_LAG + 1];
        int winner = 1;
        long highScore = 0;
        long correct = 0;
        long run = 0;
        long longestRun = 0;
        // Until every lag exists (and the high score means something), the plain loop.
        int blockStart = Math.min(n, MAX_LAG);
        for (int i = 1; i < blockStart; i++) {
            byte bit = bits[i];
            if (bits[i - winner] == bit) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            int lags = Math.min(MAX_LAG, i);
            for (int d = 1; d <= lags; d++) {
                // '>=' hands ties to the longer lag, as the standard's step 3.b does scanning d upwards.
                if (bits[i - d] == bit && ++score[d] >= highScore) {
                    highScore = score[d];
                    winner = d;
                }
            }
        }
        long[] hits = new long[MAX_LAG + 1];
        int[] near = new int[MAX_LAG];
        // From here on blocks start on word boundaries, so the lagged words are shifts of the two words before.
        for (int start = blockStart; start < n; start += 64) {
            if ((start & Tally.EVERY_MASK) == 0) {
                tally.reached(start);
            }
            int length = Math.min(64, n - start);
            long valid = length == 64 ? -1L : -1L << (64 - length);
            int word = start >>> 6;
            long current = words[word];
            long previous = words[word - 1];
            long beforePrevious = words[word - 2];
            for (int d = 1; d < 64; d++) {
                hits[d] = ~(current ^ ((previous << (64 - d)) | (current >>> d))) & valid;
            }
            hits[64] = ~(current ^ previous) & valid;
            for (int d = 65; d < MAX_LAG; d++) {
                hits[d] = ~(current ^ ((beforePrevious << (128 - d)) | (previous >>> (d - 64)))) & valid;
            }
            hits[MAX_LAG] = ~(current ^ beforePrevious) & valid;
            int nearCount = 0;
            for (int d = 1; d <= MAX_LAG; d++) {
                long reach = score[d] + Long.bitCount(hits[d]);
                if (reach >= highScore) {
                    near[nearCount++] = d;
                } else {
                    score[d] = reach;
                }
            }
            if (nearCount == 1 && length == 64) {
                // Only the winner can hold the high score in this block: it predicts every bit of it.
                long hit = hits[winner];
                int count = Long.bitCount(hit);
                score[winner] += count;
                highScore = score[winner];
                correct += count;
                if (hit == -1L) {
                    run += 64;
                    longestRun = Math.max(longestRun, run);
                } else {
                    longestRun = Math.max(longestRun, run + Long.numberOfLeadingZeros(~hit));
                    longestRun = Math.max(longestRun, PredictorScoreboard.longestRunOfOnes(hit));
                    run = Long.numberOfTrailingZeros(~hit);
                }
                continue;
            }
            // The same test eight bits at a time: a byte in which no other near lag can reach the high score is
            // the winner's, settled with popcounts; the others are stepped bit by bit.
            for (int from = 0; from < length; from += 8) {
                int to = Math.min(length, from + 8);
                long part = (-1L >>> from) & (to == 64 ? -1L : ~(-1L >>> to));
                boolean settled = to - from == 8;
                for (int c = 0; c < nearCount && settled; c++) {
                    int d = near[c];
                    settled = d == winner || score[d] + Long.bitCount(hits[d] & part) < highScore;
                }
                if (settled) {
                    for (int c = 0; c < nearCount; c++) {
                        score[near[c]] += Long.bitCount(hits[near[c]] & part);
                    }
                    highScore = score[winner];
                    int hit = (int) ((hits[winner] & part) >>> (56 - from)); // the byte's eight bits, first highest
                    correct += Integer.bitCount(hit);
                    if (hit == 0xFF) {
                        run += 8;
                        longestRun = Math.max(longestRun, run);
                    } else {
                        long top = (long) hit << 56;
                        longestRun = Math.max(longestRun, run + Long.numberOfLeadingZeros(~top));
                        longestRun = Math.max(longestRun, PredictorScoreboard.longestRunOfOnes(top));
                        run = Integer.numberOfTrailingZeros(~hit);
                    }
                    continue;
                }
                for (int k = from; k < to; k++) {
                    long position = Long.MIN_VALUE >>> k;
                    if ((hits[winner] & position) != 0) {
                        correct++;
                        longestRun = Math.max(longestRun, ++run);
                    } else {
                        run = 0;
                    }
                    for (int c = 0; c < nearCount; c++) {
                        int d = near[c];
                        if ((hits[d] & position) != 0 && ++score[d] >= highScore) {
                            highScore = score[d];
                            winner = d;
                        }
                    }
                }
            }
        }
        return new PredictionCounts(correct, n - 1L, longestRun);
    }
}
