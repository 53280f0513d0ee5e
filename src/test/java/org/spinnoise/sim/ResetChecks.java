package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The *RST check of a setting row: the setting is first moved away from its documented *RST value (the test fails if
 * it could not be, since *RST would then prove nothing), then {@code *RST} must restore exactly the value the row
 * documents, both as held and as its query answers; a row the manual says *RST leaves alone must keep the moved
 * value. A row whose *RST value the manual does not give (reset null) is reported as skipped, not guessed.
 */
final class ResetChecks {
    private ResetChecks() {
    }

    static DynamicTest of(TableRow row) {
        JsonNode reset = row.parameter().reset();
        String shown = reset == null || reset.isNull() ? "(not documented)" : reset.asText();
        return dynamicTest(row.name("*RST restores " + shown), () -> {
            Assumptions.assumeTrue(reset != null && !reset.isNull(),
                    row + " documents no *RST value: nothing to check");
            Object expected = expectedHeld(row, reset);
            InstrumentProbe probe = new InstrumentProbe(row.model());
            CoupledSettings.prepare(probe, row);
            probe.send(row.set(otherThan(row, expected)));
            probe.errors(); // a documented rule may adjust the other value; only the move away matters here
            assertNotEquals(expected, probe.stored(row.state()),
                    row + ": '" + row.set(otherThan(row, expected)) + "' did not move it off its *RST value");
            Object moved = probe.stored(row.state());
            assertEquals(List.of(), probe.errorsAfter("*RST"), row + ": errors after *RST");
            if (row.command().keptByReset()) {
                // The manual says *RST leaves this setting alone (nonvolatile, or IEEE 488.2's enable registers).
                assertEquals(moved, probe.stored(row.state()), row + ": *RST must leave it as it was");
                return;
            }
            assertHeld(row, probe, expected);
            if (row.command().hasQueryForm()) {
                assertReply(row, probe, expected);
            }
        });
    }

    /** The value the simulator must hold after *RST, as the row documents it. */
    private static Object expectedHeld(TableRow row, JsonNode reset) {
        switch (row.type()) {
            case ModelParameter.NUMBER:
                return reset.isTextual() && reset.asText().toUpperCase(Locale.ROOT).startsWith("INF")
                        ? Double.POSITIVE_INFINITY : reset.asDouble();
            case ModelParameter.BOOLEAN:
                return reset.asBoolean();
            case ModelParameter.CHOICE:
                for (String choice : row.parameter().choices()) {
                    String text = reset.asText().toUpperCase(Locale.ROOT);
                    if (text.equals(TableRow.longForm(choice)) || text.equals(TableRow.shortForm(choice))) {
                        return TableRow.shortForm(choice);
                    }
                }
                return fail(row + ": *RST value " + reset + " is not among its choices " + row.parameter().choices());
            default:
                return HeaderPattern.of(reset.asText()).canonicalShortForm();
        }
    }

    /** A parameter that moves the setting away from {@code expected}. */
    private static String otherThan(TableRow row, Object expected) {
        ModelParameter parameter = row.parameter();
        switch (row.type()) {
            case ModelParameter.NUMBER:
                return InstrumentProbe.scpi(parameter.min().equals(expected) ? parameter.max() : parameter.min());
            case ModelParameter.BOOLEAN:
                return Boolean.TRUE.equals(expected) ? "OFF" : "ON";
            case ModelParameter.CHOICE:
                return parameter.choices().stream().map(TableRow::shortForm).filter(c -> !c.equals(expected))
                        .findFirst().orElseThrow();
            default:
                return parameter.choices().stream().map(c -> HeaderPattern.of(c).canonicalShortForm())
                        .filter(c -> !c.equals(expected)).map(c -> "\"" + c + "\"").findFirst().orElseThrow();
        }
    }

    private static void assertHeld(TableRow row, InstrumentProbe probe, Object expected) {
        if (expected instanceof Double number) {
            assertEquals(number, probe.storedNumber(row.state()), Math.abs(number) * 1e-12, row + ": held after *RST");
        } else {
            assertEquals(expected, probe.stored(row.state()), row + ": held after *RST");
        }
    }

    private static void assertReply(TableRow row, InstrumentProbe probe, Object expected) {
        String reply = probe.send(row.query());
        if (expected instanceof Double number) {
            // Infinity (an INFinity setting) is answered as the SCPI overflow value 9.9E+37.
            double shown = Double.isInfinite(number) ? 9.9e37 : number;
            assertEquals(shown, Double.parseDouble(reply), probe.replyTolerance(shown, row.parameter().resolution()),
                    row + ": " + row.query() + " after *RST");
        } else if (expected instanceof Boolean on) {
            assertEquals(on ? "1" : "0", reply, row + ": " + row.query() + " after *RST");
        } else {
            String quoted = row.type().equals(ModelParameter.STRING) ? "\"" + expected + "\"" : (String) expected;
            assertEquals(quoted, reply, row + ": " + row.query() + " after *RST");
        }
    }
}
