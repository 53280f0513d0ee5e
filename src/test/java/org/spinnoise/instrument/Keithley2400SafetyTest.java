package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.spinnoise.instrument.keithley.Keithley2400;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.scpi.FakeScpiServer;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/**
 * No call path of the 2400-series driver puts a bias above the junction's safety limit or a current compliance
 * above its current limit on the wire, whatever it is asked; the safe state is attempted step by step even when a
 * step fails; a 2400 driver refuses to open on anything but a 2400-series identity.
 */
class Keithley2400SafetyTest {
    private static final double MAX_VOLTS = 0.8;
    private static final double MAX_AMPS = 1e-3;
    private static final SafetyLimits LIMITS = new SafetyLimits(MAX_VOLTS, MAX_AMPS);
    private static final double[] CURRENTS = {1.01e-3, 0.1, 1.05, 5.25, 1e-3, 1e-4};
    private static final double[] BIASES = {0.81, -0.81, 5.0, 210, 1100, 0.8, -0.8, 0.1};
    private static final Identity IDN = Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2410,1,C30");

    private interface Call {
        void run() throws Exception;
    }

    @Test
    void noCallPathPutsAnUnsafeLevelOnTheWire() throws Exception {
        try (FakeScpiServer server = new FakeScpiServer()) {
            server.answer(":READ?", "+2.5E+03").answer("*ESR?", "+0").answer("*OPC?", "1")
                    .answer(":TRAC:DATA?", "+2.5E+03,+2.6E+03");
            Keithley2400 smu = new Keithley2400(new ScpiSession(Links.open(server.address()), "smu", new WireLog()),
                    IDN, LIMITS);
            Map<String, List<Call>> calls = new LinkedHashMap<>();
            calls.put("identity", List.of(smu::identity));
            List<Call> reads = new ArrayList<>();
            for (double amps : CURRENTS) {
                for (double volts : BIASES) {
                    reads.add(() -> smu.configureRead(new ReadBias(volts, amps, 1)));
                    reads.add(smu::readResistanceOhms);
                    reads.add(() -> smu.armPacedReads(2, 1, 1e-4));
                    reads.add(smu::runPacedReads);
                }
            }
            calls.put("configureRead", reads);
            calls.put("readResistanceOhms", List.of(smu::readResistanceOhms));
            calls.put("secondsPerReading", List.of(() -> smu.secondsPerReading(new ReadBias(0.1, 1e-4, 1))));
            calls.put("armPacedReads", List.of(() -> smu.armPacedReads(2, 1, 1e-4)));
            calls.put("runPacedReads", List.of(smu::runPacedReads));
            calls.put("leadingEdge", List.of(smu::leadingEdge));
            calls.put("outputOff", List.of(smu::outputOff));
            calls.put("checkErrors", List.of(smu::checkErrors));
            calls.put("safeOff", List.of(smu::safeOff));
            calls.put("settings", List.of(smu::settings));
            calls.put("roundTrips", List.of(smu::roundTrips));
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
            smu.close();
            calls.put("close", List.of());
            assertEquals(publicMethods(), new TreeSet<>(calls.keySet()), "a public method is not walked by this test");

            List<String> levels = new ArrayList<>();
            for (String line : server.commands()) {
                boolean volts = line.startsWith(":SOUR:VOLT ");
                if (volts || line.startsWith(":SENS:CURR:PROT ")) {
                    double value = Double.parseDouble(line.substring(line.indexOf(' ') + 1));
                    assertTrue(Math.abs(value) <= (volts ? MAX_VOLTS : MAX_AMPS), "unsafe level sent: " + line);
                    levels.add(line);
                }
            }
            // The safe paths were exercised too, or the check above would pass vacuously.
            assertTrue(levels.contains(":SOUR:VOLT 0.8") && levels.contains(":SENS:CURR:PROT 0.001"), levels.toString());
            assertTrue(server.count(":TRIG:OUTP SOUR") > 0, "no batch was armed");
            assertTrue(refused > 0);
        }
    }

    @Test
    void theSafeStateAttemptsEveryStepWhenOneFails() throws Exception {
        try (FakeScpiServer server = new FakeScpiServer()) {
            server.errorOn(":OUTP OFF", "-113,\"Undefined header\"");
            Keithley2400 smu = new Keithley2400(new ScpiSession(Links.open(server.address()), "smu", new WireLog()),
                    IDN, LIMITS);
            InstrumentException e = assertThrows(InstrumentException.class, smu::safeOff);
            assertTrue(e.getMessage().contains("off FAILED") && e.getMessage().contains("done: idle, 0 V"),
                    e.getMessage());
            assertTrue(server.commands().contains(":SOUR:VOLT 0.0"), server.commands().toString());
            smu.close();
        }
    }

    @Test
    void aDriverForThe2400SeriesCannotBeOpenedOnA2450() {
        assertThrows(IllegalArgumentException.class, () -> new Keithley2400(null,
                Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i"), LIMITS));
    }

    private static Set<String> publicMethods() {
        return Arrays.stream(Keithley2400.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && !Modifier.isStatic(m.getModifiers())
                        && !m.isSynthetic() && !m.isBridge())
                .map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
