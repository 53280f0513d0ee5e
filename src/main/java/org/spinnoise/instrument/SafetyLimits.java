package org.spinnoise.instrument;

import org.spinnoise.scpi.Setting;

/**
 * The hard limits a user sets for the device under test: the most voltage any instrument may put across the junction
 * and the most current the SMU may let through. Thin tunnel barriers break down near 1 V, so these protect the
 * device. Drivers attach {@link #junctionVolts()} and {@link #current()} to every setting that can raise voltage or
 * current; the SCPI session checks them before anything is sent, so no call path exceeds them.
 */
public record SafetyLimits(double maxJunctionVolts, double maxCurrentAmps) {
    /**
     * The highest voltage limit that is plausible for a magnetic tunnel junction: 5 V. MgO barriers about a nanometre
     * thick break down near 1 to 2 V, so a limit above 5 V protects no junction and is almost surely a slip (1000 for
     * 1.0, millivolts for volts). Users and recipes are refused above it; code that builds limits (tests, simulated
     * benches) is not.
     */
    public static final double PLAUSIBLE_MAX_JUNCTION_VOLTS = 5.0;
    /**
     * The highest current limit that is plausible: 0.1 A. A nanopillar of kilo-ohms at a volt carries about a
     * milliampere, a low-resistance one tens of milliamperes; 0.1 A melts any of them, so a larger limit is a slip.
     */
    public static final double PLAUSIBLE_MAX_CURRENT_AMPS = 0.1;


    public SafetyLimits {
        if (!(maxJunctionVolts > 0) || !(maxCurrentAmps > 0)) {
            throw new IllegalArgumentException("safety limits must be positive: " + maxJunctionVolts + " V, "
                    + maxCurrentAmps + " A");
        }
    }

    /**
     * Why these limits are not plausible for a junction (see {@link #PLAUSIBLE_MAX_JUNCTION_VOLTS}), naming the
     * recipe field and option, or null when they are.
     */
    public String plausibilityProblem() {
        if (!(maxJunctionVolts <= PLAUSIBLE_MAX_JUNCTION_VOLTS)) {
            return "field limits.maxJunctionVolts (or --max-volts): " + maxJunctionVolts + " V is beyond any "
                    + "tunnel junction's breakdown; give at most " + PLAUSIBLE_MAX_JUNCTION_VOLTS + " V, in volts "
                    + "(e.g. 1.5)";
        }
        if (!(maxCurrentAmps <= PLAUSIBLE_MAX_CURRENT_AMPS)) {
            return "field limits.maxCurrentAmps (or --max-amps): " + maxCurrentAmps + " A would destroy any "
                    + "junction; give at most " + PLAUSIBLE_MAX_CURRENT_AMPS + " A, in amperes (e.g. 0.001)";
        }
        return null;
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
