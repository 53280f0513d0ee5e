package org.spinnoise.instrument;

/**
 * The checks every source-measure driver makes on a resistance reading before a bit is made of it: the reply must be
 * a number, not the overflow or not-a-number value (9.9E37 and up: nothing was measured), positive, and above the
 * compliance resistance (bias over current limit), where the reading only says the current limit was hit. Each
 * driver passes its own wording where its messages differ (the command as it names it, its manual's cause of an
 * overflow, its leads); the messages name the instrument, the command and what to do.
 */
public final class ResistanceReading {
    /** Magnitudes at or above this are the overflow (9.9E37) or NaN (9.91E37) value: nothing was measured. */
    public static final double OVERFLOW = 9.9e37;

    private ResistanceReading() {
    }

    /** The reply as a number, else "{label}: {where} answered '{reply}', {notANumber}; see the wire transcript". */
    public static double parse(String label, String where, String reply, String notANumber)
            throws InstrumentException {
        try {
            return Double.parseDouble(reply.trim());
        } catch (NumberFormatException e) {
            throw new InstrumentException(label + ": " + where + " answered '" + reply + "', " + notANumber
                    + "; see the wire transcript", e);
        }
    }

    /**
     * Refuses an overflow ("{where} overflowed ({reply}); {overflowCause}: check the wiring"), a reading that is not
     * positive and one at the current limit; returns {@code ohms} when it is a junction's resistance.
     */
    public static double check(String label, String where, double ohms, String reply, ReadBias bias,
            String overflowCause, String leads) throws InstrumentException {
        if (isNoReading(ohms)) {
            throw new InstrumentException(label + ": " + where + " overflowed (" + reply + "); " + overflowCause
                    + ": check the wiring");
        }
        refuseNotPositive(label, where, ohms, reply, leads);
        refuseAtCurrentLimit(label, "reading " + ohms + " ohm is", ohms, bias);
        return ohms;
    }

    /** True for the overflow or not-a-number value: nothing was measured. */
    public static boolean isNoReading(double ohms) {
        return Math.abs(ohms) >= OVERFLOW || Double.isNaN(ohms);
    }

    /** Refuses zero or a negative reading: a zero bias or leads the wrong way round. */
    public static void refuseNotPositive(String label, String where, double ohms, String reply, String leads)
            throws InstrumentException {
        if (ohms <= 0) {
            throw new InstrumentException(label + ": " + where + " gave " + reply + " ohm, not a resistance; check the"
                    + " bias is not zero and the " + leads + " are the right way round");
        }
    }

    /**
     * Refuses a reading at (within 0.1 % of) the compliance resistance, bias volts over current limit amps: the
     * current limit was hit, so the junction may be shorted. {@code subject} starts the message after the label.
     */
    public static void refuseAtCurrentLimit(String label, String subject, double ohms, ReadBias bias)
            throws InstrumentException {
        double complianceOhms = Math.abs(bias.biasVolts()) / bias.currentLimitAmps();
        if (ohms <= complianceOhms * 1.001) {
            throw new InstrumentException(label + ": " + subject + " at the current limit of "
                    + bias.currentLimitAmps() + " A (the junction may be shorted); lower the bias or check the device");
        }
    }
}
