package org.spinnoise.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.PoolIngestRecord;

/**
 * pool-level.png from the manifest: the bytes the entropy pool held available at each step the run recorded — before
 * and after its own ingest and, in a demo, after the board top-ups and after the sampling — as the pool's own status
 * gave them. A run that recorded fewer than two steps gets no plot.
 */
final class PoolLevelPlot {
    static final String FILE = "pool-level.png";

    /** One recorded level: what had just happened and the bytes available then. */
    record Step(String name, long bytesAvailable) {
    }

    private PoolLevelPlot() {
    }

    /** The levels the manifest records, in order. */
    static List<Step> steps(RunManifest manifest) {
        List<Step> steps = new ArrayList<>();
        PoolIngestRecord ingest = manifest.poolIngest();
        if (ingest != null && ingest.poolBytesAvailableAfter() != null) {
            steps.add(new Step("before ingest", ingest.poolBytesAvailableBefore()));
            steps.add(new Step("after ingest", ingest.poolBytesAvailableAfter()));
        }
        DemoSample demo = manifest.demo();
        if (demo != null) {
            if (steps.isEmpty()) {
                steps.add(new Step("after ingest", demo.poolBytesBeforeTopUp()));
            }
            if (!demo.boardRuns().isEmpty()) {
                steps.add(new Step("after board top-up", demo.poolBytesBeforeSampling()));
            }
            steps.add(new Step("after sampling", demo.poolBytesAfterSampling()));
        }
        return steps;
    }

    /** The plot, or null when fewer than two levels are recorded. */
    static Figure figure(RunManifest manifest) {
        List<Step> steps = steps(manifest);
        if (steps.size() < 2) {
            return null;
        }
        int n = steps.size();
        double[] left = new double[n];
        double[] right = new double[n];
        double[] bottom = new double[n];
        double[] top = new double[n];
        double[] centre = new double[n];
        String[] values = new String[n];
        String[] names = new String[n];
        double highest = 1;
        for (int i = 0; i < n; i++) {
            centre[i] = i + 1;
            left[i] = i + 0.7;
            right[i] = i + 1.3;
            top[i] = steps.get(i).bytesAvailable();
            values[i] = String.format(Locale.ROOT, "%,d bytes", steps.get(i).bytesAvailable());
            names[i] = steps.get(i).name();
            highest = Math.max(highest, top[i]);
        }
        Axis x = new Axis("step of the run", "", 0.4, n + 0.6, false);
        Axis y = new Axis("bytes available in the pool", "B", 0, highest * 1.15, false);
        Chart chart = new Chart("Entropy pool level", x, y).xCategories(names)
                .add(new Bars(left, right, bottom, top, Palette.GREEN, null))
                .add(new Labels(centre, top, values, Palette.BLACK, 6));
        return new Figure(Figure.WIDTH, Figure.HEIGHT).add(chart);
    }
}
