package org.spinnoise.sim.soak;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a memory figure stayed flat after warm-up, judged on its floor: the samples after warm-up are cut into
 * {@link #WINDOWS} windows of equal time (about 6 minutes each in a 30-minute soak) and each window's least value taken (the live set between a run's peaks; a
 * board run's assessment holds tens of MB while it runs, which is work, not growth, and would make means jump with
 * the phase a sample happens to catch). Two figures of those floors: the least-squares line's rise across them as a
 * percentage of their mean (a steady leak), and the last floor against the first (a step). The soak calls memory flat
 * when both stay within the limit (issue 18: 10 %).
 *
 * @param samples        samples after warm-up
 * @param meanBytes      mean of the window floors
 * @param fitRisePercent the fitted line's rise from the first window to the last, % of the mean
 * @param windowPercent  last window's floor over the first's, minus one, in %
 */
public record MemoryTrend(int samples, double meanBytes, double fitRisePercent, double windowPercent) {

    /** Windows the samples after warm-up are cut into. */
    static final int WINDOWS = 4;
    /** Fewer samples than this after warm-up say nothing about a trend (two per window). */
    static final int MIN_SAMPLES = 2 * WINDOWS;

    static MemoryTrend of(List<ResourceSample> all, double warmUpSeconds, ToLongFunction<ResourceSample> figure) {
        List<ResourceSample> after = all.stream().filter(s -> s.elapsedSeconds() >= warmUpSeconds).toList();
        int n = after.size();
        if (n < MIN_SAMPLES) {
            return new MemoryTrend(n, Double.NaN, Double.NaN, Double.NaN);
        }
        double start = after.get(0).elapsedSeconds();
        double span = Math.max(1e-9, after.get(n - 1).elapsedSeconds() - start);
        double[] floor = new double[WINDOWS];
        java.util.Arrays.fill(floor, Double.NaN);
        for (ResourceSample s : after) {
            int w = Math.min(WINDOWS - 1, (int) ((s.elapsedSeconds() - start) / span * WINDOWS));
            double v = figure.applyAsLong(s);
            floor[w] = Double.isNaN(floor[w]) ? v : Math.min(floor[w], v);
        }
        double sx = 0;
        double sy = 0;
        int m = 0;
        for (int w = 0; w < WINDOWS; w++) {
            if (!Double.isNaN(floor[w])) {
                sx += w;
                sy += floor[w];
                m++;
            }
        }
        double mx = sx / m;
        double my = sy / m;
        double sxy = 0;
        double sxx = 0;
        int first = -1;
        int last = -1;
        for (int w = 0; w < WINDOWS; w++) {
            if (!Double.isNaN(floor[w])) {
                sxy += (w - mx) * (floor[w] - my);
                sxx += (w - mx) * (w - mx);
                first = first < 0 ? w : first;
                last = w;
            }
        }
        double slopePerWindow = sxx == 0 ? 0 : sxy / sxx;
        return new MemoryTrend(n, my, 100 * slopePerWindow * (last - first) / my,
                100 * (floor[last] / floor[first] - 1));
    }

    /** True when there are enough samples and both the fit and the windows stay within {@code percent}. */
    public boolean flatWithin(double percent) {
        return samples >= MIN_SAMPLES && Math.abs(fitRisePercent) <= percent && Math.abs(windowPercent) <= percent;
    }
}
