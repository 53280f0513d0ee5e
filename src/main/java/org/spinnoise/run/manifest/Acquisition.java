package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.bits.SourceProvenance;

/**
 * What the acquisition made: the source and its provenance, the files, how bits were confirmed, the counts (bits and
 * ones over the whole run, resumes included), time and round trips, bits discarded unconfirmed, source events, and
 * whether the continuous health tests passed. Ratios are written once the acquisition has ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Acquisition(String source, SourceProvenance sourceProvenance, String bitsFile, String readsFile,
                          String eventsFile, String bitsConfirmedBy, long requestedBits, long bits, long ones,
                          double seconds, Long roundTrips, long discardedUnconfirmedBits, long sourceEvents,
                          boolean healthPassed, Double bias, Double bitsPerSecond, Double roundTripsPerBit) {

    /** A new acquisition of {@code requestedBits}, nothing counted yet. */
    public static Acquisition starting(String source, SourceProvenance provenance, String bitsFile, String readsFile,
                                       String eventsFile, String bitsConfirmedBy, long requestedBits) {
        return new Acquisition(source, provenance, bitsFile, readsFile, eventsFile, bitsConfirmedBy, requestedBits, 0,
                0, 0, null, 0, 0, true, null, null, null);
    }

    /** Ones fraction minus one half. */
    public double biasNow() {
        return bits == 0 ? Double.NaN : (double) ones / bits - 0.5;
    }

    /** New counts; the ratios are cleared until {@link #withRatios()} computes them for a finished acquisition. */
    public Acquisition withCounts(long newBits, long newOnes, double newSeconds, Long newRoundTrips,
                                  long newDiscarded, long newEvents, boolean newHealthPassed) {
        return new Acquisition(source, sourceProvenance, bitsFile, readsFile, eventsFile, bitsConfirmedBy,
                requestedBits, newBits, newOnes, newSeconds, newRoundTrips, newDiscarded, newEvents,
                newHealthPassed, null, null, null);
    }

    /** The ratios of a finished acquisition. */
    public Acquisition withRatios() {
        return new Acquisition(source, sourceProvenance, bitsFile, readsFile, eventsFile, bitsConfirmedBy,
                requestedBits, bits, ones, seconds, roundTrips, discardedUnconfirmedBits, sourceEvents, healthPassed,
                biasNow(), bits / seconds, roundTrips == null || bits == 0 ? null : (double) roundTrips / bits);
    }
}
