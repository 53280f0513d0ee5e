package org.spinnoise.calibration;

import java.io.IOException;

/** Where a {@link DriftTracker} puts each estimate: a run folder's {@code tracking.csv}, a benchmark's tally. */
@FunctionalInterface
public interface TrackingSink {
    void accept(TrackingRow row) throws IOException;

    /** A sink that keeps nothing. */
    static TrackingSink none() {
        return row -> {
        };
    }
}
