package org.spinnoise.sim;

/**
 * What a simulated junction has been through so far: the largest voltage it saw (pulse peaks and held levels), the
 * pulses it received, the largest DC level held between pulses and the time spent at any non-zero level, how often
 * such a level switched it, and whether (and at what voltage) its barrier broke down.
 */
public record JunctionStress(double maxAbsVolts, long pulses, double largestHeldVolts, double secondsHeldNonZero,
                             long switchesWhileHeld, boolean brokenDown, double breakdownAtVolts) {
}
