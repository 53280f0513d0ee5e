package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;

/**
 * Checks of one table row that hold whatever its parameter: it cites the manual, its header reaches this row and not
 * an earlier one (else every other check would test the wrong row), a form the row lacks is refused with -113, a
 * header next to the row's that no row defines is refused with -113, and a row without a parameter refuses one.
 */
final class RowHeaderChecks {
    private static final List<Integer> UNDEFINED_HEADER = List.of(ScpiError.UNDEFINED_HEADER);

    private RowHeaderChecks() {
    }

    static List<DynamicTest> of(TableRow row) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(row.name("cites the manual"), () ->
                assertFalse(row.command().cite() == null || row.command().cite().isBlank(), row + " has no cite")));
        tests.add(dynamicTest(row.name("'" + row.header() + "' reaches this row"), () -> {
            for (TableRow earlier : TableRow.of(row.model()).subList(0, row.index())) {
                assertFalse(HeaderPattern.of(earlier.command().header()).matchesText(row.header()),
                        row + ": its header " + row.header() + " is taken by the earlier row "
                                + earlier.command().header());
            }
        }));
        if (!row.command().hasQueryForm()) {
            tests.add(dynamicTest(row.name("command only: the query is undefined (-113)"), () -> assertEquals(
                    UNDEFINED_HEADER, new InstrumentProbe(row.model()).errorsAfter(row.query()), row.query())));
        }
        if (!row.command().hasCommandForm()) {
            tests.add(dynamicTest(row.name("query only: the command is undefined (-113)"), () -> assertEquals(
                    UNDEFINED_HEADER, new InstrumentProbe(row.model()).errorsAfter(row.header()), row.header())));
        }
        String extraNode = row.anyForm(row.headerWithExtraNode());
        String unknownLastNode = row.anyForm(row.headerWithUnknownLastNode());
        String check = "'" + extraNode + "' and '" + unknownLastNode + "' are undefined (-113)";
        tests.add(dynamicTest(row.name(check), () -> {
            InstrumentProbe probe = new InstrumentProbe(row.model());
            assertEquals(UNDEFINED_HEADER, probe.errorsAfter(extraNode), extraNode);
            assertEquals(UNDEFINED_HEADER, probe.errorsAfter(unknownLastNode), unknownLastNode);
        }));
        if (row.type().equals(ModelParameter.NONE) && row.command().hasCommandForm()) {
            tests.add(dynamicTest(row.name("takes no parameter (-108)"), () ->
                    assertEquals(List.of(ScpiError.PARAMETER_NOT_ALLOWED),
                            new InstrumentProbe(row.model()).errorsAfter(row.set("1")), row.set("1"))));
        }
        return tests;
    }
}
