package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TSP model's command table as names: each row's attribute or function name ({@code smuX.source.levelv},
 * {@code digio.trigger[N].assert}) becomes a pattern over concrete names ({@code smua.source.levelv},
 * {@code digio.trigger[3].assert}), with {@code smuX} a channel letter the model has and {@code N} a digital I/O line;
 * and each choice row's constants ({@code smuX.OUTPUT_ON=1}) are known by their concrete names.
 */
final class TspTable {
    static final int DIGIO_LINES = 14;

    /** A row reached by a concrete name, on a channel (1 = smua, 2 = smub) or line, or 0 when it has neither. */
    record Hit(ModelCommand row, int index) {
    }

    private record Entry(ModelCommand row, Pattern name) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, Double> constants = new HashMap<>();
    private final String channelLetters;

    TspTable(InstrumentModel model) {
        channelLetters = model.channels() >= 2 ? "ab" : "a";
        for (ModelCommand row : model.commands()) {
            String header = row.header();
            int paren = header.indexOf('(');
            String name = paren < 0 ? header : header.substring(0, paren);
            entries.add(new Entry(row, Pattern.compile(pattern(name))));
            for (String choice : row.parameter().choices()) {
                String[] nameAndNumber = choice.split("=");
                for (char letter : channelLetters.toCharArray()) {
                    constants.put(nameAndNumber[0].replace("smuX", "smu" + letter),
                            Double.parseDouble(nameAndNumber[1]));
                }
            }
        }
    }

    private String pattern(String name) {
        return Pattern.quote(name).replace("smuX", "\\E(smu[" + channelLetters + "])\\Q")
                .replace("[N]", "\\E\\[(\\d+)\\]\\Q");
    }

    /** The row a concrete name reaches, or null when no row of the table has it. */
    Hit find(String concreteName) {
        for (Entry entry : entries) {
            Matcher m = entry.name().matcher(concreteName);
            if (m.matches()) {
                int index = 0;
                if (m.groupCount() > 0) {
                    String group = m.group(1);
                    index = group.startsWith("smu") ? group.charAt(3) - 'a' + 1 : Integer.parseInt(group);
                    if (!group.startsWith("smu") && (index < 1 || index > DIGIO_LINES)) {
                        return null;
                    }
                }
                return new Hit(entry.row(), index);
            }
        }
        return null;
    }

    /** The number a constant stands for ({@code smua.OUTPUT_ON} → 1), if the table lists it. */
    OptionalDouble constant(String name) {
        Double value = constants.get(name);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    /** The constant's name in a row's choices for a number, as the row writes it (smuX kept). */
    static boolean choiceHasNumber(ModelParameter parameter, double number) {
        return parameter.choices().stream().anyMatch(c -> Double.parseDouble(c.split("=")[1]) == number);
    }
}
