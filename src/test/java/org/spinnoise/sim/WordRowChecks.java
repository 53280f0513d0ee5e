package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Checks of the rows whose parameter is a word: a choice refuses a word it does not list (-224) and takes each
 * listed one in its short and long form, answering the short form; a switch refuses {@code MAYBE} (-104) and takes
 * ON, OFF, 1 and 0; a string refuses an unlisted quoted string (-224) and takes each listed one, answering its
 * canonical short form in quotes. A refused parameter changes no setting.
 */
final class WordRowChecks {
    private WordRowChecks() {
    }

    static List<DynamicTest> of(TableRow row) {
        return switch (row.type()) {
            case ModelParameter.CHOICE -> choice(row);
            case ModelParameter.BOOLEAN -> bool(row);
            case ModelParameter.STRING -> string(row);
            default -> List.of();
        };
    }

    private static List<DynamicTest> choice(TableRow row) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(row.name("refuses BOGUS (-224)"),
                () -> refuses(row, "BOGUS", ScpiError.ILLEGAL_PARAMETER_VALUE)));
        List<Executable> accepted = new ArrayList<>();
        for (String choice : row.parameter().choices()) {
            for (String form : new LinkedHashSet<>(List.of(TableRow.shortForm(choice), TableRow.longForm(choice)))) {
                accepted.add(() -> accepts(row, form, TableRow.shortForm(choice)));
            }
        }
        tests.add(dynamicTest(row.name("accepts each of " + row.parameter().choices() + " in short and long form"),
                () -> assertAll(accepted)));
        return tests;
    }

    private static List<DynamicTest> bool(TableRow row) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(row.name("refuses MAYBE (-104)"),
                () -> refuses(row, "MAYBE", ScpiError.DATA_TYPE_ERROR)));
        tests.add(dynamicTest(row.name("accepts ON, OFF, 1 and 0"), () -> assertAll(
                () -> accepts(row, "ON", "1"), () -> accepts(row, "OFF", "0"),
                () -> accepts(row, "1", "1"), () -> accepts(row, "0", "0"))));
        return tests;
    }

    private static List<DynamicTest> string(TableRow row) {
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest(row.name("refuses \"BOGUS\" (-224)"),
                () -> refuses(row, "\"BOGUS\"", ScpiError.ILLEGAL_PARAMETER_VALUE)));
        List<Executable> accepted = new ArrayList<>();
        for (String choice : row.parameter().choices()) {
            HeaderPattern pattern = HeaderPattern.of(choice);
            String answer = "\"" + pattern.canonicalShortForm() + "\"";
            for (String form : new LinkedHashSet<>(List.of(pattern.exampleHeader(), pattern.canonicalShortForm()))) {
                accepted.add(() -> accepts(row, "\"" + form + "\"", answer));
            }
        }
        tests.add(dynamicTest(row.name("accepts each of " + row.parameter().choices() + " in long and short form"),
                () -> assertAll(accepted)));
        return tests;
    }

    private static void accepts(TableRow row, String parameter, String answer) {
        InstrumentProbe probe = new InstrumentProbe(row.model());
        String message = row.set(parameter);
        assertEquals(List.of(), probe.errorsAfter(message), row + ": errors after " + message);
        if (row.command().hasQueryForm()) {
            assertEquals(answer, probe.send(row.query()), row + ": " + row.query() + " after " + message);
        }
    }

    private static void refuses(TableRow row, String parameter, int code) {
        InstrumentProbe probe = new InstrumentProbe(row.model());
        Map<String, Object> before = probe.settingsSnapshot();
        String message = row.set(parameter);
        assertEquals(List.of(code), probe.errorsAfter(message), row + ": errors after " + message);
        assertEquals(before, probe.settingsSnapshot(), row + ": settings changed by the refused " + message);
    }
}
