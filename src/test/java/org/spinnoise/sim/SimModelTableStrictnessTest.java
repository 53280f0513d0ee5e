package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Strictness of every entry of every instrument model's command table (issue 14): for each model file in
 * {@code mock-instruments/models/} and each row of its resolved table, a freshly reset simulated instrument must serve
 * the row exactly as the table writes it: the range, words, switches and strings it accepts and refuses with the
 * manual's error, the forms it has and lacks, the headers around it that do not exist, and the *RST value it
 * documents. Every row and rule must cite the manual. No sockets: the instruments are driven in-process.
 */
class SimModelTableStrictnessTest {

    @Test
    void everySupportedModelHasAModelFile() {
        assertTrue(ModelTables.modelNames().containsAll(List.of("keysight-33622a", "keysight-33522b", "keithley-2450",
                "keithley-2460", "keithley-2461")), "model files found: " + ModelTables.modelNames());
    }

    @TestFactory
    Stream<DynamicNode> everyRowOfEveryModel() {
        return ModelTables.modelNames().stream().map(name -> {
            InstrumentModel model = ModelTables.load(name);
            List<DynamicNode> rows = new ArrayList<>();
            rows.add(dynamicTest("every rule cites the manual", () -> model.rules().forEach(rule -> assertFalse(
                    rule.cite() == null || rule.cite().isBlank(), name + ": rule " + rule.name() + " has no cite"))));
            for (TableRow row : TableRow.of(model)) {
                rows.add(dynamicContainer(row.command().header() + " (" + row.state() + ")",
                        TspRowChecks.isTsp(model) ? TspRowChecks.of(row) : checks(row)));
            }
            return dynamicContainer(name, rows);
        });
    }

    private static List<DynamicNode> checks(TableRow row) {
        List<DynamicNode> checks = new ArrayList<>(RowHeaderChecks.of(row));
        if (row.isSetting() && row.command().hasCommandForm()) {
            if (row.type().equals(ModelParameter.NUMBER)) {
                checks.addAll(NumberRowChecks.of(row));
            } else {
                checks.addAll(WordRowChecks.of(row));
            }
            checks.add(ResetChecks.of(row));
        }
        return checks;
    }
}
