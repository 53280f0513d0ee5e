package org.spinnoise.run;

import org.spinnoise.calibration.ToggleMapPlan;

/**
 * The recipe's optional {@code "switching"} section: which switching scheme makes the bits. {@code "reset-write"} (the
 * default, and what a recipe without the section gets): reset to P, write at V50, read. {@code "toggle"}, for
 * junctions that switch by precession: no reset, one write pulse per bit at the width and amplitude the toggle
 * calibration finds on the width × amplitude map ({@code toggle}: the map and sweep settings, required then), and the
 * bit is whether the state changed between consecutive reads.
 */
public record SwitchingPlan(String mode, ToggleMapPlan toggle) {
    public static final String RESET_WRITE = "reset-write";
    public static final String TOGGLE = "toggle";
    /** What a recipe without a "switching" section gets. */
    public static final SwitchingPlan DEFAULT = new SwitchingPlan(RESET_WRITE, null);

    public SwitchingPlan {
        if (!RESET_WRITE.equals(mode) && !TOGGLE.equals(mode)) {
            throw new IllegalArgumentException("switching.mode must be \"reset-write\" or \"toggle\", got \"" + mode
                    + "\"");
        }
        if (TOGGLE.equals(mode) && toggle == null) {
            throw new IllegalArgumentException("switching.mode \"toggle\" needs a switching.toggle section (widths, "
                    + "amplitudes and pulses of the toggle map; see calibration/README.md)");
        }
    }

    /** True when bits are made by toggling (read, pulse, read) rather than reset and write. */
    public boolean toggling() {
        return TOGGLE.equals(mode);
    }
}
