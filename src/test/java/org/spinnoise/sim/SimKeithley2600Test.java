package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.link.WireLog;

/**
 * The 2600B driver against its TSP simulator over a real loopback socket, on the trueform-2602b bench (its trigger
 * cable left out until the Trueform's external trigger input exists): identification and the switch to TSP, reads
 * in the junction's state, the safe state, paced batches, and the TSP statements the simulator refuses.
 */
class SimKeithley2600Test {
    private static final ReadBias BIAS = new ReadBias(0.1, 1e-3, 0.1);
    private SimulatedBench bench;
    private SourceMeter smu;

    @BeforeEach
    void start() throws Exception {
        BenchFile file = BenchFile.read(Path.of(System.getProperty("spinnoise.projectDir", "."))
                .resolve("mock-instruments/benches/trueform-2602b.json"));
        BenchFile uncabled = new BenchFile(file.source(), file.name(), file.seed(), file.junctions(),
                file.instruments(), file.models(), file.timing(), List.of());
        bench = SimulatedBench.start(uncabled, 11L);
        bench.waitModelledTimes(false);
        smu = InstrumentCatalog.openSourceMeter("smu", bench.address("smu"), new SafetyLimits(1.0, 2e-3),
                new WireLog());
    }

    @AfterEach
    void stop() {
        smu.close();
        bench.close();
    }

    @Test
    void readsTheJunctionInItsStateAndErrorsStayEmpty() throws Exception {
        smu.configureRead(BIAS);
        assertTrue(bench.outputOn("smu", 1));
        assertEquals(2000, smu.readResistanceOhms(), 2000 * 0.15);
        bench.junction(0).applyPulse(1.2, 1e-8);
        assertEquals(4200, smu.readResistanceOhms(), 4200 * 0.15);
        assertTrue(bench.junction(0).isAntiparallel(), "reads must not disturb the junction");
        smu.checkErrors();
        assertEquals(List.of(), bench.errorsRaised("smu"));
    }

    @Test
    void theSafeStateLeavesTheOutputOffAndTheLevelAtZero() throws Exception {
        smu.configureRead(BIAS);
        assertEquals("off, 0 V", smu.safeOff());
        assertFalse(bench.outputOn("smu", 1));
        SimulatedKeithley2600 sim = (SimulatedKeithley2600) bench.instrument("smu");
        assertEquals(0.0, sim.levelVolts());
        assertThrows(InstrumentException.class, smu::readResistanceOhms, "no read after the safe state");
    }

    @Test
    void aPacedBatchReturnsEveryReadingInTheJunctionsState() throws Exception {
        smu.configureRead(BIAS);
        PacedReads paced = (PacedReads) smu;
        bench.junction(0).applyPulse(1.2, 1e-8);
        paced.armPacedReads(50, 1, 1e-3);
        double[] ohms = paced.runPacedReads();
        assertEquals(50, ohms.length);
        for (double r : ohms) {
            assertEquals(4200, r, 4200 * 0.15);
        }
        // The modelled batch never takes longer than the driver expects: the driver's figure is the upper bound.
        double simSeconds = bench.modelledSeconds("smu");
        assertTrue(simSeconds < 50 * (1e-3 + paced.secondsPerReading(BIAS)) + 1, "modelled " + simSeconds + " s");
        smu.checkErrors();
        // An armed batch runs once: its buffer is cleared by the next run.
        assertThrows(InstrumentException.class, paced::runPacedReads);
    }

    @Test
    void aBatchWithTheOutputOffIsRefusedAsOverflow() throws Exception {
        smu.configureRead(BIAS);
        PacedReads paced = (PacedReads) smu;
        paced.armPacedReads(5, 1, 1e-3);
        smu.outputOff();
        InstrumentException e = assertThrows(InstrumentException.class, paced::runPacedReads);
        assertTrue(e.getMessage().contains("overflow"), e.getMessage());
    }

    @Test
    void statementsOutsideTheTableAreTspSyntaxErrors() throws Exception {
        try (LineClient raw = LineClient.connect(bench.address("smu"))) {
            raw.send("SYST:ERR?");                         // SCPI is not TSP
            raw.send("smua.source.levelv = 41");           // above the table's range
            raw.send("smua.source.limiti = 0");            // 1102, RMB 7-224
            raw.send("os.execute(\"rm\")");
            assertEquals("4.00000e+00", raw.query("print(errorqueue.count)"));
            assertTrue(raw.query("print(errorqueue.next())").startsWith("-2.85000e+02\tTSP Syntax error\t"));
            assertTrue(raw.query("print(errorqueue.next())").startsWith("1.10100e+03\t"));
            assertTrue(raw.query("print(errorqueue.next())").startsWith("1.10200e+03\tParameter too small"));
            assertTrue(raw.query("print(errorqueue.next())").startsWith("-2.85000e+02\t"));
            assertEquals("0.00000e+00\tQueue is Empty\t0.00000e+00\t1.00000e+00", raw.query("print(errorqueue.next())"));
        }
    }

    @Test
    void withAppendModeOffALoopOfBufferedReadsKeepsOnlyTheLast() throws Exception {
        try (LineClient raw = LineClient.connect(bench.address("smu"))) {
            raw.send("smua.source.levelv = 0.1");
            raw.send("smua.source.output = smua.OUTPUT_ON");
            raw.send("function b(n, settle) for i = 1, n do digio.trigger[1].assert() delay(settle) "
                    + "smua.measure.r(smua.nvbuffer1) end end");
            raw.send("b(5, 0.001)");
            assertEquals("1.00000e+00", raw.query("print(smua.nvbuffer1.n)"));
            raw.send("smua.nvbuffer1.clear()");
            raw.send("smua.nvbuffer1.appendmode = 1");
            raw.send("b(5, 0.001)");
            assertEquals("5.00000e+00", raw.query("print(smua.nvbuffer1.n)"));
            assertEquals("0.00000e+00", raw.query("print(errorqueue.count)"));
        }
    }
}
