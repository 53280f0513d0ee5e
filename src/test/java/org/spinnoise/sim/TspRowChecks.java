package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.DynamicTest;

/**
 * Strictness checks of one row of a TSP model's table (the 2600B's), the TSP counterpart of the SCPI row checks: it
 * cites the manual; a name next to it that no row has is a TSP syntax error (-285); a setting reads back its reset
 * value with print(), accepts its bounds and every constant, and refuses values beyond its range (1102 below, 1101
 * above). The error queue is read through print(errorqueue.next()).
 */
final class TspRowChecks {
    private TspRowChecks() {
    }

    static boolean isTsp(InstrumentModel model) {
        return model.kind().equals("keithley-2600b");
    }

    static List<DynamicTest> of(TableRow row) {
        List<DynamicTest> tests = new ArrayList<>();
        ModelCommand command = row.command();
        String name = concrete(command.header());
        tests.add(dynamicTest(row.name("cites the manual"), () ->
                assertFalse(command.cite() == null || command.cite().isBlank(), row + " has no cite")));
        if (!name.startsWith("*") && !name.contains("NAME") && !name.startsWith("printbuffer")) {
            tests.add(dynamicTest(row.name("a neighbouring name is a syntax error (-285)"), () -> assertEquals(
                    List.of(-285), errorsAfter(row.model(), "print(" + name + "_bogus)"), name)));
        }
        ModelParameter parameter = row.parameter();
        if (parameter.type().equals(ModelParameter.NONE)) {
            return tests;
        }
        tests.add(dynamicTest(row.name("reads back its reset value"), () -> {
            ScpiInstrument sim = ModelTables.instrument(row.model());
            double reset = parameter.type().equals(ModelParameter.NUMBER) ? parameter.reset().asDouble()
                    : number(parameter, parameter.reset().asText());
            assertEquals(tsp(reset), sim.handle("print(" + name + ")"), name);
        }));
        if (parameter.type().equals(ModelParameter.NUMBER)) {
            tests.add(dynamicTest(row.name("accepts its bounds, refuses beyond them (1102, 1101)"), () -> {
                InstrumentModel model = row.model();
                assertEquals(List.of(), errorsAfter(model, name + " = " + parameter.min()));
                assertEquals(List.of(), errorsAfter(model, name + " = " + parameter.max()));
                double below = parameter.min() - Math.max(1, Math.abs(parameter.min()));
                double above = parameter.max() + Math.max(1, Math.abs(parameter.max()));
                assertEquals(List.of(1102), errorsAfter(model, name + " = " + below));
                assertEquals(List.of(1101), errorsAfter(model, name + " = " + above));
            }));
        } else {
            tests.add(dynamicTest(row.name("accepts every constant and reads back its number"), () -> {
                ScpiInstrument sim = ModelTables.instrument(row.model());
                for (String choice : parameter.choices()) {
                    String constant = concrete(choice.split("=")[0]);
                    double value = Double.parseDouble(choice.split("=")[1]);
                    sim.handle(name + " = " + constant);
                    String expected = row.state().equals("output") && value == 2 ? tsp(0) : tsp(value);
                    assertEquals(expected, sim.handle("print(" + name + ")"), constant);
                }
                assertEquals(tsp(0), sim.handle("print(errorqueue.count)"));
                sim.handle(name + " = 99");
                assertEquals(tsp(1), sim.handle("print(errorqueue.count)"), name + " = 99 is no constant's number");
            }));
        }
        return tests;
    }

    private static List<Integer> errorsAfter(InstrumentModel model, String line) {
        ScpiInstrument sim = ModelTables.instrument(model);
        sim.handle(line);
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            String entry = sim.handle("print(errorqueue.next())");
            int code = (int) Double.parseDouble(entry.split("\t")[0]);
            if (code == 0) {
                return codes;
            }
            codes.add(code);
        }
        throw new AssertionError("the error queue never emptied");
    }

    private static String concrete(String header) {
        int paren = header.indexOf('(');
        String name = paren < 0 ? header : header.substring(0, paren);
        return name.replace("smuX", "smua").replace("[N]", "[1]");
    }

    private static double number(ModelParameter parameter, String constant) {
        return parameter.choices().stream().filter(c -> c.split("=")[0].equals(constant))
                .mapToDouble(c -> Double.parseDouble(c.split("=")[1])).findFirst().orElseThrow();
    }

    private static String tsp(double value) {
        return String.format(Locale.ROOT, "%.5e", value);
    }
}
