package org.spinnoise.instrument;

/**
 * Which edge of a trigger pulse on a cable counts: {@link #RISING} (low to high) or {@link #FALLING} (high to low).
 * An SMU that paces a batch says which edge leads the pulses it sends ({@link PacedReads#leadingEdge()}), and the pulse
 * generator is set to trigger on that same edge, so it fires at the start of the SMU's pulse and not one pulse width
 * later at its trailing edge (a width several manuals leave unstated).
 */
public enum TriggerEdge {
    RISING,
    FALLING
}
