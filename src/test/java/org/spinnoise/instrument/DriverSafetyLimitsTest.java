package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keithley.Keithley2450;
import org.spinnoise.instrument.keysight.Trueform33600;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.scpi.FakeScpiServer;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/**
 * Drives every public method of both drivers, with values beyond the bench's limits and just inside them, through
 * real SCPI sessions to a fake instrument, then inspects every line that reached the instrument: no voltage or
 * current beyond the limits may ever be on the wire, whatever the call path.
 */
class DriverSafetyLimitsTest {
    private static final double MAX_VOLTS = 0.8;
    private static final double MAX_AMPS = 1e-3;
    private static final SafetyLimits LIMITS = new SafetyLimits(MAX_VOLTS, MAX_AMPS);
    private static final double[] AMPLITUDES = {0.81, -0.81, 1.0, -1.0, 4.99, -5.0, 5.0, 100, 0.8, -0.8, 0.79};
    private static final double[] CURRENTS = {1.01e-3, 0.1, 1.05, 1e-3, 1e-4};
    private static final double[] BIASES = {0.81, -0.81, 5.0, 200, 0.8, -0.8, 0.1};

    @FunctionalInterface
    private interface Call {
        void run() throws Exception;
    }

    @Test
    void noCallPathPutsAnUnsafeLevelOnTheWire() throws Exception {
        try (FakeScpiServer server = new FakeScpiServer()) {
            for (int ch = 1; ch <= 2; ch++) {
                server.answer("OUTP" + ch + ":LOAD?", "9.9E+37");
                server.answer("SOUR" + ch + ":FUNC:PULS:PER?", "+1.0E-03");
                server.answer("TRIG" + ch + ":DEL?", "+1.02E-06");
            }
            server.answer(":SYST:LFR?", "+6.0E+01");
            for (String fire : List.of(":TRIG1;*OPC?", ":TRIG2;*OPC?", ":TRIG1;:TRIG2;*OPC?", ":TRIG2;:TRIG1;*OPC?")) {
                server.answer(fire, "1");
            }
            server.answer(":READ?", "+2.5E+03");
            server.answer("*ESR?", "+0");
            Trueform33600 awg = new Trueform33600(session(server, "pulse"),
                    Identity.parse("Keysight Technologies,33622A,MY1,A.02"), LIMITS);
            Keithley2450 smu = new Keithley2450(session(server, "smu"),
                    Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2450,1,1.7"), LIMITS);

            Map<String, List<Call>> awgCalls = new LinkedHashMap<>();
            awgCalls.put("identity", List.of(awg::identity));
            awgCalls.put("channelCount", List.of(awg::channelCount));
            List<Call> configures = new ArrayList<>();
            List<Call> fires = new ArrayList<>();
            for (int ch = 1; ch <= 2; ch++) {
                int channel = ch;
                for (double a : AMPLITUDES) {
                    configures.add(() -> awg.configure(channel, new PulseShape(a, 20e-9)));
                    fires.add(() -> awg.configure(channel, new PulseShape(a, 1e-6)));
                    fires.add(() -> awg.fire(channel));
                    fires.add(() -> awg.fire(1, 2));
                }
            }
            awgCalls.put("configure", configures);
            awgCalls.put("fire", fires);
            List<Call> arms = new ArrayList<>();
            for (double a : AMPLITUDES) {
                for (double b : AMPLITUDES) {
                    arms.add(() -> awg.armExternalTrigger(2, new PulseShape(a, 20e-9), 1, new PulseShape(b, 20e-9)));
                    arms.add(() -> awg.armExternalTrigger(2, new PulseShape(a, 20e-9), 1, new PulseShape(b, 20e-9),
                            TriggerEdge.FALLING));
                }
            }
            awgCalls.put("armExternalTrigger", arms);
            awgCalls.put("outputsOff", List.of(awg::outputsOff));
            awgCalls.put("checkErrors", List.of(awg::checkErrors));
            awgCalls.put("safeOff", List.of(() -> awg.safeOff(1), () -> awg.safeOff(2), () -> awg.safeOff(3)));
            awgCalls.put("settings", List.of(awg::settings));
            awgCalls.put("roundTrips", List.of(awg::roundTrips));

            Map<String, List<Call>> smuCalls = new LinkedHashMap<>();
            smuCalls.put("identity", List.of(smu::identity));
            List<Call> reads = new ArrayList<>();
            for (double amps : CURRENTS) {
                for (double volts : BIASES) {
                    reads.add(() -> smu.configureRead(new ReadBias(volts, amps, 1)));
                    reads.add(smu::readResistanceOhms);
                }
            }
            smuCalls.put("configureRead", reads);
            smuCalls.put("readResistanceOhms", List.of(smu::readResistanceOhms));
            smuCalls.put("secondsPerReading", List.of(() -> smu.secondsPerReading(new ReadBias(0.1, 1e-4, 1))));
            smuCalls.put("armPacedReads", List.of(() -> smu.configureRead(new ReadBias(0.1, 1e-4, 1)),
                    () -> smu.armPacedReads(100, 1, 1e-3)));
            smuCalls.put("runPacedReads", List.of(smu::runPacedReads));
            smuCalls.put("leadingEdge", List.of(smu::leadingEdge));
            smuCalls.put("outputOff", List.of(smu::outputOff));
            smuCalls.put("checkErrors", List.of(smu::checkErrors));
            smuCalls.put("safeOff", List.of(smu::safeOff));
            smuCalls.put("settings", List.of(smu::settings));
            smuCalls.put("roundTrips", List.of(smu::roundTrips));

            int refused = walk(awgCalls) + walk(smuCalls);
            awg.close();
            smu.close();
            awgCalls.put("close", List.of());
            smuCalls.put("close", List.of());
            assertEquals(publicMethods(Trueform33600.class), new TreeSet<>(awgCalls.keySet()),
                    "a public Trueform33600 method is not walked by this test");
            assertEquals(publicMethods(Keithley2450.class), new TreeSet<>(smuCalls.keySet()),
                    "a public Keithley2450 method is not walked by this test");

            List<String> levels = new ArrayList<>();
            for (String line : server.commands()) {
                int space = line.indexOf(' ');
                String header = space < 0 ? line : line.substring(0, space).toUpperCase();
                if (space < 0 || !(header.contains("VOLT") || header.contains("CURR") || header.contains("ILIM")
                        || header.contains("AMPL") || header.contains("OFFS"))) {
                    continue;
                }
                double value;
                try {
                    value = Double.parseDouble(line.substring(space + 1));
                } catch (NumberFormatException e) {
                    fail("a level command with a value the test cannot check: " + line);
                    return;
                }
                double limit = header.contains("ILIM") || header.contains("CURR") ? MAX_AMPS : MAX_VOLTS;
                assertTrue(Math.abs(value) <= limit, "unsafe level reached the instrument: " + line);
                levels.add(line);
            }
            // The walk must have exercised the safe paths too, or the check above would pass vacuously.
            assertTrue(levels.contains("SOUR1:VOLT:HIGH 0.79") && levels.contains("SOUR2:VOLT:HIGH 0.8"),
                    levels.toString());
            assertTrue(levels.contains(":SOUR:VOLT:ILIM 0.001") && levels.contains(":SOUR:VOLT -0.8"),
                    levels.toString());
            assertTrue(refused > 0);
        }
    }

    private static ScpiSession session(FakeScpiServer server, String label) throws Exception {
        return new ScpiSession(Links.open(server.address()), label, new WireLog());
    }

    /** Runs every call; instrument exceptions are the expected refusals. Returns how many were refused. */
    private static int walk(Map<String, List<Call>> calls) throws Exception {
        int refused = 0;
        for (List<Call> list : calls.values()) {
            for (Call c : list) {
                try {
                    c.run();
                } catch (InstrumentException e) {
                    refused++;
                }
            }
        }
        return refused;
    }

    private static Set<String> publicMethods(Class<?> type) {
        return Arrays.stream(type.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic() && !m.isBridge())
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
