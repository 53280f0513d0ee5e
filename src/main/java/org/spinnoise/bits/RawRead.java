package org.spinnoise.bits;

/**
 * One raw bit with its provenance: the write pulse that made it, the resistance read, the bit the threshold gave,
 * and when (nanoseconds since the acquisition started). Every stored bit traces back to one of these.
 */
public record RawRead(long index, long timeNanos, double writeAmplitudeVolts, double writeWidthSeconds,
                      double resistanceOhms, int bit) {
}
