package org.spinnoise.sim;

/**
 * The level arithmetic and level rules the simulated pulse generators share. Levels are shown for the expected-load
 * setting; a high-impedance junction sees the open-circuit voltage, (R + source impedance) / R times the shown level.
 * A normal pulse rests at LOW and rises to HIGH; an inverted one mirrors that (rests at HIGH, goes to LOW).
 */
final class PulseLevels {
    /** The command tables' state names of a pulse channel's width, period and levels. */
    static final String WIDTH = "pulseWidthSeconds";
    static final String PERIOD = "pulsePeriodSeconds";
    static final String HIGH = "highLevelVolts";
    static final String LOW = "lowLevelVolts";

    private PulseLevels() {
    }

    /** Open-circuit voltage over shown voltage for an expected load of {@code loadOhms} (1 for infinity). */
    static double openCircuitFactor(double loadOhms, double outputImpedanceOhms) {
        return Double.isInfinite(loadOhms) ? 1.0 : (loadOhms + outputImpedanceOhms) / loadOhms;
    }

    /** The level the pulse goes to: HIGH, or LOW when inverted. */
    static double pulseVolts(boolean inverted, double highVolts, double lowVolts) {
        return inverted ? lowVolts : highVolts;
    }

    /** The level the pulse rests at between triggers: LOW, or HIGH when inverted. */
    static double baseVolts(boolean inverted, double highVolts, double lowVolts) {
        return inverted ? highVolts : lowVolts;
    }

    /** The larger of the two levels, the worst case for the junction when the output runs free. */
    static double largerVolts(double highVolts, double lowVolts) {
        return Math.abs(highVolts) >= Math.abs(lowVolts) ? highVolts : lowVolts;
    }

    /**
     * Refuses a setting that would break the model's rules between settings: a width that does not fit its period
     * (the error of the model's {@code widthRule}), or HIGH at or below LOW (its "levelOrder" rule). The states are
     * {@link #WIDTH}, {@link #PERIOD}, {@link #HIGH} and {@link #LOW}; any other passes.
     */
    static void refuseBrokenRule(InstrumentModel model, SettingStore settings, String widthRule, String state,
            int ch, Object value) throws ScpiError {
        switch (state) {
            case WIDTH -> requireWidthBelowPeriod(model, widthRule, (Double) value, settings.number(PERIOD, ch));
            case PERIOD -> requireWidthBelowPeriod(model, widthRule, settings.number(WIDTH, ch), (Double) value);
            case HIGH -> requireHighAboveLow(model, (Double) value, settings.number(LOW, ch));
            case LOW -> requireHighAboveLow(model, settings.number(HIGH, ch), (Double) value);
            default -> {
            }
        }
    }

    private static void requireWidthBelowPeriod(InstrumentModel model, String rule, double widthSeconds,
            double periodSeconds) throws ScpiError {
        if (widthSeconds >= periodSeconds) {
            throw new ScpiError(model.rule(rule).error(), "width " + widthSeconds + " s does not fit period "
                    + periodSeconds + " s");
        }
    }

    private static void requireHighAboveLow(InstrumentModel model, double highVolts, double lowVolts)
            throws ScpiError {
        if (highVolts <= lowVolts) {
            throw new ScpiError(model.rule("levelOrder").error(), "high " + highVolts + " V not above low "
                    + lowVolts + " V");
        }
    }
}
