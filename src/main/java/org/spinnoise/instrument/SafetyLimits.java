package org.spinnoise.instrument;

import org.spinnoise.scpi.Setting;

/**
 * The hard limits a user sets for the device under test: the most voltage any instrument may put across the junction
 * and the most current the SMU may let through. Thin tunnel barriers break down near 1 V, so these protect the
 * device. Drivers attach {@link #junctionVolts()} and {@link #current()} to every setting that can raise voltage or
 * current; the SCPI session checks them before anything is sent, so no call path exceeds them.
 */
public record SafetyLimits(double maxJunctionVolts, double maxCurrentAmps) {

    public SafetyLimits {
        if (!(maxJunctionVolts > 0) || !(maxCurrentAmps > 0)) {
            throw new IllegalArgumentException("safety limits must be positive: " + maxJunctionVolts + " V, "
                    + maxCurrentAmps + " A");
        }
    }

    /** The constraint on any voltage that reaches the junction. */
    public Setting.Constraint<Double> junctionVolts() {
        return v -> Math.abs(v) > maxJunctionVolts
                ? "exceeds the safety limit of " + maxJunctionVolts + " V across the junction (--max-volts, or limits.maxJunctionVolts in the recipe)"
                : null;
    }

    /** The constraint on any current limit the SMU is given. */
    public Setting.Constraint<Double> current() {
        return a -> Math.abs(a) > maxCurrentAmps
                ? "exceeds the safety limit of " + maxCurrentAmps + " A through the junction (--max-amps, or limits.maxCurrentAmps in the recipe)"
                : null;
    }

    /**
     * Refuses a read bias whose current limit or voltage exceeds these limits, before anything is sent: a refused
     * bias never leaves a new current limit or a half-made configuration behind. {@code label} names the SMU.
     */
    public void refuseUnsafe(String label, ReadBias bias) throws InstrumentException {
        String unsafe = current().problemWith(bias.currentLimitAmps());
        if (unsafe == null) {
            unsafe = junctionVolts().problemWith(bias.biasVolts());
        }
        if (unsafe != null) {
            throw new InstrumentException(label + ": read bias " + bias.biasVolts() + " V with limit "
                    + bias.currentLimitAmps() + " A not configured: it " + unsafe);
        }
    }
}
