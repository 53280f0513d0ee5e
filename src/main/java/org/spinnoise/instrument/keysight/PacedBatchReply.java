package org.spinnoise.instrument.keysight;

import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.ResistanceReading;

/**
 * Reads B2900 resistance replies: ASCII numbers like {@code +1.234567E+03}, comma-separated for an array (Agilent
 * B2900 SCPI Command Reference B2910-90030 Ed. 2, "Data output format", p. 1-12), where +9.910000E+37 is NaN (no
 * data) and +/-9.900000E+37 are the infinities (same page). A reading that is not a finite positive resistance above
 * the compliance resistance is refused with the instrument and command named.
 */
final class PacedBatchReply {
    private final String label;
    private final String fetchCommand;

    PacedBatchReply(String label, String fetchCommand) {
        this.label = label;
        this.fetchCommand = fetchCommand;
    }

    /** Every reading of a batch reply, which must hold exactly {@code count} of them. */
    double[] parse(String reply, int count, ReadBias bias) throws InstrumentException {
        String text = reply.trim();
        String[] fields = text.isEmpty() ? new String[0] : text.split(",");
        if (fields.length != count) {
            throw new InstrumentException(label + ": '" + fetchCommand + "' returned " + fields.length
                    + " readings where " + count + " were armed (a missed trigger or an aborted run); "
                    + "none of this batch's bits can be trusted, run it again");
        }
        double[] ohms = new double[count];
        for (int i = 0; i < count; i++) {
            ohms[i] = ohms(fields[i].trim(), bias, fetchCommand + " reading " + (i + 1));
        }
        return ohms;
    }

    /** One reading in ohms, checked. */
    double ohms(String field, ReadBias bias, String what) throws InstrumentException {
        double ohms = ResistanceReading.parse(label, what, field, "not a number");
        if (ResistanceReading.isNoReading(ohms)) {
            throw new InstrumentException(label + ": " + what + " gave " + field
                    + " (no data: NaN or overflow); the output is off or the junction is open, check the wiring");
        }
        ResistanceReading.refuseNotPositive(label, what, ohms, field, "leads");
        ResistanceReading.refuseAtCurrentLimit(label, what + " gave " + ohms + " ohm,", ohms, bias);
        return ohms;
    }
}
