package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.JunctionNode.PulseOutcome;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.VoltageEvent;

/**
 * Hardware-paced batches end to end on every bench file that pairs a generator with an SMU by a trigger cable: the
 * real drivers over loopback sockets, the SMU pacing, the generator firing reset then write on each edge, and the
 * junction's own record of its state after each write as the truth. No calibration: the write amplitude is set from
 * the bench file's V50 so that writes switch about half the time, the reset is far past the reset threshold yet
 * inside the safety limits, and the threshold is halfway between R_P and R_AP.
 */
class PacedBatchEndToEndTest {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final double WIDTH_SECONDS = 2e-8;
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);
    /** Every bench cables the SMU's first trigger output line to the generator's external trigger input. */
    private static final int LINE = 1;
    private static final int BITS = 1_000;

    static Stream<String> benches() {
        return Stream.of("demo", "trueform-2400", "trueform-2602b", "trueform-b2901a", "81150a-2450",
                "afg31252-2450");
    }

    /** A started bench, its drivers, and the operating point worked out from its junction's known physics. */
    private record Rig(SimulatedBench sim, Bench bench, JunctionSpec junction, Threshold threshold)
            implements AutoCloseable {
        static Rig start(String name, long seed) throws InstrumentException {
            BenchFile file = BenchFile.read(Path.of("mock-instruments/benches/" + name + ".json"));
            SimulatedBench sim = SimulatedBench.start(file, seed);
            sim.waitModelledTimes(false);
            try {
                Bench bench = Bench.connect(sim.address("pulse") + "?timeout_ms=2000",
                        sim.address("smu") + "?timeout_ms=2000", 1, 2, LIMITS, new WireLog());
                JunctionSpec j = file.junctions().get(0);
                double r = j.resistanceParallelOhms();
                double rap = j.resistanceAntiparallelOhms();
                Threshold threshold = Threshold.between(r, r * j.readNoiseRelative(), rap,
                        rap * j.readNoiseRelative());
                return new Rig(sim, bench, j, threshold);
            } catch (InstrumentException | RuntimeException e) {
                sim.close();
                throw e;
            }
        }

        /** The operating point with 20 ns pulses. */
        OperatingPoint point() {
            return pointAt(WIDTH_SECONDS);
        }

        /**
         * Writes at the junction's V50 for their width (the SMU's read bias sits on the junction under the pulse too,
         * so the pulse supplies the rest); the reset, as wide, is twice its threshold, opposite in sign, inside the
         * limit.
         */
        OperatingPoint pointAt(double widthSeconds) {
            double v50AtWidth = junction.v50Volts() + junction.v50ShiftVoltsPerDecade()
                    * Math.log10(junction.referenceWidthSeconds() / widthSeconds);
            double resetVolts = -Math.min(2 * junction.resetV50Volts(), LIMITS.maxJunctionVolts() - 0.2);
            return new OperatingPoint(new PulseShape(v50AtWidth - BIAS.biasVolts(), widthSeconds),
                    new PulseShape(resetVolts, widthSeconds));
        }

        /** The state the junction was left in by each of the last {@code count} write pulses (channel 1). */
        int[] junctionBits(int count) {
            List<PulseOutcome> writes = sim.node(0).pulseOutcomes().stream()
                    .filter(o -> o.source().equals("pulse ch1")).toList();
            assertTrue(writes.size() >= count, writes.size() + " writes reached the junction, expected " + count);
            int[] bits = new int[count];
            for (int i = 0; i < count; i++) {
                bits[i] = writes.get(writes.size() - count + i).antiparallelAfter() ? 1 : 0;
            }
            return bits;
        }

        long writes() {
            return sim.node(0).pulseOutcomes().stream().filter(o -> o.source().equals("pulse ch1")).count();
        }

        void assertSafe() {
            assertFalse(sim.outputOn("pulse", 1), "pulse ch1 left on");
            assertFalse(sim.outputOn("pulse", 2), "pulse ch2 left on");
            assertFalse(sim.outputOn("smu", 1), "smu output left on");
            assertTrue(sim.record().maxAbsVolts() <= LIMITS.maxJunctionVolts(),
                    "junction saw " + sim.record().maxAbsVolts() + " V");
            for (VoltageEvent event : sim.node(0).history()) {
                assertTrue(Math.abs(event.junctionVolts()) <= LIMITS.maxJunctionVolts(), "junction saw " + event);
            }
        }

        @Override
        public void close() {
            bench.close();
            sim.close();
        }
    }

    private static int[] bitsOf(BitBatch batch) {
        return batch.reads().stream().mapToInt(RawRead::bit).toArray();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benches")
    void autoResolvesToBatchedOnEveryPairing(String name) throws Exception {
        try (Rig rig = Rig.start(name, 100L)) {
            assertEquals(AcquisitionScheme.BATCHED, AcquisitionScheme.AUTO.resolve(rig.bench()));
            assertEquals(AcquisitionScheme.BATCHED, AcquisitionScheme.BATCHED.resolve(rig.bench()));
            assertEquals(AcquisitionScheme.PER_BIT, AcquisitionScheme.PER_BIT.resolve(rig.bench()));
            rig.bench().safeState();
            rig.assertSafe();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benches")
    void aBatchGivesTheJunctionsOwnBitsInAFewRoundTrips(String name) throws Exception {
        try (Rig rig = Rig.start(name, 101L)) {
            PacedBatchSource source = PacedBatchSource.start(rig.bench(), rig.point(), rig.threshold(), BIAS, LINE,
                    BITS);
            long tripsBefore = rig.bench().roundTrips();
            long writesBefore = rig.writes();
            BitBatch batch = source.nextBatch(BITS);
            long trips = rig.bench().roundTrips() - tripsBefore;
            assertEquals(BITS, batch.bitCount());
            assertEquals(BITS, rig.writes() - writesBefore, "one write per bit");
            assertArrayEquals(rig.junctionBits(BITS), bitsOf(batch), "bits differ from the junction's record");
            assertTrue(batch.ones() > BITS / 5 && batch.ones() < BITS * 4 / 5, "near p = 1/2, got " + batch.ones()
                    + " ones of " + BITS);
            assertTrue(trips / (double) BITS <= 0.01, trips + " round trips for " + BITS + " bits");
            source.close();
            rig.bench.safeState(); // the bench's owner ends in the safe state, as a run does
            rig.assertSafe();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benches")
    void aSettleBeforeTheWriteEndsIsRefusedOrGivesWrongBits(String name) throws Exception {
        try (Rig rig = Rig.start(name, 102L)) {
            Bench bench = rig.bench();
            // Through the source: refused before the SMU is armed, bench left safe.
            InstrumentException refused = assertThrows(InstrumentException.class, () -> PacedBatchSource.start(bench,
                    rig.point(), rig.threshold(), BIAS, LINE, 100, 1e-8));
            assertTrue(refused.getMessage().contains("before the write pulse ends"), refused.getMessage());
            rig.assertSafe();
            // Past the source, straight to the drivers: the reads see the previous write. Reset and write last 50 us
            // each, so the write starts later than any SMU's own latency from its edge to its reading (the 2600B's
            // delay() adds 5 to 10 us, RMB 7-49); a settle of 1 us, which every driver accepts (the 2450's delay block
            // starts at 167 ns), reads truly before the write.
            OperatingPoint longWrite = rig.pointAt(50e-6);
            int count = 500;
            int wrong = 0;
            try {
                bench.smu().configureRead(BIAS);
                PacedReads smu = (PacedReads) bench.smu();
                ((ExternallyTriggeredPulses) bench.pulse()).armExternalTrigger(2, longWrite.reset(), 1,
                        longWrite.write(), smu.leadingEdge());
                smu.armPacedReads(count, LINE, 1e-6);
                double[] ohms = smu.runPacedReads();
                int[] truth = rig.junctionBits(count);
                for (int i = 0; i < count; i++) {
                    wrong += rig.threshold().bitOf(ohms[i]) != truth[i] ? 1 : 0;
                }
            } finally {
                bench.safeState();
            }
            assertTrue(wrong > count / 5, "only " + wrong + " of " + count
                    + " bits differ from the junction's record with a settle before the write");
            rig.assertSafe();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benches")
    void aTriggerLostAtTheSmuDiscardsTheWholeBatch(String name) throws Exception {
        try (Rig rig = Rig.start(name, 103L)) {
            PacedBatchSource source = PacedBatchSource.start(rig.bench(), rig.point(), rig.threshold(), BIAS, LINE,
                    BITS);
            rig.sim().faults().ignoreEveryNthTrigger("smu", 700);
            InstrumentException e = assertThrows(InstrumentException.class, () -> source.nextBatch(BITS));
            assertTrue(e.getMessage().contains(BITS + " bits (indexes 0 to " + (BITS - 1) + ") discarded"),
                    e.getMessage());
            assertThrows(InstrumentException.class, () -> source.nextBatch(10), "a closed source makes no bits");
            rig.assertSafe();
        }
    }
}
