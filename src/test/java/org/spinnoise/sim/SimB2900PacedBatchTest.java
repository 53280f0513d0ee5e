package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.link.WireLog;

/**
 * The simulated B2900's paced batch: per reading an edge on DIO pin EXT1, the trigger delay, one reading, all on the
 * bench clock. A stand-in pulse source cabled to EXT1 writes a random state into the junction a fixed delay after each
 * edge (the Trueform's external-trigger side is built elsewhere), so a batch can be checked bit by bit against the
 * junction's own record; the driver's batch is also run over loopback TCP.
 */
class SimB2900PacedBatchTest {
    private static final double PULSE_DELAY_SECONDS = 20e-6;
    private static final double PULSE_WIDTH_SECONDS = 10e-9;
    private static final double THRESHOLD_OHMS = 3100;

    /** On each edge, after a fixed delay, one pulse that sets the junction to a random state; records the result. */
    private static final class RandomWriter extends ScpiInstrument {
        private final JunctionNode node;
        private final Random random = new Random(11);
        final List<Boolean> antiparallelAfterEach = new ArrayList<>();

        RandomWriter(InstrumentModel model, JunctionNode node) {
            super(model, "writer");
            this.node = node;
        }

        @Override
        protected Set<String> triggerInputs() {
            return Set.of("ext-trig");
        }

        @Override
        protected void onTrigger(String inPort, double atSeconds) {
            double volts = random.nextBoolean() ? 1.2 : -1.2;
            clock().at(atSeconds + PULSE_DELAY_SECONDS, () -> {
                node.pulse("writer", volts, PULSE_WIDTH_SECONDS);
                antiparallelAfterEach.add(node.junction().isAntiparallel());
            });
        }
    }

    private final InstrumentModel model = ModelTables.load("keysight-b2901a");
    private final BenchFile demo = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("demo.json"));
    private final JunctionNode node = new JunctionNode(new MtjJunction(demo.junctions().get(0), 5L));
    private final SimulatedKeysightB2900 smu = new SimulatedKeysightB2900(model, "smu", node, BenchTiming.instant());
    private final RandomWriter writer = new RandomWriter(model, node);

    SimB2900PacedBatchTest() {
        TriggerLines lines = new TriggerLines(new SimClock());
        smu.attachTriggerLines(lines);
        writer.attachTriggerLines(lines);
        lines.wire(List.of(new TriggerLineSpec("smu:ext-1", List.of("writer:ext-trig"))),
                Map.of("smu", smu, "writer", writer));
    }

    private List<Boolean> batchBits(int count, double settleSeconds, String pinFunction) {
        smu.handle("*RST;:SOUR:FUNC:MODE VOLT;:SENS:CURR:PROT 1e-3;:SOUR:VOLT 0.1;:SENS:FUNC \"RES\";"
                + ":SENS:RES:MODE MAN;:FORM:ELEM:SENS RES;:OUTP ON");
        smu.handle(":SOUR:DIG:EXT1:FUNC " + pinFunction + ";:TRIG:ACQ:TOUT:SIGN EXT1;:TRIG:ACQ:TOUT ON;"
                + ":TRIG:ACQ:SOUR AINT;:TRIG:ACQ:COUN 1;:TRIG:ACQ:DEL " + settleSeconds
                + ";:ARM:ACQ:SOUR TIM;:ARM:ACQ:TIM 5e-3;:ARM:ACQ:COUN " + count);
        smu.handle(":INIT:ACQ");
        assertEquals("+0,\"No error\"", smu.handle(":SYST:ERR?"));
        List<Boolean> bits = new ArrayList<>();
        for (String reading : smu.handle(":FETC:ARR:RES? (@1)").split(",")) {
            bits.add(Double.parseDouble(reading) > THRESHOLD_OHMS);
        }
        return bits;
    }

    @Test
    void eachReadingSeesThePulseItsOwnEdgeFired() {
        List<Boolean> bits = batchBits(40, 300e-6, "TOUT");
        assertEquals(40, smu.edgesEmitted());
        assertEquals(writer.antiparallelAfterEach, bits, "bits against the junction's state after each write");
        assertTrue(bits.contains(true) && bits.contains(false), "the writer must have written both states");
        // 40 timer periods of 5 ms: the period is longer than settle + 0.1 PLC.
        assertEquals(40 * 5e-3, smu.modelledSeconds(), 1e-9);
    }

    @Test
    void aSettleShorterThanThePulseDelayReadsTheStateBeforeEachWrite() {
        List<Boolean> bits = batchBits(40, 0, "TOUT");
        assertEquals(40, writer.antiparallelAfterEach.size());
        assertNotEquals(writer.antiparallelAfterEach, bits, "reading before the pulse must give wrong bits");
        assertEquals(writer.antiparallelAfterEach.subList(0, 39), bits.subList(1, 40), "each bit is one write late");
    }

    @Test
    void aPinNotSetAsTriggerOutputSendsNoEdges() {
        List<Boolean> bits = batchBits(10, 300e-6, "DINP");
        assertEquals(0, smu.edgesEmitted());
        assertEquals(List.of(), writer.antiparallelAfterEach);
        assertEquals(10, bits.size());
    }

    @Test
    void theTrueformBenchCablesSmuPinOneToThePulseGeneratorsTriggerInput() {
        BenchFile bench = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("trueform-b2901a.json"));
        assertEquals(List.of(new TriggerLineSpec("smu:ext-1", List.of("pulse:ext-trig"))), bench.triggerLines());
        assertEquals("keysight-b2900", bench.models().get("keysight-b2901a").kind());
        assertTrue(smu.triggerOutputs().contains(TriggerLineSpec.port("smu:ext-1")));
    }

    @Test
    void theDriversBatchOverTcpReadsTheJunctionAndEndsSafe() throws Exception {
        BenchFile bench = new BenchFile(demo.source(), "b2901a alone", demo.seed(), demo.junctions(),
                Map.of("smu", new InstrumentSpec("keysight-b2901a", InstrumentSpec.TCP, Map.of(1, 0))),
                Map.of("keysight-b2901a", model), demo.timing(), List.of());
        try (SimulatedBench sim = SimulatedBench.start(bench, 7L);
             SourceMeter driver = InstrumentCatalog.openSourceMeter("smu", sim.address("smu"),
                     new SafetyLimits(1.5, 1e-3), new WireLog())) {
            PacedReads paced = (PacedReads) driver;
            driver.configureRead(new ReadBias(0.1, 2e-4, 0.1));
            paced.armPacedReads(25, 1, 1e-4);
            double[] parallel = paced.runPacedReads();
            sim.junction(0).applyPulse(1.2, 1e-8);
            assertTrue(sim.junction(0).isAntiparallel());
            double[] antiparallel = paced.runPacedReads();
            assertEquals(25, parallel.length);
            for (int i = 0; i < 25; i++) {
                assertTrue(parallel[i] < THRESHOLD_OHMS, "reading " + i + ": " + parallel[i]);
                assertTrue(antiparallel[i] > THRESHOLD_OHMS, "reading " + i + ": " + antiparallel[i]);
            }
            assertTrue(sim.outputOn("smu", 1), "the bias stays on between batches");
            assertEquals(List.of(), sim.errorsRaised("smu"));
            driver.safeOff();
            assertFalse(sim.outputOn("smu", 1));
        }
    }
}
