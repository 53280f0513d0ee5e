package org.spinnoise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.PoolIngestRecord;

/** {@link PoolLevelPlot}: the levels a manifest records, in the order they happened. */
class PoolLevelPlotTest {
    private static final IngestReport INGEST = new IngestReport("s", 0.9, 4000, 0, 4000, 0, 224, 1792, List.of(),
            List.of(), "healthy");

    @Test
    void aDemoShowsTheIngestTheTopUpAndTheSampling() {
        RunManifest manifest = RunManifest.empty()
                .withPoolIngest(new PoolIngestRecord("/p", "t", 0.9, 1e-9, INGEST, 224L))
                .withDemo(new DemoSample("/p", 224, List.of("runs/x-demo-board"), 1_341_632, "demo", "m", "ddim",
                        "trng", 16, 313_600, 1_254_400, 1_310_720, 30_912, "pool-samples.png", "pool-samples.json",
                        null));
        assertEquals(List.of(new PoolLevelPlot.Step("before ingest", 0), new PoolLevelPlot.Step("after ingest", 224),
                new PoolLevelPlot.Step("after board top-up", 1_341_632),
                new PoolLevelPlot.Step("after sampling", 30_912)), PoolLevelPlot.steps(manifest));
        assertEquals(56_320, manifest.demo().poolBytesTakenUnused());
    }

    @Test
    void aRunNeverIngestedHasNoPlot() {
        assertNull(PoolLevelPlot.figure(RunManifest.empty()));
        // a manifest from before the level was recorded: the ingest alone says nothing about the level
        assertNull(PoolLevelPlot.figure(RunManifest.empty()
                .withPoolIngest(new PoolIngestRecord("/p", "t", 0.9, 1e-9, INGEST, null))));
    }
}
