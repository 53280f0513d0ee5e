package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

/**
 * Settings the 81150A/81160A rules couple, written from {@code keysight-8116x.commands.json} (not from the
 * simulator): periodCoversWidth (the period must exceed the width, guide p. 142) and levelOrder (HIGH above LOW;
 * refused otherwise). Before a row's extreme value is tried, the coupled setting is moved out of the way so the
 * extreme is lawful; other families and rows are left as they are.
 */
final class Keysight8116xRules {
    private Keysight8116xRules() {
    }

    static void prepare(InstrumentProbe probe, TableRow row) {
        if (!row.model().kind().equals("keysight-8116x")) {
            return;
        }
        String preparation = switch (row.state()) {
            case SimulatedKeysight8116x.PERIOD -> ":PULS:WIDT1 1E-9";
            case SimulatedKeysight8116x.WIDTH -> ":PULS:PER1 1E6";
            case SimulatedKeysight8116x.HIGH -> ":VOLT1:LOW -5";
            case SimulatedKeysight8116x.LOW -> ":VOLT1:HIGH 5";
            default -> null;
        };
        if (preparation != null) {
            assertEquals(List.of(), probe.errorsAfter(preparation), row + ": errors after " + preparation);
        }
    }
}
