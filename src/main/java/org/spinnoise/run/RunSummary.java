package org.spinnoise.run;

import java.nio.file.Path;
import java.util.List;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.entropy.HealthTestReport;

/** The headline figures of a finished run, as the console prints them and the manifest records them. */
public record RunSummary(Path folder, double thresholdOhms, double marginSigmas, SigmoidFitResult fit,
                         double operatingAmplitudeVolts, long bits, long ones, double seconds,
                         long roundTrips, List<HealthTestReport> health) {

    /** Fraction of ones minus one half. */
    public double bias() {
        return (double) ones / bits - 0.5;
    }

    public double bitsPerSecond() {
        return bits / seconds;
    }

    public double roundTripsPerBit() {
        return (double) roundTrips / bits;
    }

    public boolean healthPassed() {
        return health.stream().allMatch(r -> r.failures() == 0);
    }
}
