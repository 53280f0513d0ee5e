package org.spinnoise.instrument;

import org.spinnoise.scpi.ScpiException;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * The setting sequences that pulse-generator drivers share on one channel, each ordered so the instrument never
 * holds an invalid pair on the way: the width goes in before or after the period so that it always fits inside it,
 * the levels go in so that HIGH stays above LOW and the pulse rests at 0 V, and the safe state is output off, then
 * HIGH to a small positive level and LOW to 0 V. The settings passed in are already bound to the channel.
 */
public final class PulseChannelSteps {
    private PulseChannelSteps() {
    }

    /** Sets width and period so that the width fits the period at every step; returns the width the unit holds. */
    public static double setWidthWithinPeriod(ScpiSession session, Setting<Double> width, Setting<Double> period,
            double widthSeconds, double periodSeconds) throws ScpiException {
        double actualWidth;
        if (widthSeconds < session.get(period)) {
            actualWidth = session.set(width, widthSeconds);
            session.set(period, periodSeconds);
        } else {
            session.set(period, periodSeconds);
            actualWidth = session.set(width, widthSeconds);
        }
        return actualWidth;
    }

    /**
     * Sets the levels of a pulse that rests at 0 V: a positive one (normal polarity) LOW 0 to HIGH +V, a negative one
     * (inverted) HIGH 0 to LOW -V. HIGH stays above LOW at every step, whatever the channel held before.
     */
    public static void setLevelsRestingAtZero(ScpiSession session, Setting<Double> high, Setting<Double> low,
            double amplitudeVolts) throws ScpiException {
        double levelVolts = Math.abs(amplitudeVolts);
        if (amplitudeVolts > 0) {
            session.set(high, levelVolts);
            session.set(low, 0.0);
        } else {
            session.set(low, -levelVolts);
            session.set(high, 0.0);
        }
    }

    /**
     * Output off, then HIGH to {@code safeHighVolts} and LOW to 0 V (HIGH first: every state the drivers leave has
     * LOW at or below 0 V), each step attempted whatever became of the other; says what was done.
     */
    public static String safeOff(ScpiSession session, Setting<Boolean> output, Setting<Double> high,
            Setting<Double> low, double safeHighVolts) throws InstrumentException {
        return new SafeSteps()
                .step("off", () -> session.set(output, false))
                .step("high " + safeHighVolts + " V, low 0 V", () -> {
                    session.set(high, safeHighVolts);
                    session.set(low, 0.0);
                })
                .finish();
    }
}
