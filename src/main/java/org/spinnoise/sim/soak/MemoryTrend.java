package org.spinnoise.sim.soak;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Whether a memory figure stayed flat after warm-up: over the samples taken after the warm-up, the least-squares
 * line's rise from the first to the last of them as a percentage of the mean, and the mean of the last quarter
 * against the mean of the first quarter. The soak calls memory flat when both stay within the limit (issue 18: 10 %):
 * the fit sees a steady leak, the windows a step.
 *
 * @param samples        samples after warm-up
 * @param meanBytes      their mean
 * @param fitRisePercent the fitted line's rise across them, % of the mean
 * @param windowPercent  last quarter's mean over the first quarter's, minus one, in %
 */
public record MemoryTrend(int samples, double meanBytes, double fitRisePercent, double windowPercent) {

    /** Fewer samples than this after warm-up say nothing about a trend. */
    static final int MIN_SAMPLES = 8;

    static MemoryTrend of(List<ResourceSample> all, double warmUpSeconds, ToLongFunction<ResourceSample> figure) {
        List<ResourceSample> after = all.stream().filter(s -> s.elapsedSeconds() >= warmUpSeconds).toList();
        int n = after.size();
        if (n < MIN_SAMPLES) {
            return new MemoryTrend(n, Double.NaN, Double.NaN, Double.NaN);
        }
        double sx = 0;
        double sy = 0;
        for (ResourceSample s : after) {
            sx += s.elapsedSeconds();
            sy += figure.applyAsLong(s);
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (ResourceSample s : after) {
            double dx = s.elapsedSeconds() - mx;
            sxy += dx * (figure.applyAsLong(s) - my);
            sxx += dx * dx;
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        double span = after.get(n - 1).elapsedSeconds() - after.get(0).elapsedSeconds();
        int quarter = Math.max(1, n / 4);
        double first = mean(after.subList(0, quarter), figure);
        double last = mean(after.subList(n - quarter, n), figure);
        return new MemoryTrend(n, my, 100 * slope * span / my, 100 * (last / first - 1));
    }

    /** True when there are enough samples and both the fit and the windows stay within {@code percent}. */
    public boolean flatWithin(double percent) {
        return samples >= MIN_SAMPLES && Math.abs(fitRisePercent) <= percent && Math.abs(windowPercent) <= percent;
    }

    private static double mean(List<ResourceSample> samples, ToLongFunction<ResourceSample> figure) {
        return samples.stream().mapToLong(figure).average().orElse(Double.NaN);
    }
}
