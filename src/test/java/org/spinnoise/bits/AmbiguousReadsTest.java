package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.testing.DemoBench;

/**
 * Reads inside the threshold's guard band on the simulated demo bench: a band made wide on purpose (from just above
 * the parallel level to the antiparallel level) catches a large share of the reads, which must be counted in an
 * "ambiguous" event and never become bits or take bit indexes.
 */
class AmbiguousReadsTest {
    private static final OperatingPoint POINT = new OperatingPoint(new PulseShape(0.505, 2e-8),
            new PulseShape(-1.0, 2e-8));
    private static final Threshold WIDE = Threshold.between(2000, 20, 4200, 42).withGuardBand(1995, 4200);
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);

    private static long ambiguousIn(BitBatch batch) {
        List<SourceEvent> ambiguous = batch.events().stream().filter(e -> e.kind().equals("ambiguous")).toList();
        assertTrue(ambiguous.size() <= 1, "one ambiguous event per batch at most: " + batch.events());
        return ambiguous.isEmpty() ? 0 : ambiguous.get(0).bits();
    }

    private static void assertNoAmbiguousBits(BitBatch batch, long firstIndex) {
        assertEquals(firstIndex, batch.firstIndex());
        for (int i = 0; i < batch.bitCount(); i++) {
            RawRead read = batch.reads().get(i);
            assertEquals(firstIndex + i, read.index(), "bit indexes run on without gaps");
            assertFalse(WIDE.isAmbiguous(read.resistanceOhms()), "ambiguous read made a bit: " + read);
        }
    }

    @Test
    void perBitSourceCountsAmbiguousReadsAndStillMakesTheBitsAskedFor() throws Exception {
        try (DemoBench demo = DemoBench.start(21); Bench bench = demo.connect()) {
            bench.smu().configureRead(BIAS);
            PerBitBenchSource source = PerBitBenchSource.start(bench, POINT, WIDE, 0, 600, () -> false);
            BitBatch first = source.nextBatch(200);
            BitBatch second = source.nextBatch(200);
            assertEquals(200, first.bitCount());
            assertEquals(200, second.bitCount());
            assertNoAmbiguousBits(first, 0);
            assertNoAmbiguousBits(second, 200);
            long ambiguous = ambiguousIn(first) + ambiguousIn(second);
            long writes = demo.sim.pulsesDelivered("pulse", 1);
            assertEquals(writes - 400, ambiguous, "every write beyond the bits was an ambiguous read");
            assertTrue(ambiguous > 100, "the wide band caught " + ambiguous + " of " + writes + " reads");
        }
    }

    @Test
    void perBitSourceReportsNoAmbiguousEventWithoutAGuardBand() throws Exception {
        try (DemoBench demo = DemoBench.start(22); Bench bench = demo.connect()) {
            bench.smu().configureRead(BIAS);
            PerBitBenchSource source = PerBitBenchSource.start(bench, POINT, Threshold.between(2000, 20, 4200, 42),
                    0, 100, () -> false);
            BitBatch batch = source.nextBatch(100);
            assertEquals(100, batch.bitCount());
            assertTrue(batch.events().isEmpty(), batch.events().toString());
        }
    }

    @Test
    void batchedSourceDropsAmbiguousReadsFromItsBatchAndCountsThem() throws Exception {
        try (DemoBench demo = DemoBench.start(23); Bench bench = demo.connect()) {
            PacedBatchSource source = PacedBatchSource.start(bench, POINT, WIDE, BIAS, 1, 1_000);
            BitBatch first = source.nextBatch(1_000);
            BitBatch second = source.nextBatch(1_000);
            long ambiguous = ambiguousIn(first) + ambiguousIn(second);
            assertEquals(2_000, first.bitCount() + second.bitCount() + ambiguous);
            assertEquals(2_000, demo.sim.pulsesDelivered("pulse", 1));
            assertTrue(ambiguous > 500, "the wide band caught " + ambiguous + " of 2,000 reads");
            assertNoAmbiguousBits(first, 0);
            assertNoAmbiguousBits(second, first.bitCount());
            source.close();
            bench.safeState();
        }
    }
}
