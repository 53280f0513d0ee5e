package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks of a number row: its documented *RST value lies in its range; its minimum and maximum are accepted (with no
 * error, and the query answers the value within the row's resolution) unless a documented Trueform rule adjusts
 * them, in which case the rule's adjustment and error are expected ({@link TrueformAdjustments}); a value beyond
 * either end is refused with -222 and changes no setting; the MINimum and MAXimum query keywords answer the range.
 * The Trueform's level rows are tried at {@code OUTPut:LOAD INF}, where the output's window is the open-circuit
 * range the table's limits give.
 */
final class NumberRowChecks {
    private static final String HIGH_IMPEDANCE = "OUTP1:LOAD INF";

    private NumberRowChecks() {
    }

    static List<DynamicTest> of(TableRow row) {
        ModelParameter parameter = row.parameter();
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(row.name("*RST value lies in " + parameter.min() + ".." + parameter.max()), () -> {
            Assumptions.assumeTrue(parameter.reset() != null && !parameter.reset().isNull(),
                    row + " documents no *RST value");
            double reset = parameter.reset().asDouble();
            assertTrue(reset >= parameter.min() && reset <= parameter.max(),
                    row + ": *RST value " + reset + " outside " + parameter.min() + ".." + parameter.max());
        }));
        tests.add(dynamicTest(row.name("accepts its minimum " + parameter.min()), () -> accepts(row, parameter.min())));
        tests.add(dynamicTest(row.name("accepts its maximum " + parameter.max()), () -> accepts(row, parameter.max())));
        tests.add(dynamicTest(row.name("refuses above its maximum (-222)"), () -> refuses(row, beyond(parameter, +1))));
        tests.add(dynamicTest(row.name("refuses below its minimum (-222)"), () -> refuses(row, beyond(parameter, -1))));
        if (row.command().hasQueryForm()) {
            for (String keyword : List.of("MINimum", "MAXimum")) {
                if (parameter.acceptsKeyword(keyword)) {
                    double value = keyword.startsWith("MIN") ? parameter.min() : parameter.max();
                    tests.add(dynamicTest(row.name("query " + TableRow.shortForm(keyword) + " answers " + value),
                            () -> queryKeyword(row, TableRow.shortForm(keyword), value)));
                }
            }
        }
        return tests;
    }

    /** Just past one end of the range: by 1 % of the limit (of the range, at a limit of 0), at least one step. */
    private static double beyond(ModelParameter parameter, int direction) {
        double limit = direction > 0 ? parameter.max() : parameter.min();
        double step = limit != 0 ? Math.abs(limit) * 0.01 : (parameter.max() - parameter.min()) * 0.01;
        return limit + direction * Math.max(step, parameter.resolution());
    }

    private static InstrumentProbe prepared(TableRow row) {
        InstrumentProbe probe = new InstrumentProbe(row.model());
        if (isTrueform(row) && TrueformAdjustments.isLevel(row.state())) {
            assertEquals(List.of(), probe.errorsAfter(HIGH_IMPEDANCE), HIGH_IMPEDANCE);
        }
        CoupledSettings.prepare(probe, row);
        return probe;
    }

    private static boolean isTrueform(TableRow row) {
        return row.model().kind().equals("keysight-trueform");
    }

    private static void accepts(TableRow row, double value) {
        InstrumentProbe probe = prepared(row);
        TrueformAdjustments.Outcome expected = isTrueform(row) && TrueformAdjustments.governs(row.state())
                ? TrueformAdjustments.expected(probe, row.state(), value)
                : new TrueformAdjustments.Outcome(Map.of(row.state(), coerced(row.parameter(), value)), List.of());
        String message = row.set(InstrumentProbe.scpi(value));
        assertEquals(expected.errors(), probe.errorsAfter(message), row + ": errors after " + message);
        expected.settings().forEach((state, volts) -> assertEquals(volts, probe.storedNumber(state),
                Math.abs(volts) * 1e-12, row + ": " + state + " after " + message));
        if (row.command().hasQueryForm()) {
            double held = expected.settings().get(row.state());
            String reply = probe.send(row.query());
            assertEquals(held, Double.parseDouble(reply), probe.replyTolerance(held, row.parameter().resolution()),
                    row + ": " + row.query() + " after " + message);
        }
    }

    private static double coerced(ModelParameter parameter, double value) {
        double resolution = parameter.resolution();
        return resolution > 0 ? Math.round(value / resolution) * resolution : value;
    }

    private static void refuses(TableRow row, double value) {
        InstrumentProbe probe = prepared(row);
        Map<String, Object> before = probe.settingsSnapshot();
        String message = row.set(InstrumentProbe.scpi(value));
        assertEquals(List.of(ScpiError.DATA_OUT_OF_RANGE), probe.errorsAfter(message),
                row + ": errors after " + message);
        assertEquals(before, probe.settingsSnapshot(), row + ": settings changed by the refused " + message);
    }

    private static void queryKeyword(TableRow row, String keyword, double value) {
        InstrumentProbe probe = new InstrumentProbe(row.model());
        String query = row.query() + " " + keyword;
        String reply = probe.send(query);
        assertEquals(List.of(), probe.errors(), row + ": errors after " + query);
        assertEquals(value, Double.parseDouble(reply), probe.replyTolerance(value, 0), row + ": " + query);
    }
}
