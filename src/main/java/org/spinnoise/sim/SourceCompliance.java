package org.spinnoise.sim;

import java.util.function.DoubleFunction;

/**
 * What the simulated source-measure units share about a source on a junction: limits are magnitudes (one value
 * bounds both polarities), a voltage source whose current would exceed its limit holds the limit current instead,
 * a reading's integration lasts NPLC power-line cycles of the bench's mains, and a reading is printed as the
 * measured current, the measured voltage or their quotient (the overflow reply when no current flows).
 */
final class SourceCompliance {
    private SourceCompliance() {
    }

    /** {@code value} held to the magnitude of {@code limit}, keeping its sign. */
    static double clamp(double value, double limit) {
        double magnitude = Math.abs(limit);
        return Math.abs(value) > magnitude ? Math.copySign(magnitude, value) : value;
    }

    /** The voltage a current-limited voltage source puts across {@code ohms}: the limit current times ohms. */
    static double currentLimitedVolts(double sourceVolts, double currentLimitAmps, double ohms) {
        return clamp(sourceVolts / ohms, currentLimitAmps) * ohms;
    }

    /** True when the source voltage would drive more than the limit current through {@code ohms}. */
    static boolean exceedsCurrentLimit(double sourceVolts, double currentLimitAmps, double ohms) {
        return Math.abs(sourceVolts / ohms) > Math.abs(currentLimitAmps);
    }

    /** One integration of {@code nplc} power-line cycles at the bench's mains frequency. */
    static double integrationSeconds(double nplc, BenchTiming timing) {
        return nplc / timing.lineFrequencyHz();
    }

    /** The reply of one reading of {@code function} (CURR, VOLT, or resistance otherwise), formatted by the model. */
    static String reply(String function, double volts, double amps, String overflowReply,
            DoubleFunction<String> format) {
        return switch (function) {
            case "CURR" -> format.apply(amps);
            case "VOLT" -> format.apply(volts);
            default -> amps == 0 ? overflowReply : format.apply(volts / amps);
        };
    }
}
