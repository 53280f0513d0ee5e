package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

/**
 * Settings that the pulse generators' refusing rules couple, written from the command tables (not from the
 * simulators): the period must exceed the width (81150A guide p. 142; AFG3000 PULSe:WIDTh [sibling]) and HIGH must
 * stay above LOW (levelOrder, refused otherwise). Before a row's extreme value is tried, the coupled setting is moved
 * to its own far end so the extreme is lawful; other families and rows are left as they are.
 */
final class CoupledSettings {
    /** Per family: state of the row tried, to the header of the coupled setting on channel 1 and the state it holds. */
    private static final Map<String, Map<String, String[]>> COUPLED = Map.of(
            "keysight-8116x", Map.of(
                    "pulsePeriodSeconds", new String[] {":PULS:WIDT1", "pulseWidthSeconds", "min"},
                    "pulseWidthSeconds", new String[] {":PULS:PER1", "pulsePeriodSeconds", "max"},
                    "highLevelVolts", new String[] {":VOLT1:LOW", "lowLevelVolts", "min"},
                    "lowLevelVolts", new String[] {":VOLT1:HIGH", "highLevelVolts", "max"}),
            "tektronix-afg31000", Map.of(
                    "pulsePeriodSeconds", new String[] {"SOUR1:PULS:WIDT", "pulseWidthSeconds", "min"},
                    "pulseWidthSeconds", new String[] {"SOUR1:PULS:PER", "pulsePeriodSeconds", "max"},
                    "highLevelVolts", new String[] {"SOUR1:VOLT:LOW", "lowLevelVolts", "min"},
                    "lowLevelVolts", new String[] {"SOUR1:VOLT:HIGH", "highLevelVolts", "max"}));

    private CoupledSettings() {
    }

    static void prepare(InstrumentProbe probe, TableRow row) {
        String[] coupled = COUPLED.getOrDefault(row.model().kind(), Map.of()).get(row.state());
        if (coupled == null) {
            return;
        }
        ModelParameter other = row.model().parameterOf(coupled[1]);
        double value = coupled[2].equals("min") ? other.min() : other.max();
        String preparation = coupled[0] + " " + InstrumentProbe.scpi(value);
        assertEquals(List.of(), probe.errorsAfter(preparation), row + ": errors after " + preparation);
    }
}
