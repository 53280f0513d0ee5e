package org.spinnoise.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings of a TSP model, kept as the numbers TSP prints: one value per row and per channel ({@code smua},
 * {@code smub}) or digital I/O line, reset to the table's {@code reset} values; a value outside a number row's range
 * is refused with 1102 (too small, RMB 7-224) or 1101 (too large, assumed), a number no constant of a choice row has
 * with -286.
 */
final class TspSettings {
    private final InstrumentModel model;
    private final Map<String, Double> values = new HashMap<>();

    TspSettings(InstrumentModel model) {
        this.model = model;
    }

    void reset() {
        values.clear();
        for (ModelCommand row : model.commands()) {
            ModelParameter parameter = row.parameter();
            if (parameter.type().equals(ModelParameter.NONE)) {
                continue;
            }
            double reset = parameter.type().equals(ModelParameter.NUMBER) ? parameter.reset().asDouble()
                    : numberOf(parameter, parameter.reset().asText());
            int instances = row.header().startsWith("smuX") ? model.channels()
                    : row.header().contains("[N]") ? TspTable.DIGIO_LINES : 1;
            for (int i = 1; i <= instances; i++) {
                values.put(key(row.state(), instances == 1 && !row.header().startsWith("smuX") ? 0 : i), reset);
            }
        }
    }

    double get(TspTable.Hit hit) {
        return number(hit.row().state(), hit.index());
    }

    double number(String state, int index) {
        Double value = values.get(key(state, index));
        if (value == null) {
            throw new SimulationException("no setting " + state + " #" + index + " in model " + model.name());
        }
        return value;
    }

    void put(TspTable.Hit hit, double value) throws SimulatedKeithley2600.TspError {
        ModelParameter parameter = hit.row().parameter();
        if (parameter.type().equals(ModelParameter.NUMBER)) {
            if (value < parameter.min()) {
                throw new SimulatedKeithley2600.TspError(SimulatedKeithley2600.TOO_SMALL, hit.row().header());
            }
            if (value > parameter.max()) {
                throw new SimulatedKeithley2600.TspError(SimulatedKeithley2600.TOO_LARGE, hit.row().header());
            }
        } else if (parameter.type().equals(ModelParameter.CHOICE) && !TspTable.choiceHasNumber(parameter, value)) {
            throw new SimulatedKeithley2600.TspError(SimulatedKeithley2600.RUNTIME_ERROR, hit.row().header());
        } else if (parameter.type().equals(ModelParameter.NONE)) {
            throw new SimulatedKeithley2600.TspError(SimulatedKeithley2600.RUNTIME_ERROR, hit.row().header());
        }
        values.put(key(hit.row().state(), hit.index()), value);
    }

    private static double numberOf(ModelParameter parameter, String constant) {
        return parameter.choices().stream().filter(c -> c.split("=")[0].equals(constant))
                .map(c -> Double.parseDouble(c.split("=")[1])).findFirst()
                .orElseThrow(() -> new SimulationException("reset '" + constant + "' is not among " + parameter.choices()));
    }

    private static String key(String state, int index) {
        return state + "#" + index;
    }
}
