package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.DiscardedBits;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.bits.Threshold;

class DriftTrackerTest {
    private static final double V50 = 0.62;
    private static final double DELTA = 0.015;
    /** 180 mV/h at 3.6 ms per bit. */
    private static final double STRESS_VOLTS_PER_BIT = 0.18 / (3600 / 3.6e-3);

    private static DeviceRangeGuard bitsOnly() {
        return DeviceRangeGuard.forBitsOnly(0, 0);
    }

    /** Runs {@code bits} through the tracker (or the bare source) and returns the bias of the last half. */
    private static double biasOfLastHalf(DriftingCoinSource source, DriftTracker tracker, long bits)
            throws IOException {
        long got = 0;
        long onesLastHalf = 0;
        long bitsLastHalf = 0;
        while (got < bits) {
            BitBatch b = tracker != null ? tracker.nextBatch(2000) : source.nextBatch(2000);
            got += b.bitCount();
            if (got > bits / 2) {
                onesLastHalf += b.ones();
                bitsLastHalf += b.bitCount();
            }
        }
        return (double) onesLastHalf / bitsLastHalf - 0.5;
    }

    @Test
    void holdsHalfOnAJunctionDriftingAt180MillivoltsPerHourWhereTheUntrackedOneIsFarOff() throws IOException {
        DriftingCoinSource tracked = new DriftingCoinSource(V50, V50, DELTA, STRESS_VOLTS_PER_BIT, 3);
        List<TrackingRow> rows = new ArrayList<>();
        DriftTracker tracker = new DriftTracker(tracked, V50, DELTA, TrackingPlan.DEFAULT, 1.5, bitsOnly(),
                rows::add, 0);
        double trackedBias = biasOfLastHalf(tracked, tracker, 400_000);
        DriftingCoinSource untracked = new DriftingCoinSource(V50, V50, DELTA, STRESS_VOLTS_PER_BIT, 3);
        double untrackedBias = biasOfLastHalf(untracked, null, 400_000);

        assertTrue(Math.abs(trackedBias) < 0.006, "tracked bias " + trackedBias);
        assertTrue(untrackedBias < -0.3, "untracked bias " + untrackedBias);
        assertTrue(Math.abs(tracked.write().amplitudeVolts() - tracked.v50Volts()) < 2 * DELTA,
                "amplitude " + tracked.write().amplitudeVolts() + " V against V50 " + tracked.v50Volts());
        assertEquals(400_000 / 4096, rows.size());
        assertTrue(rows.stream().allMatch(r -> r.windowBits() == 4096));
        assertEquals(tracker.adjustments(), rows.stream().filter(TrackingRow::adjusted).count());
    }

    @Test
    void aStableJunctionIsLeftAloneMostOfTheTime() throws IOException {
        DriftingCoinSource source = new DriftingCoinSource(V50, V50, DELTA, 0, 5);
        DriftTracker tracker = new DriftTracker(source, V50, DELTA, TrackingPlan.DEFAULT, 1.5, bitsOnly(),
                TrackingSink.none(), 0);
        biasOfLastHalf(source, tracker, 400_000);
        // 97 windows: at 2 sigmas a move needs a correction the estimate supports, which noise gives rarely.
        assertTrue(tracker.adjustments() < 20, tracker.adjustments() + " moves");
        assertTrue(Math.abs(source.write().amplitudeVolts() - V50) < 0.3 * DELTA);
    }

    @Test
    void tracksAnotherTargetProbability() throws IOException {
        DriftingCoinSource source = new DriftingCoinSource(V50, V50, DELTA, STRESS_VOLTS_PER_BIT / 4, 7);
        DriftTracker tracker = new DriftTracker(source, V50, DELTA, TrackingPlan.DEFAULT.withTargetProbability(0.2),
                1.5, bitsOnly(), TrackingSink.none(), 0);
        double bias = biasOfLastHalf(source, tracker, 400_000);
        assertEquals(0.2 - 0.5, bias, 0.01);
    }

    @Test
    void neverStepsMoreThanTheMaxStepNorLeavesTheRangeNorTheHardLimit() throws IOException {
        // V50 runs up towards a hard limit of 0.70 V at 5x the stress rate: the tracker must chase it in bounded
        // steps, stop below the limit, and end the run when the junction needs more.
        double hardLimit = 0.70;
        DriftingCoinSource source = new DriftingCoinSource(V50, V50, DELTA, 5 * STRESS_VOLTS_PER_BIT, 11);
        DriftTracker tracker = new DriftTracker(source, V50, DELTA, TrackingPlan.DEFAULT, hardLimit, bitsOnly(),
                TrackingSink.none(), 0);
        DeviceOutOfRangeException stop = assertThrows(DeviceOutOfRangeException.class, () -> {
            for (int i = 0; i < 10_000; i++) {
                tracker.nextBatch(2000);
            }
        });
        assertEquals(DeviceOutOfRangeException.Reason.AMPLITUDE_OUT_OF_RANGE, stop.reason());
        assertTrue(stop.getMessage().contains("hard limit of 0.7 V"), stop.getMessage());
        List<Double> a = source.amplitudes;
        assertTrue(a.size() > 5, "moves: " + a);
        for (int i = 1; i < a.size(); i++) {
            assertTrue(Math.abs(a.get(i) - a.get(i - 1)) <= 0.5 * DELTA + 1e-12, "step " + a.get(i - 1) + " -> "
                    + a.get(i));
            assertTrue(a.get(i) <= hardLimit && a.get(i) <= tracker.highVolts() && a.get(i) >= tracker.lowVolts(),
                    "amplitude " + a.get(i));
        }
        // Every move is preceded by a pause, so a streaming source can let go of its hardware first.
        for (int i = 0; i < source.calls.size(); i++) {
            if (source.calls.get(i).equals("setWrite")) {
                assertEquals("pause", source.calls.get(i - 1));
            }
        }
    }

    @Test
    void stuckBitsStopTheRunAfterHandingOnTheWindow() throws IOException {
        DriftingCoinSource source = new DriftingCoinSource(0.3, V50, DELTA, 0, 13); // far below V50: all zeros
        DriftTracker tracker = new DriftTracker(source, V50, DELTA, TrackingPlan.DEFAULT.withRangeDeltas(40), 1.5,
                bitsOnly(), TrackingSink.none(), 0);
        long got = 0;
        DeviceOutOfRangeException stop = null;
        try {
            for (int i = 0; i < 100; i++) {
                got += tracker.nextBatch(2000).bitCount();
            }
        } catch (DeviceOutOfRangeException e) {
            stop = e;
        }
        assertTrue(stop != null);
        assertEquals(DeviceOutOfRangeException.Reason.STUCK_BITS, stop.reason());
        assertEquals(4096, got);
    }

    @Test
    void onesCountsAnyBitRange() {
        SplittableRandom r = new SplittableRandom(1);
        byte[] packed = new byte[40];
        r.nextBytes(packed);
        for (int from = 0; from < 40; from++) {
            for (int to = from; to <= 320; to += 7) {
                long naive = 0;
                for (int i = from; i < to; i++) {
                    naive += (packed[i >>> 3] >>> (7 - (i & 7))) & 1;
                }
                assertEquals(naive, DriftTracker.ones(packed, from, to));
            }
        }
    }

    private static Threshold threshold() {
        return Threshold.between(2000, 20, 4200, 42).withGuardBand(2600, 2800);
    }

    private static BitBatch readsBatch(long first, double[] ohms, Threshold t, List<SourceEvent> events) {
        List<RawRead> reads = new ArrayList<>();
        for (int i = 0; i < ohms.length; i++) {
            reads.add(new RawRead(first + i, i, 0.62, 2e-8, ohms[i], t.bitOf(ohms[i])));
        }
        return BitBatch.ofReads(first, reads, events);
    }

    @Test
    void shortedReadsAreABreakdownAndTheirBatchIsDiscarded() throws IOException {
        Threshold t = threshold();
        DeviceRangeGuard guard = DeviceRangeGuard.forReads(0, t);
        guard.checkBatch(readsBatch(0, new double[] {2000, 4200, 15, 2010}, t, List.of())); // one glitch: fine
        DeviceOutOfRangeException e = assertThrows(DeviceOutOfRangeException.class,
                () -> guard.checkBatch(readsBatch(4, new double[] {4200, 20, 20, 20, 20}, t, List.of())));
        assertEquals(DeviceOutOfRangeException.Reason.BREAKDOWN, e.reason());
        assertTrue(e.getMessage().contains("broken down"), e.getMessage());
    }

    @Test
    void aTrackerDiscardsTheBatchThatShowedABreakdown() {
        Threshold t = threshold();
        DriftingCoinSource inner = new DriftingCoinSource(V50, V50, DELTA, 0, 1) {
            @Override
            public BitBatch nextBatch(int maxBits) {
                return readsBatch(0, new double[] {20, 20, 20, 20}, t, List.of());
            }
        };
        DriftTracker tracker = new DriftTracker(inner, V50, DELTA, TrackingPlan.DEFAULT, 1.5,
                DeviceRangeGuard.forReads(0, t), TrackingSink.none(), 0);
        DeviceOutOfRangeException e = assertThrows(DeviceOutOfRangeException.class, () -> tracker.nextBatch(100));
        assertEquals(4, DiscardedBits.of(e).get(0).bits());
    }

    @Test
    void readLevelsThatCollapseTowardsEachOtherAreATmrCollapse() throws IOException {
        Threshold t = threshold();
        DeviceRangeGuard guard = DeviceRangeGuard.forReads(0, t);
        double[] ohms = new double[64];
        for (int i = 0; i < ohms.length; i++) {
            ohms[i] = i % 2 == 0 ? 2000 : 3200; // AP now reads 3200: separation 1200 of 2200
        }
        guard.checkBatch(readsBatch(0, ohms, t, List.of()));
        guard.endWindow(64, 32); // 1200 > 0.5 * 2200: still in range
        for (int i = 0; i < ohms.length; i++) {
            ohms[i] = i % 2 == 0 ? 2000 : 3000;
        }
        guard.checkBatch(readsBatch(0, ohms, t, List.of()));
        DeviceOutOfRangeException e = assertThrows(DeviceOutOfRangeException.class, () -> guard.endWindow(64, 32));
        assertEquals(DeviceOutOfRangeException.Reason.TMR_COLLAPSE, e.reason());
    }

    @Test
    void aToggleRunsBitsAreChangesNotStatesSoItsStatesComeFromTheThreshold() throws IOException {
        Threshold t = threshold();
        List<RawRead> reads = new ArrayList<>();
        int before = 0;
        int ones = 0;
        for (int i = 0; i < 64; i++) {
            int state = (i / 2) % 2; // P, P, AP, AP, ...: every other bit a change, each bit value seen in both states
            int toggled = state ^ before;
            before = state;
            ones += toggled;
            reads.add(new RawRead(i, i, 0.62, 2e-8, state == 1 ? 4200 : 2000, toggled));
        }
        long onesInWindow = ones;
        DeviceRangeGuard toggle = DeviceRangeGuard.forToggleReads(0, t);
        toggle.checkBatch(BitBatch.ofReads(0, reads, List.of()));
        toggle.endWindow(64, onesInWindow); // healthy: the states read 2200 ohm apart
        // read as if each bit were a state, the same healthy junction would look collapsed
        DeviceRangeGuard asStates = DeviceRangeGuard.forReads(0, t);
        asStates.checkBatch(BitBatch.ofReads(0, reads, List.of()));
        assertEquals(DeviceOutOfRangeException.Reason.TMR_COLLAPSE,
                assertThrows(DeviceOutOfRangeException.class, () -> asStates.endWindow(64, onesInWindow)).reason());
    }

    @Test
    void aBoardWhoseGuardBandCountSoarsIsStopped() throws IOException {
        DeviceRangeGuard guard = DeviceRangeGuard.forBitsOnly(2, 1e-4);
        byte[] half = new byte[512];
        java.util.Arrays.fill(half, (byte) 0x55);
        guard.checkBatch(new BitBatch(0, 4096, half, List.of(),
                List.of(new SourceEvent(0, "ambiguous", 100, "guard band"))));
        guard.endWindow(4096, 2048); // 2.4 %: below the 5 % floor
        guard.checkBatch(new BitBatch(0, 4096, half, List.of(),
                List.of(new SourceEvent(0, "ambiguous", 400, "guard band"))));
        DeviceOutOfRangeException e = assertThrows(DeviceOutOfRangeException.class, () -> guard.endWindow(4096, 2048));
        assertEquals(DeviceOutOfRangeException.Reason.AMBIGUOUS_READS, e.reason());
        assertTrue(e.getMessage().startsWith("junction 2:"), e.getMessage());
        assertFalse(guard.ambiguousLimit() > 0.05);
    }
}
