package org.spinnoise.sim;

/**
 * The pulse a trigger output puts on its cable for one trigger event: whether its leading edge rises (a high-going
 * pulse from a low idle level) or falls (a low-going pulse from a high idle level), and how long it lasts until its
 * trailing edge. A receiving input acts on the edge its slope setting selects, so a generator set to the opposite
 * slope of the SMU's pulse fires one pulse width late.
 */
record TriggerPulse(boolean leadingEdgeRises, double widthSeconds) {
    TriggerPulse {
        if (!(widthSeconds >= 0)) {
            throw new IllegalArgumentException("trigger pulse width must be >= 0 s, was " + widthSeconds);
        }
    }
}
