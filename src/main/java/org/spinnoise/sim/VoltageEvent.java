package org.spinnoise.sim;

/**
 * One change of what a simulated junction sees: a new level held between pulses ({@code pulse == false}, width 0) or
 * a pulse of the given width, with the junction's total voltage, the output that caused it and when, in seconds since
 * the bench started.
 */
public record VoltageEvent(double seconds, String source, boolean pulse, double junctionVolts, double widthSeconds) {
}
