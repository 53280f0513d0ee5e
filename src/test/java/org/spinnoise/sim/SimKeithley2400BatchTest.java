package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.link.WireLog;

/**
 * The 2400-series driver against its simulator over loopback TCP: paced batches give one reading per Trigger Link
 * edge, each the junction's state at the time; the bias never exceeds what was asked; auto ohms (the *RST ohms mode)
 * would drive the test current through the junction, which the driver avoids. Trigger Link line 1 is cabled back to
 * line 2 of the same unit, so the edges it sends are counted where they arrive.
 */
class SimKeithley2400BatchTest {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);
    /** Between the demo junction's 2000 ohm (parallel) and 4200 ohm (antiparallel). */
    private static final double THRESHOLD_OHMS = 3100;

    private static SimulatedBench bench(String timingMode) {
        BenchFile demo = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("demo.json"));
        return SimulatedBench.start(new BenchFile(demo.source(), "2400 batch", demo.seed(), demo.junctions(),
                Map.of("smu", new InstrumentSpec("keithley-2400", InstrumentSpec.TCP, Map.of(1, 0))),
                Map.of("keithley-2400", ModelTables.load("keithley-2400")),
                new BenchTiming(timingMode, 60),
                List.of(new TriggerLineSpec("smu:tlink-1", List.of("smu:tlink-2")))), 11L);
    }

    private static SourceMeter open(SimulatedBench bench) throws InstrumentException {
        return InstrumentCatalog.openSourceMeter("smu", bench.address("smu") + "?timeout_ms=2000", LIMITS,
                new WireLog());
    }

    private static SimulatedKeithley2400 unit(SimulatedBench bench) {
        return (SimulatedKeithley2400) bench.instrument("smu");
    }

    @Test
    void aPacedBatchReadsTheJunctionsStateOncePerEdge() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT); SourceMeter smu = open(bench)) {
            smu.configureRead(BIAS);
            PacedReads paced = (PacedReads) smu;
            paced.armPacedReads(40, 1, 1e-4);
            double[] parallel = paced.runPacedReads();
            assertEquals(40, parallel.length);
            assertEquals(40, unit(bench).edgesReceived(), "one Trigger Link edge per reading");
            for (double ohms : parallel) {
                assertTrue(ohms < THRESHOLD_OHMS, "parallel junction read " + ohms + " ohm");
            }
            bench.junction(0).applyPulse(1.2, 1e-8);
            assertTrue(bench.junction(0).isAntiparallel());
            paced.armPacedReads(25, 1, 1e-4);
            double[] antiparallel = paced.runPacedReads();
            assertEquals(25, antiparallel.length);
            for (double ohms : antiparallel) {
                assertTrue(ohms > THRESHOLD_OHMS, "antiparallel junction read " + ohms + " ohm");
            }
            assertEquals(65, unit(bench).edgesReceived());
            // Back to one reading per :READ?, without an edge.
            assertTrue(smu.readResistanceOhms() > THRESHOLD_OHMS);
            assertEquals(65, unit(bench).edgesReceived(), "a per-bit read after a batch fired an edge");
            assertEquals("idle, off, 0 V", smu.safeOff());
            assertTrue(!bench.outputOn("smu", 1));
        }
    }

    @Test
    void theJunctionNeverSeesMoreThanTheBias() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT); SourceMeter smu = open(bench)) {
            smu.configureRead(BIAS);
            smu.readResistanceOhms();
            ((PacedReads) smu).armPacedReads(10, 1, 1e-4);
            ((PacedReads) smu).runPacedReads();
            smu.safeOff();
            double largest = bench.node(0).sources().get("smu ch1").largestVolts();
            assertTrue(largest <= 0.1 + 1e-12, "the SMU put " + largest + " V on the junction");
        }
    }

    @Test
    void autoOhmsWouldDriveTheTestCurrentThroughTheJunction() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT);
             LineClient client = LineClient.connect(bench.address("smu"))) {
            // The *RST ohms mode is AUTO (Table 18-6 p. 18-13): the 2 kohm junction gets the 2 kohm range's
            // 1 mA test current (Table 4-1 p. 4-4), 2 V, above its breakdown; this is what the driver's manual ohms avoids.
            client.send("*RST;:SOUR:VOLT 0.1;:SENS:FUNC \"RES\";:OUTP ON");
            assertEquals("1", client.query("*OPC?"));
            double largest = bench.node(0).sources().get("smu ch1").largestVolts();
            assertTrue(largest > 1.5, "auto ohms put only " + largest + " V on the junction");
        }
    }

    @Test
    void aReadWithTheOutputOffIsRefused() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT);
             LineClient client = LineClient.connect(bench.address("smu"))) {
            client.send("*RST;:SENS:RES:MODE MAN;:SENS:FUNC \"RES\";:FORM:ELEM RES;:TRAC:FEED:CONT NEXT;:INIT");
            assertEquals("803,\"Not permitted with OUTPUT off\"", client.query(":SYST:ERR?"));
            assertEquals("0", client.query(":TRAC:POIN:ACT?"));
        }
    }

    @Test
    void theDefaultElementsAreFiveAndTheDriverAsksForOne() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT);
             LineClient client = LineClient.connect(bench.address("smu"))) {
            client.send("*RST;:SENS:RES:MODE MAN;:SOUR:VOLT 0.1;:SENS:CURR:PROT 1e-3;:SENS:FUNC \"RES\";:OUTP ON");
            String five = client.query(":READ?");
            assertEquals(5, five.split(",").length, five);
            assertTrue(Double.parseDouble(five.split(",")[2]) < THRESHOLD_OHMS, five);
            client.send(":FORM:ELEM RES");
            assertTrue(Double.parseDouble(client.query(":READ?")) < THRESHOLD_OHMS);
        }
    }

    @Test
    void aBatchTakesItsModelledTime() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT); SourceMeter smu = open(bench)) {
            smu.configureRead(BIAS);
            PacedReads paced = (PacedReads) smu;
            paced.armPacedReads(100, 1, 2e-4);
            double before = bench.modelledSeconds("smu");
            paced.runPacedReads();
            double batchSeconds = bench.modelledSeconds("smu") - before;
            // 60 Hz bench: 500 us + 4 x (0.1 / 60 + 185 us) + 2.3 ms per reading, plus the 200 us trigger delay.
            double perReading = 2e-4 + 500e-6 + 4 * (0.1 / 60 + 185e-6) + 2.3e-3;
            assertEquals(100 * perReading, batchSeconds, 100 * perReading * 0.01);
            // The driver's estimate assumes the slowest mains (50 Hz), so it never undershoots the bench.
            assertTrue(paced.secondsPerReading(BIAS) + 2e-4 >= perReading);
        }
    }

    @Test
    void aBatchBeyondTheBufferIsRefused() throws Exception {
        try (SimulatedBench bench = bench(BenchTiming.INSTANT); SourceMeter smu = open(bench)) {
            smu.configureRead(BIAS);
            assertThrows(InstrumentException.class, () -> ((PacedReads) smu).armPacedReads(2501, 1, 1e-4));
            assertEquals(0, unit(bench).edgesReceived());
        }
    }

    @Test
    void theTrueformBenchCablesTheSmusTriggerLinkLineOneToTheGenerator() {
        BenchFile file = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("trueform-2400.json"));
        assertEquals("keithley-2400", file.instruments().get("smu").model());
        assertEquals("keysight-33622a", file.instruments().get("pulse").model());
        assertEquals(List.of(new TriggerLineSpec("smu:tlink-1", List.of("pulse:ext-trig"))), file.triggerLines());
        assertEquals(BenchTiming.MODELLED, file.timing().mode());
        SimulatedKeithley2400 smu = new SimulatedKeithley2400(ModelTables.load("keithley-2400"), "smu", null,
                BenchTiming.instant());
        assertTrue(smu.triggerOutputs().contains(TriggerLineSpec.port("smu:tlink-1")));
    }
}
