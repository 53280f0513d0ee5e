package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The precessional (toggle) switching of a simulated VCMA junction, as the optional {@code "precession"} object of a
 * junction in a bench file: the in-plane bias field the magnetisation precesses around while a pulse holds its
 * perpendicular anisotropy down, the gyromagnetic ratio that turns that field into a precession frequency
 * ({@code f = gyromagneticHzPerTesla · biasFieldTesla}; absent or 0 means 2.8e10 Hz/T, the free-electron value
 * γ/2π ≈ 28 GHz/T), the dephasing time that damps the oscillation of the toggle probability with pulse width toward
 * one half, and the amplitude dependence: pulses below {@code criticalVolts} do not lower the anisotropy enough to
 * start the precession, with a logistic transition {@code criticalWidthVolts} wide. See {@link PrecessionalToggle}
 * for the law and its sources. The compact constructor refuses values that make no physical sense, so a bad bench
 * file fails when it is read.
 */
public record PrecessionSpec(
        @JsonProperty(value = "biasFieldTesla", required = true) double biasFieldTesla,
        @JsonProperty("gyromagneticHzPerTesla") double gyromagneticHzPerTesla,
        @JsonProperty(value = "dephasingSeconds", required = true) double dephasingSeconds,
        @JsonProperty(value = "criticalVolts", required = true) double criticalVolts,
        @JsonProperty(value = "criticalWidthVolts", required = true) double criticalWidthVolts) {

    /** γ/2π of a free electron, the default gyromagnetic ratio, Hz per tesla. */
    public static final double FREE_ELECTRON_HZ_PER_TESLA = 2.8e10;

    public PrecessionSpec {
        gyromagneticHzPerTesla = gyromagneticHzPerTesla == 0 ? FREE_ELECTRON_HZ_PER_TESLA : gyromagneticHzPerTesla;
        requirePositive("biasFieldTesla", biasFieldTesla, "a toggle needs an in-plane bias field to precess around");
        requirePositive("gyromagneticHzPerTesla", gyromagneticHzPerTesla, "about 2.8e10 for most ferromagnets");
        requirePositive("dephasingSeconds", dephasingSeconds, "the time over which the toggle probability's "
                + "oscillation with pulse width dies out");
        requirePositive("criticalVolts", criticalVolts, "the amplitude at which half the anisotropy-lowering "
                + "pulses start a precession");
        requirePositive("criticalWidthVolts", criticalWidthVolts, "the width of the amplitude transition");
    }

    /** Precession frequency around the bias field, hertz. */
    public double frequencyHz() {
        return gyromagneticHzPerTesla * biasFieldTesla;
    }

    /** Precession period, seconds. */
    public double periodSeconds() {
        return 1 / frequencyHz();
    }

    /** The first maximum of the toggle probability with width (dp/dw = 0), just short of half a period, seconds. */
    public double firstFlatTopSeconds() {
        double omega = 2 * Math.PI * frequencyHz();
        return (Math.PI - Math.atan(1 / (omega * dephasingSeconds))) / omega;
    }

    /** The most a pulse at the first flat top toggles, however strong: the damped cosine's peak there. */
    public double peakFactorAtFirstFlatTop() {
        return PrecessionalToggle.endsReversed(this, firstFlatTopSeconds());
    }

    /** The amplitude across the junction that toggles half the pulses at the first flat top (no drift), volts. */
    public double halfVoltsAtFirstFlatTop() {
        return criticalVolts + criticalWidthVolts * Math.log(1 / (2 * peakFactorAtFirstFlatTop() - 1));
    }

    /** ΔV of the logistic with the toggle curve's slope at that point, 1/(4 dp/dV) = kΔVc/(2k − 1), volts. */
    public double equivalentDeltaVoltsAtFirstFlatTop() {
        double k = peakFactorAtFirstFlatTop();
        return k * criticalWidthVolts / (2 * k - 1);
    }

    private static void requirePositive(String field, double value, String meaning) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("junction field 'precession." + field + "' must be a positive number ("
                    + meaning + "), was " + value);
        }
    }
}
