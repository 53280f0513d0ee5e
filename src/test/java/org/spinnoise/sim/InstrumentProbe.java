package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One freshly reset simulated instrument of a model, driven line by line as a client would drive it, with its error
 * queue read back through {@code SYSTem:ERRor?} and its settings read where the simulator keeps them (so a setting
 * can be checked even when a reply would not show it). Built for the table-strictness tests; no sockets.
 */
final class InstrumentProbe {
    private static final int MAX_QUEUE_READS = 64;

    private final InstrumentModel model;
    private final ScpiInstrument instrument;

    InstrumentProbe(InstrumentModel model) {
        this.model = model;
        this.instrument = ModelTables.instrument(model);
    }

    InstrumentModel model() {
        return model;
    }

    /** Sends one program message; the reply, or null when it held no query. */
    String send(String line) {
        return instrument.handle(line);
    }

    /** Sends one message and returns the errors it queued, oldest first, leaving the queue empty. */
    List<Integer> errorsAfter(String line) {
        send(line);
        return errors();
    }

    /** Reads the error queue until it reports no error; the codes read, oldest first. */
    List<Integer> errors() {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i < MAX_QUEUE_READS; i++) {
            String entry = send("SYST:ERR?");
            int code = Integer.parseInt(entry.substring(0, entry.indexOf(',')).trim());
            if (code == 0) {
                return codes;
            }
            codes.add(code);
        }
        throw new AssertionError(model.name() + ": the error queue never emptied; read " + codes);
    }

    /** The value the simulator holds for a setting on channel 1 (Double, Boolean, canonical text, or null). */
    Object stored(String state) {
        return instrument.settings.get(state, 1);
    }

    /** Every setting of the model's table as held on channel 1, by state name (values may be null). */
    Map<String, Object> settingsSnapshot() {
        Map<String, Object> snapshot = new LinkedHashMap<>();
        for (TableRow row : TableRow.of(model)) {
            if (row.isSetting()) {
                snapshot.put(row.state(), stored(row.state()));
            }
        }
        return snapshot;
    }

    double storedNumber(String state) {
        return instrument.settings.number(state, 1);
    }

    /** A number in program-message form; Java's shortest decimal is also valid SCPI decimal data. */
    static String scpi(double value) {
        return Double.toString(value);
    }

    /**
     * How far a number reply may lie from the value held: half the row's resolution, or the last digit the model's
     * reply format prints (e.g. 7 significant digits for {@code %.6E}), whichever is larger.
     */
    double replyTolerance(double value, double resolution) {
        String printed = model.formatNumber(1.0);
        int point = printed.indexOf('.');
        int exponent = printed.toUpperCase(Locale.ROOT).indexOf('E');
        int digits = point < 0 || exponent < point ? 0 : exponent - point - 1;
        return Math.max(resolution / 2, Math.abs(value) * Math.pow(10, -digits)) + 1e-300;
    }
}
