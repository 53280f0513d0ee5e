package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of a resolved model's command table, as the strictness tests address it: the model, the row, its place in
 * the table, and the concrete header a client would send for it ({@link HeaderPattern#exampleHeader()}, e.g.
 * {@code OUTPUT1:LOAD} for {@code OUTPut[1|2]:LOAD}).
 */
record TableRow(InstrumentModel model, ModelCommand command, int index) {

    /** Every row of the model's table, in table order. */
    static List<TableRow> of(InstrumentModel model) {
        List<TableRow> rows = new ArrayList<>();
        for (int i = 0; i < model.commands().size(); i++) {
            rows.add(new TableRow(model, model.commands().get(i), i));
        }
        return rows;
    }

    String header() {
        return HeaderPattern.of(command.header()).exampleHeader();
    }

    ModelParameter parameter() {
        return command.parameter();
    }

    String state() {
        return command.state();
    }

    String type() {
        return command.parameter().type();
    }

    /** A row the simulator keeps as a setting (not an event, a measurement or a status query). */
    boolean isSetting() {
        return !type().equals(ModelParameter.NONE) && !type().equals(ModelParameter.ARGUMENTS)
                && !state().startsWith("measure:");
    }

    String set(String parameterText) {
        return header() + " " + parameterText;
    }

    String query() {
        return header() + "?";
    }

    /** The row's header with a node no table defines appended, e.g. {@code OUTPUT1:LOAD:BOGUS}. */
    String headerWithExtraNode() {
        return header() + ":BOGUS";
    }

    /** The row's header with its last node replaced by one no table defines, e.g. {@code OUTPUT1:BOGUS}. */
    String headerWithUnknownLastNode() {
        String header = header();
        int colon = header.lastIndexOf(':');
        String prefix = colon < 0 ? (header.startsWith("*") ? "*" : "") : header.substring(0, colon + 1);
        return prefix + "BOGUS";
    }

    /** A message that reaches the row in a form it has: the query if it has no command form. */
    String anyForm(String header) {
        return command.hasCommandForm() ? header : header + "?";
    }

    /** The short form of a word as the manual prints it: capitals and digits ({@code SINusoid} → {@code SIN}). */
    static String shortForm(String word) {
        StringBuilder shortForm = new StringBuilder();
        for (char c : word.toCharArray()) {
            if (Character.isUpperCase(c) || Character.isDigit(c)) {
                shortForm.append(c);
            }
        }
        return shortForm.toString();
    }

    static String longForm(String word) {
        return word.toUpperCase(Locale.ROOT);
    }

    /** Name of a dynamic test: the model, the header as the manual prints it, and what is checked. */
    String name(String check) {
        return command.header() + " — " + check;
    }

    @Override
    public String toString() {
        return model.name() + " " + command.header();
    }
}
