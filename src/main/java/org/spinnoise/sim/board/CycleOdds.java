package org.spinnoise.sim.board;

import org.spinnoise.sim.MtjJunction;

/**
 * The chances of one bit's cycle on one junction, taken from the junction's switching sigmoid
 * ({@link MtjJunction#switchingProbability}, so an uncalibrated amplitude gives biased bits) and from the board's read
 * noise: the reset pulse returns AP to P with {@code resetSwitch}, the write pulse takes P to AP with
 * {@code writeSwitch}, and a read of each state falls below the guard band's lower edge, below the threshold, or
 * below the upper edge with the cumulative chances in {@code parallelCuts} / {@code antiparallelCuts}. All in
 * {@link Odds} fixed point.
 */
record CycleOdds(long resetSwitch, long writeSwitch, long[] parallelCuts, long[] antiparallelCuts) {

    /** The odds for one junction now (its drift included) under a plan. */
    static CycleOdds of(MtjJunction junction, PulsePlan plan, double ohmsPerReadCode, double readNoiseRelative) {
        long reset = Odds.of(junction.switchingProbability(plan.resetVolts(), plan.resetWidthSeconds()));
        long write = Odds.of(junction.switchingProbability(plan.writeVolts(), plan.writeWidthSeconds()));
        return new CycleOdds(reset, write,
                cuts(junction.resistanceParallelOhms(), plan, ohmsPerReadCode, readNoiseRelative),
                cuts(junction.resistanceAntiparallelOhms(), plan, ohmsPerReadCode, readNoiseRelative));
    }

    /** Chances that a read of resistance {@code ohms} lands below threshold − guard, threshold, threshold + guard. */
    private static long[] cuts(double ohms, PulsePlan plan, double ohmsPerReadCode, double readNoiseRelative) {
        int t = plan.thresholdCode();
        int g = plan.guardBandCodes();
        return new long[] {below(t - g, ohms, ohmsPerReadCode, readNoiseRelative),
                below(t, ohms, ohmsPerReadCode, readNoiseRelative),
                below(t + g, ohms, ohmsPerReadCode, readNoiseRelative)};
    }

    private static long below(int code, double ohms, double ohmsPerReadCode, double readNoiseRelative) {
        double relative = code * ohmsPerReadCode / ohms - 1;
        if (readNoiseRelative == 0) {
            return relative > 0 ? Odds.ONE : 0;
        }
        return Odds.of(NormalTail.cdf(relative / readNoiseRelative));
    }

    /** True when the cycle's only chance is the write: reset always works and every read is clear of the guard band. */
    boolean onlyTheWriteIsRandom() {
        return resetSwitch == Odds.ONE && parallelCuts[0] == Odds.ONE && antiparallelCuts[2] == 0;
    }
}
