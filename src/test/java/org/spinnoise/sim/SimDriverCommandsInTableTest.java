package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.link.WireLog;

/**
 * The real drivers send only what their instrument's model table defines (issue 14): each driver method that talks to
 * the instrument is replayed, over loopback TCP, against a simulated bench serving each model of its kind, and the
 * simulator must have raised no error at all (an undefined header would be -113, a value out of range -222). To cover
 * a new driver method, add one line to {@link #PULSE_GENERATOR_CALLS} or {@link #SOURCE_METER_CALLS}.
 */
class SimDriverCommandsInTableTest {
    private static final String PULSE = "pulse";
    private static final String SMU = "smu";
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final int TIMEOUT_MS = 1000;

    /** Every pulse-generator call that reaches the instrument, in the order a run makes them. */
    static final List<DriverCall<PulseGenerator>> PULSE_GENERATOR_CALLS = List.of(
            DriverCall.of("configure(1, write pulse)", g -> g.configure(1, new PulseShape(0.7, 20e-9))),
            DriverCall.of("configure(2, reset pulse)", g -> g.configure(2, new PulseShape(-0.8, 20e-9))),
            DriverCall.of("fire(2, 1)", g -> g.fire(2, 1)),
            DriverCall.of("checkErrors()", PulseGenerator::checkErrors),
            DriverCall.of("armExternalTrigger(2 reset, 1 write)", g -> ((ExternallyTriggeredPulses) g)
                    .armExternalTrigger(2, new PulseShape(-0.8, 20e-9), 1, new PulseShape(0.7, 20e-9))),
            // Longer than the period in force, so the driver sets period before width (the other branch).
            DriverCall.of("configure(1, 2 us pulse)", g -> g.configure(1, new PulseShape(0.7, 2e-6))),
            DriverCall.of("fire(1)", g -> g.fire(1)),
            DriverCall.of("outputsOff()", PulseGenerator::outputsOff),
            DriverCall.of("safeOff(1)", g -> g.safeOff(1)),
            DriverCall.of("safeOff(2)", g -> g.safeOff(2)),
            DriverCall.of("checkErrors() after safe state", PulseGenerator::checkErrors));

    /** Every source-meter call that reaches the instrument, in the order a run makes them. */
    static final List<DriverCall<SourceMeter>> SOURCE_METER_CALLS = List.of(
            DriverCall.of("configureRead(50 mV, 100 uA, 0.1 PLC)", s -> s.configureRead(new ReadBias(0.05, 1e-4, 0.1))),
            DriverCall.of("readResistanceOhms()", SourceMeter::readResistanceOhms),
            DriverCall.of("checkErrors()", SourceMeter::checkErrors),
            DriverCall.of("secondsPerReading", s -> ((PacedReads) s).secondsPerReading(new ReadBias(0.05, 1e-4, 0.1))),
            DriverCall.of("armPacedReads(20, line 1, 1 ms)", s -> ((PacedReads) s).armPacedReads(20, 1, 1e-3)),
            DriverCall.of("runPacedReads()", s -> ((PacedReads) s).runPacedReads()),
            DriverCall.of("armPacedReads(12) recount", s -> ((PacedReads) s).armPacedReads(12, 1, 1e-3)),
            DriverCall.of("runPacedReads() again", s -> ((PacedReads) s).runPacedReads()),
            DriverCall.of("outputOff()", SourceMeter::outputOff),
            DriverCall.of("configureRead again", s -> s.configureRead(new ReadBias(0.1, 2e-4, 1))),
            DriverCall.of("readResistanceOhms() again", SourceMeter::readResistanceOhms),
            DriverCall.of("safeOff()", SourceMeter::safeOff),
            DriverCall.of("checkErrors() after safe state", SourceMeter::checkErrors));

    @TestFactory
    Stream<DynamicTest> thePulseGeneratorDriverSendsOnlyWhatEachTrueformTableDefines() {
        return modelsOfKind("keysight-trueform").map(model -> dynamicTest(model, () -> {
            try (SimulatedBench bench = benchWith(PULSE, model, Map.of(1, 0, 2, 0));
                 PulseGenerator driver = InstrumentCatalog.openPulseGenerator(PULSE, address(bench, PULSE), LIMITS,
                         new WireLog())) {
                assertNoErrorsRaised(bench, PULSE, model, "open (*IDN?, error queue drained)", 0);
                replay(bench, PULSE, model, driver, PULSE_GENERATOR_CALLS, PulseGenerator::checkErrors);
                // The replay did reach the junction, and left it safe.
                assertEquals(2, bench.pulsesDelivered(PULSE, 1), model + ": write pulses delivered");
                assertEquals(1, bench.pulsesDelivered(PULSE, 2), model + ": reset pulses delivered");
                assertFalse(bench.outputOn(PULSE, 1) || bench.outputOn(PULSE, 2), model + ": an output is still on");
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theTriggerablePulseGeneratorDriversSendOnlyWhatTheirTablesDefine() {
        List<DriverCall<PulseGenerator>> calls = new java.util.ArrayList<>(PULSE_GENERATOR_CALLS);
        calls.add(DriverCall.of("armExternalTrigger(2 reset, 1 write)", g -> ((org.spinnoise.instrument
                .ExternallyTriggeredPulses) g).armExternalTrigger(2, new PulseShape(-0.8, 20e-9), 1,
                new PulseShape(0.7, 20e-9))));
        calls.add(DriverCall.of("safeOff(1) after arming", g -> g.safeOff(1)));
        calls.add(DriverCall.of("safeOff(2) after arming", g -> g.safeOff(2)));
        return java.util.stream.Stream.concat(modelsOfKind("keysight-8116x"), modelsOfKind("tektronix-afg31000"))
                .map(model -> dynamicTest(model, () -> {
            try (SimulatedBench bench = benchWith(PULSE, model, Map.of(1, 0, 2, 0));
                 PulseGenerator driver = InstrumentCatalog.openPulseGenerator(PULSE, address(bench, PULSE), LIMITS,
                         new WireLog())) {
                assertNoErrorsRaised(bench, PULSE, model, "open (*IDN?, error queue drained)", 0);
                replay(bench, PULSE, model, driver, calls, PulseGenerator::checkErrors);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> theSourceMeterDriverSendsOnlyWhatEachKeithleyTableDefines() {
        return modelsOfKind("keithley-24xx").map(model -> dynamicTest(model, () -> {
            try (SimulatedBench bench = benchWith(SMU, model, Map.of(1, 0));
                 SourceMeter driver = InstrumentCatalog.openSourceMeter(SMU, address(bench, SMU), LIMITS,
                         new WireLog())) {
                assertNoErrorsRaised(bench, SMU, model, "open (*IDN?, error queue drained)", 0);
                replay(bench, SMU, model, driver, SOURCE_METER_CALLS, SourceMeter::checkErrors);
                assertFalse(bench.outputOn(SMU, 1), model + ": the output is still on");
            }
        }));
    }

    /** The paced-batch calls of an SMU that has them, then every call of {@link #SOURCE_METER_CALLS}. */
    static final List<DriverCall<SourceMeter>> PACED_SOURCE_METER_CALLS = Stream.concat(Stream.of(
            DriverCall.<SourceMeter>of("configureRead for a batch", s -> s.configureRead(new ReadBias(0.1, 2e-4, 0.1))),
            DriverCall.<SourceMeter>of("armPacedReads(5, line 1, 100 us)", s -> ((PacedReads) s).armPacedReads(5, 1, 1e-4)),
            DriverCall.<SourceMeter>of("runPacedReads()", s -> assertEquals(5, ((PacedReads) s).runPacedReads().length))),
            SOURCE_METER_CALLS.stream()).toList();

    @TestFactory
    Stream<DynamicTest> eachPacingSourceMeterDriverSendsOnlyWhatItsTableDefines() {
        return Stream.of("keysight-b2900", "keithley-2400").flatMap(SimDriverCommandsInTableTest::modelsOfKind)
                .map(model -> dynamicTest(model, () -> {
            try (SimulatedBench bench = benchWith(SMU, model, Map.of(1, 0));
                 SourceMeter driver = InstrumentCatalog.openSourceMeter(SMU, address(bench, SMU), LIMITS,
                         new WireLog())) {
                assertNoErrorsRaised(bench, SMU, model, "open (*IDN?, error queue drained)", 0);
                replay(bench, SMU, model, driver, PACED_SOURCE_METER_CALLS, SourceMeter::checkErrors);
                assertFalse(bench.outputOn(SMU, 1), model + ": the output is still on");
            }
        }));
    }

    @Test
    void aCommandTheTableLacksFailsTheReplay() throws Exception {
        try (SimulatedBench bench = benchWith(SMU, "keithley-2450", Map.of(1, 0));
             LineClient client = LineClient.connect(bench.address(SMU))) {
            // The Keithley 2400's ohms-mode node, which the 2450's SENSe subsystem does not have (issue 14).
            List<DriverCall<LineClient>> calls = List.of(DriverCall.of("a 2400-only command",
                    c -> c.send(":SENS:RES:MODE MAN")));
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> replay(bench, SMU, "keithley-2450", client, calls, c -> c.query("*OPC?")));
            String message = failure.getMessage();
            assertTrue(message.contains("code=-113") && message.contains("a 2400-only command"), message);
        }
    }

    /**
     * Runs the calls in order; after each, the instrument must have raised no new error. {@code roundTrip} is a query
     * on the driver's own connection: once it is answered, the instrument has handled everything the call wrote
     * before it, even commands sent without waiting for a reply, so the records are complete when read.
     */
    static <D> void replay(SimulatedBench bench, String role, String model, D driver, List<DriverCall<D>> calls,
                           DriverCall.Body<D> roundTrip) {
        for (DriverCall<D> call : calls) {
            int before = bench.errorsRaised(role).size();
            try {
                call.body().run(driver);
                roundTrip.run(driver);
            } catch (Exception e) {
                List<RaisedError> raised = bench.errorsRaised(role);
                fail(model + ": driver call " + call.name() + " failed (" + e.getMessage() + "); errors the instrument"
                        + " raised: " + raised.subList(before, raised.size()), e);
            }
            assertNoErrorsRaised(bench, role, model, call.name(), before);
        }
    }

    private static void assertNoErrorsRaised(SimulatedBench bench, String role, String model, String callName,
                                             int alreadyRaised) {
        List<RaisedError> raised = bench.errorsRaised(role);
        assertEquals(List.of(), raised.subList(alreadyRaised, raised.size()), model + ": driver call " + callName
                + " sent what the model's command table does not allow (error code, program unit sent)");
    }

    private static Stream<String> modelsOfKind(String kind) {
        return ModelTables.modelNames().stream().filter(name -> ModelTables.load(name).kind().equals(kind));
    }

    /** The demo bench's junction with one instrument of the given model in the role, wired as given. */
    private static SimulatedBench benchWith(String role, String model, Map<Integer, Integer> wiring) {
        BenchFile demo = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("demo.json"));
        BenchFile bench = new BenchFile(demo.source(), "driver commands on " + model, demo.seed(), demo.junctions(),
                Map.of(role, new InstrumentSpec(model, InstrumentSpec.TCP, wiring)),
                Map.of(model, ModelTables.load(model)), demo.timing(), java.util.List.of());
        return SimulatedBench.start(bench, 7L);
    }

    private static String address(SimulatedBench bench, String role) {
        return bench.address(role) + "?timeout_ms=" + TIMEOUT_MS;
    }
}
