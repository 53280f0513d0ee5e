package org.spinnoise.entropy.assess;

/**
 * The scoreboard of a §6.3.7-style multi-predictor, fed 64 predictions at a time: each subpredictor's hits in a block
 * of bits as one word (first bit highest), and out come the standard's counts (correct predictions of the winner,
 * the longest run of them) and each subpredictor's score. The winner is the subpredictor with the best score so far;
 * within a bit the subpredictors are scored in order and one takes over when its new score reaches the current
 * winner's ('>=' hands ties to the later one, as the standard's step 3.b does).
 *
 * <p>A subpredictor's score does not depend on the others, only the winner does. When every other's score plus all
 * its hits in the block stays below the winner's score at the block's start, none can reach the winner's score inside
 * the block (which only rises), so the winner keeps predicting and the block is settled with popcounts; otherwise it
 * is stepped bit by bit.
 */
final class PredictorScoreboard {
    private final long[] score;
    private int winner;
    private long correct;
    private long run;
    private long longestRun;

    /** A board of {@code subpredictors}, all at score 0, the first one winning. */
    PredictorScoreboard(int subpredictors) {
        score = new long[subpredictors];
    }

    /** A board in the given state, for checks. */
    PredictorScoreboard(long[] score, int winner, long correct, long run, long longestRun) {
        this.score = score.clone();
        this.winner = winner;
        this.correct = correct;
        this.run = run;
        this.longestRun = longestRun;
    }

    /** Scores {@code length} bits (1..64): subpredictor j was right where {@code hits[j]} has a 1 (top bits only). */
    void block(long[] hits, int length) {
        long winnerScore = score[winner];
        boolean settled = length == 64;
        for (int j = 0; j < score.length && settled; j++) {
            settled = j == winner || score[j] + Long.bitCount(hits[j]) < winnerScore;
        }
        if (settled) {
            for (int j = 0; j < score.length; j++) {
                score[j] += Long.bitCount(hits[j]);
            }
            long hit = hits[winner];
            correct += Long.bitCount(hit);
            if (hit == -1L) {
                run += 64;
                longestRun = Math.max(longestRun, run);
            } else {
                longestRun = Math.max(longestRun, run + Long.numberOfLeadingZeros(~hit));
                longestRun = Math.max(longestRun, longestRunOfOnes(hit));
                run = Long.numberOfTrailingZeros(~hit);
            }
            return;
        }
        for (int k = 0; k < length; k++) {
            long position = Long.MIN_VALUE >>> k;
            if ((hits[winner] & position) != 0) {
                correct++;
                longestRun = Math.max(longestRun, ++run);
            } else {
                run = 0;
            }
            for (int j = 0; j < score.length; j++) {
                if ((hits[j] & position) != 0 && ++score[j] >= score[winner]) {
                    winner = j;
                }
            }
        }
    }

    long score(int subpredictor) {
        return score[subpredictor];
    }

    int winner() {
        return winner;
    }

    /** The counts so far, over {@code predictions} predictions. */
    PredictionCounts counts(long predictions) {
        return new PredictionCounts(correct, predictions, longestRun);
    }

    long run() {
        return run;
    }

    /** The longest run of one bits in {@code word}. */
    static int longestRunOfOnes(long word) {
        int longest = 0;
        long rest = word;
        while (rest != 0) {
            rest <<= Long.numberOfLeadingZeros(rest);
            int length = Long.numberOfLeadingZeros(~rest);
            longest = Math.max(longest, length);
            if (length == 64) {
                break;
            }
            rest <<= length;
        }
        return longest;
    }
}
