package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.sim.JunctionNode.PulseOutcome;
import org.spinnoise.testing.DemoBench;

/**
 * Hardware-paced batches on the simulated demo bench over loopback sockets: the SMU's digital line 1 is cabled to the
 * generator's Ext Trig input, and the junction's own record of its state after each write pulse is the truth the
 * batch's bits are checked against.
 */
class PacedBatchSourceTest {
    /** With the 0.1 V read bias on the junction too, near its V50 at 20 ns: writes switch it about half the time. */
    private static final OperatingPoint POINT = new OperatingPoint(new PulseShape(0.51, 2e-8),
            new PulseShape(-1.2, 2e-8));
    private static final Threshold THRESHOLD = Threshold.between(2000, 20, 4200, 42);
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);
    private static final int LINE = 1;

    /** The state the junction was left in by each of the last {@code count} write pulses (channel 1). */
    private static int[] junctionBits(DemoBench demo, int count) {
        List<PulseOutcome> writes = demo.sim.node(0).pulseOutcomes().stream()
                .filter(o -> o.source().equals("pulse ch1")).toList();
        int[] bits = new int[count];
        for (int i = 0; i < count; i++) {
            bits[i] = writes.get(writes.size() - count + i).antiparallelAfter() ? 1 : 0;
        }
        return bits;
    }

    private static int[] bitsOf(BitBatch batch) {
        return batch.reads().stream().mapToInt(RawRead::bit).toArray();
    }

    private static void assertOutputsOff(DemoBench demo) {
        assertFalse(demo.sim.outputOn("pulse", 1), "pulse ch1 on");
        assertFalse(demo.sim.outputOn("pulse", 2), "pulse ch2 on");
        assertFalse(demo.sim.outputOn("smu", 1), "smu on");
    }

    @Test
    void aBatchGivesTheBitsTheJunctionRecordedAfterEachWrite() throws Exception {
        try (DemoBench demo = DemoBench.start(11L); Bench bench = demo.connect()) {
            PacedBatchSource source = PacedBatchSource.start(bench, POINT, THRESHOLD, BIAS, LINE, 2_000);
            BitBatch batch = source.nextBatch(2_000);
            assertEquals(2_000, batch.bitCount());
            assertEquals(2_000, demo.sim.pulsesDelivered("pulse", 1), "one write per bit");
            assertEquals(2_000, demo.sim.pulsesDelivered("pulse", 2), "one reset per bit");
            int[] truth = junctionBits(demo, 2_000);
            assertEquals(java.util.Arrays.toString(truth), java.util.Arrays.toString(bitsOf(batch)));
            assertTrue(batch.ones() > 600 && batch.ones() < 1_400, "a fair-ish coin, got " + batch.ones());
            assertTrue(source.settleSeconds() > source.write().widthSeconds());
            source.close();
            bench.safeState(); // the bench's owner ends in the safe state, as a run does
            assertOutputsOff(demo);
        }
    }

    @Test
    void aThousandBitBatchCostsAtMostTenRoundTrips() throws Exception {
        try (DemoBench demo = DemoBench.start(12L); Bench bench = demo.connect()) {
            PacedBatchSource source = PacedBatchSource.start(bench, POINT, THRESHOLD, BIAS, LINE, 1_000);
            long before = bench.roundTrips();
            BitBatch batch = source.nextBatch(1_000);
            long trips = bench.roundTrips() - before;
            assertEquals(1_000, batch.bitCount());
            assertTrue(trips / 1_000.0 <= 0.01, trips + " round trips for 1,000 bits");
            // A shorter batch reuses the armed buffer; its bits follow on in index.
            BitBatch next = source.nextBatch(300);
            assertEquals(1_000, next.firstIndex());
            assertEquals(java.util.Arrays.toString(junctionBits(demo, 300)), java.util.Arrays.toString(bitsOf(next)));
            source.close();
            bench.safeState(); // the bench's owner ends in the safe state, as a run does
            assertOutputsOff(demo);
        }
    }

    @Test
    void aSettleTimeBeforeTheWriteEndsIsRefusedAndLeavesTheBenchSafe() throws Exception {
        try (DemoBench demo = DemoBench.start(13L); Bench bench = demo.connect()) {
            InstrumentException e = assertThrows(InstrumentException.class, () -> PacedBatchSource.start(bench,
                    POINT, THRESHOLD, BIAS, LINE, 100, 1e-8));
            assertTrue(e.getMessage().contains("before the write pulse ends"), e.getMessage());
            assertOutputsOff(demo);
        }
    }

    @Test
    void readingAtTheEdgeGivesTheWrongBits() throws Exception {
        // Bypassing the source's check: with no settle the SMU reads before the pulses of its own edge, so each read
        // sees the previous write's state and the bits no longer match the junction's record.
        try (DemoBench demo = DemoBench.start(14L); Bench bench = demo.connect()) {
            bench.smu().configureRead(BIAS);
            ((ExternallyTriggeredPulses) bench.pulse()).armExternalTrigger(2, POINT.reset(), 1, POINT.write());
            PacedReads smu = (PacedReads) bench.smu();
            smu.armPacedReads(500, LINE, 0);
            double[] ohms = smu.runPacedReads();
            int[] truth = junctionBits(demo, 500);
            int wrong = 0;
            for (int i = 0; i < 500; i++) {
                wrong += THRESHOLD.bitOf(ohms[i]) != truth[i] ? 1 : 0;
            }
            assertTrue(wrong > 100, "only " + wrong + " of 500 bits differ from the junction's record");
            bench.safeState();
            assertOutputsOff(demo);
        }
    }

    @Test
    void edgesThatArriveDuringABurstFireNothing() throws Exception {
        // A 1 ms write pulse keeps its channel's burst running for its 10 ms period; edges every 5.3 ms (2 ms settle
        // plus a 3.3 ms reading) arrive during it and are ignored, as the guide says, so writes go missing.
        try (DemoBench demo = DemoBench.start(17L); Bench bench = demo.connect()) {
            bench.smu().configureRead(BIAS);
            ((ExternallyTriggeredPulses) bench.pulse()).armExternalTrigger(2, POINT.reset(), 1,
                    new PulseShape(0.3, 1e-3));
            PacedReads smu = (PacedReads) bench.smu();
            smu.armPacedReads(50, LINE, 2e-3);
            smu.runPacedReads();
            assertEquals(50, demo.sim.pulsesDelivered("pulse", 2), "every reset fires: its burst is 1 us");
            assertTrue(demo.sim.pulsesDelivered("pulse", 1) < 30, demo.sim.pulsesDelivered("pulse", 1)
                    + " writes for 50 edges");
            bench.safeState();
            assertOutputsOff(demo);
        }
    }

    @Test
    void aMissedTriggerDiscardsTheWholeBatchAndLeavesTheBenchSafe() throws Exception {
        try (DemoBench demo = DemoBench.start(15L); Bench bench = demo.connect()) {
            PacedBatchSource source = PacedBatchSource.start(bench, POINT, THRESHOLD, BIAS, LINE, 1_000);
            demo.sim.faults().ignoreEveryNthTrigger("smu", 700);
            InstrumentException e = assertThrows(InstrumentException.class, () -> source.nextBatch(1_000));
            assertTrue(e.getMessage().contains("1000 bits (indexes 0 to 999) discarded"), e.getMessage());
            assertTrue(e.getMessage().contains("stored 999 of 1000"), e.getMessage());
            assertOutputsOff(demo);
            assertThrows(InstrumentException.class, () -> source.nextBatch(10), "a closed source makes no bits");
        }
    }

    @Test
    void autoResolvesToBatchedOnTheDemoBench() throws Exception {
        try (DemoBench demo = DemoBench.start(16L); Bench bench = demo.connect()) {
            assertEquals(AcquisitionScheme.BATCHED, AcquisitionScheme.AUTO.resolve(bench));
            assertEquals(AcquisitionScheme.PER_BIT, AcquisitionScheme.PER_BIT.resolve(bench));
            bench.safeState();
        }
    }
}
