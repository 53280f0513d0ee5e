package org.spinnoise.entropy.assess;

/**
 * The §6.3.9 MultiMMC scoreboard, fed 64 steps at a time from the per-order hit and miss bitsets of
 * {@link MmcOrderModel}: each order's score counts its right predictions, and the winner, whose prediction is the
 * estimator's, is the order that most recently reached the top score (an order takes over when it predicts right and
 * its new score is at least the winner's; within a step orders go shortest first). A winner without a prediction
 * neither counts nor breaks the run.
 *
 * <p>Since the winner always holds the top score and scores only grow, an order whose score plus its right
 * predictions in the coming steps stays below the winner's cannot take over in them; when no order can, a whole word
 * is settled with bit counts, otherwise its halves are tried the same way, down to 8 steps that only the orders
 * within reach play step by step.
 */
final class MmcScoreboard {

    /** Windows narrower than this go step by step rather than being halved again. */
    private static final int MIN_WINDOW = 8;

    private final long[] score;
    private final int[] contenders;
    private int winner;
    private long correct;
    private long run;
    private long longestRun;

    MmcScoreboard(int orders) {
        score = new long[orders];
        contenders = new int[orders];
    }

    /** Plays {@code words} words of steps; {@code hits[d]} and {@code misses[d]} are order d + 1's bitsets. */
    void play(long[][] hits, long[][] misses, int words) {
        for (int w = 0; w < words; w++) {
            playWindow(hits, misses, w, -1L, 64);
        }
    }

    /**
     * The steps of word w in {@code window}, {@code width} consecutive bits: at once if no order can reach the top
     * in them, else half by half (fewer steps leave fewer orders within reach), else step by step.
     */
    private void playWindow(long[][] hits, long[][] misses, int w, long window, int width) {
        int orders = score.length;
        int leader = winner;
        long top = score[leader];
        boolean contested = false;
        for (int d = 0; d < orders && !contested; d++) {
            contested = d != leader && score[d] + Long.bitCount(hits[d][w] & window) >= top;
        }
        if (!contested) {
            for (int d = 0; d < orders; d++) {
                score[d] += Long.bitCount(hits[d][w] & window);
            }
            settle(hits[leader][w] & window, misses[leader][w] & window);
        } else if (width > MIN_WINDOW) {
            int half = width >>> 1;
            long earlier = window & ~(window << half);
            playWindow(hits, misses, w, earlier, half);
            playWindow(hits, misses, w, window ^ earlier, half);
        } else {
            playStepwise(hits, misses, w, window, top);
        }
    }

    /** The steps of one word under a winner that keeps its place: bit counts between its wrong predictions. */
    private void settle(long hit, long miss) {
        correct += Long.bitCount(hit);
        while (miss != 0) {
            long lowest = miss & -miss;
            long before = lowest - 1;
            run += Long.bitCount(hit & before);
            longestRun = Math.max(longestRun, run);
            run = 0;
            hit &= ~before;
            miss ^= lowest;
        }
        run += Long.bitCount(hit);
        longestRun = Math.max(longestRun, run);
    }

    /** A window step by step for the orders that can reach the top; the rest only add their right predictions. */
    private void playStepwise(long[][] hits, long[][] misses, int w, long window, long top) {
        int orders = score.length;
        int count = 0;
        long events = 0;
        for (int d = 0; d < orders; d++) {
            long hit = hits[d][w] & window;
            if (d == winner || score[d] + Long.bitCount(hit) >= top) {
                contenders[count++] = d;
                events |= hit;
            } else {
                score[d] += Long.bitCount(hit);
            }
        }
        int t = Long.numberOfTrailingZeros(window);
        while (t < 64) {
            // Up to the next step where a contender (the winner among them) is right, the winner can only miss.
            int event = Long.numberOfTrailingZeros(events);
            long quiet = (event == 64 ? -1L : (1L << event) - 1) & (-1L << t) & window;
            if ((misses[winner][w] & quiet) != 0) {
                run = 0;
            }
            if (event == 64) {
                break;
            }
            int current = winner;
            for (int k = 0; k < count; k++) {
                int d = contenders[k];
                if ((hits[d][w] >>> event & 1) != 0) {
                    long newScore = ++score[d];
                    if (newScore >= score[winner]) {
                        winner = d;
                    }
                }
            }
            if ((hits[current][w] >>> event & 1) != 0) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else if ((misses[current][w] >>> event & 1) != 0) {
                run = 0;
            }
            events &= events - 1;
            t = event + 1;
        }
    }

    PredictionCounts counts(long predictions) {
        return new PredictionCounts(correct, predictions, longestRun);
    }
}
