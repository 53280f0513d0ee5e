package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Device physics of one simulated VCMA magnetic tunnel junction, as written in a bench file. Switching follows a
 * logistic curve in pulse amplitude centred on {@code v50Volts} at {@code referenceWidthSeconds}; shorter pulses need
 * {@code v50ShiftVoltsPerDecade} more per decade. Optional fields ({@code v50ShiftVoltsPerDecade},
 * {@code v50DriftVoltsPerHour}) default to 0; {@code breakdownVolts} (0: not modelled) is the voltage
 * above which the barrier breaks down and the junction stays shorted at {@code shortedResistanceOhms} (default
 * 20 Ω). The optional {@code precession} object (absent: none) makes positive pulses toggle the state by precessional
 * switching ({@link PrecessionSpec}, {@link PrecessionalToggle}) instead of switching P to AP by the logistic law;
 * negative pulses and held levels keep the laws above. The compact constructor rejects values that make no physical
 * sense, so a bad bench file fails when it is read, not in the middle of a run.
 */
public record JunctionSpec(
        @JsonProperty(value = "v50Volts", required = true) double v50Volts,
        @JsonProperty(value = "deltaVolts", required = true) double deltaVolts,
        @JsonProperty(value = "referenceWidthSeconds", required = true) double referenceWidthSeconds,
        @JsonProperty("v50ShiftVoltsPerDecade") double v50ShiftVoltsPerDecade,
        @JsonProperty(value = "resetV50Volts", required = true) double resetV50Volts,
        @JsonProperty(value = "resistanceParallelOhms", required = true) double resistanceParallelOhms,
        @JsonProperty(value = "resistanceAntiparallelOhms", required = true) double resistanceAntiparallelOhms,
        @JsonProperty(value = "readNoiseRelative", required = true) double readNoiseRelative,
        @JsonProperty("v50DriftVoltsPerHour") double v50DriftVoltsPerHour,
        @JsonProperty("breakdownVolts") double breakdownVolts,
        @JsonProperty("shortedResistanceOhms") double shortedResistanceOhms,
        @JsonProperty("precession") PrecessionSpec precession) {

    /** Resistance of a junction whose barrier broke down, when the bench file gives none: a short. */
    static final double DEFAULT_SHORTED_OHMS = 20;

    /** A junction without a modelled breakdown. */
    public JunctionSpec(double v50Volts, double deltaVolts, double referenceWidthSeconds, double v50ShiftVoltsPerDecade,
                        double resetV50Volts, double resistanceParallelOhms, double resistanceAntiparallelOhms,
                        double readNoiseRelative, double v50DriftVoltsPerHour) {
        this(v50Volts, deltaVolts, referenceWidthSeconds, v50ShiftVoltsPerDecade, resetV50Volts, resistanceParallelOhms,
                resistanceAntiparallelOhms, readNoiseRelative, v50DriftVoltsPerHour, 0, 0);
    }

    /** A junction that switches by the logistic law only (no precession). */
    public JunctionSpec(double v50Volts, double deltaVolts, double referenceWidthSeconds, double v50ShiftVoltsPerDecade,
                        double resetV50Volts, double resistanceParallelOhms, double resistanceAntiparallelOhms,
                        double readNoiseRelative, double v50DriftVoltsPerHour, double breakdownVolts,
                        double shortedResistanceOhms) {
        this(v50Volts, deltaVolts, referenceWidthSeconds, v50ShiftVoltsPerDecade, resetV50Volts, resistanceParallelOhms,
                resistanceAntiparallelOhms, readNoiseRelative, v50DriftVoltsPerHour, breakdownVolts,
                shortedResistanceOhms, null);
    }

    /** The same junction with precessional toggle switching ({@code null}: none). */
    public JunctionSpec withPrecession(PrecessionSpec newPrecession) {
        return new JunctionSpec(v50Volts, deltaVolts, referenceWidthSeconds, v50ShiftVoltsPerDecade, resetV50Volts,
                resistanceParallelOhms, resistanceAntiparallelOhms, readNoiseRelative, v50DriftVoltsPerHour,
                breakdownVolts, shortedResistanceOhms, newPrecession);
    }

    public JunctionSpec {
        if (!(breakdownVolts >= 0) || (breakdownVolts > 0 && breakdownVolts <= Math.max(v50Volts, resetV50Volts))) {
            throw new IllegalArgumentException("junction field 'breakdownVolts' must be 0 (not modelled) or above v50Volts"
                    + " and resetV50Volts, was " + breakdownVolts);
        }
        if (precession != null && breakdownVolts > 0 && breakdownVolts <= precession.criticalVolts()) {
            throw new IllegalArgumentException("junction field 'precession.criticalVolts' (" + precession.criticalVolts()
                    + ") must lie below breakdownVolts (" + breakdownVolts + "): the toggle would break the barrier");
        }
        shortedResistanceOhms = shortedResistanceOhms == 0 ? DEFAULT_SHORTED_OHMS : shortedResistanceOhms;
        requirePositive("shortedResistanceOhms", shortedResistanceOhms);
        requirePositive("v50Volts", v50Volts);
        requirePositive("deltaVolts", deltaVolts);
        requirePositive("referenceWidthSeconds", referenceWidthSeconds);
        requirePositive("resetV50Volts", resetV50Volts);
        requirePositive("resistanceParallelOhms", resistanceParallelOhms);
        requirePositive("resistanceAntiparallelOhms", resistanceAntiparallelOhms);
        if (!(readNoiseRelative >= 0)) {
            throw new IllegalArgumentException("junction field 'readNoiseRelative' must be >= 0, was " + readNoiseRelative);
        }
        if (resistanceAntiparallelOhms <= resistanceParallelOhms) {
            throw new IllegalArgumentException("junction needs resistanceAntiparallelOhms > resistanceParallelOhms, was "
                    + resistanceAntiparallelOhms + " <= " + resistanceParallelOhms);
        }
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("junction field '" + field + "' must be a positive number, was " + value);
        }
    }
}
