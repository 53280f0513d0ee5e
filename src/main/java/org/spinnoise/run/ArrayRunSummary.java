package org.spinnoise.run;

import java.nio.file.Path;
import java.util.List;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * The headline figures of a finished junction-array run, as the console prints them: the run's bits, ones, time and
 * round trips, the health tests over the interleaved bits, and each junction's record (calibration, bits, its own
 * health tests, whether it was kept, dropped or left out, and why).
 */
public record ArrayRunSummary(Path folder, long bits, long ones, double seconds, long roundTrips,
                              List<HealthTestReport> health, List<JunctionArray.Junction> junctions) {

    static ArrayRunSummary of(RunFolder folder) {
        RunManifest m = folder.manifest();
        Acquisition a = m.acquisition();
        return new ArrayRunSummary(folder.dir(), a.bits(), a.ones(), a.seconds(),
                a.roundTrips() == null ? 0 : a.roundTrips(), m.healthTests(), m.array().junctions());
    }

    /** Fraction of ones minus one half. */
    public double bias() {
        return (double) ones / bits - 0.5;
    }

    public double bitsPerSecond() {
        return bits / seconds;
    }

    /** Whether the health tests over the bits the run kept passed (a dropped junction's failure kept none of its). */
    public boolean healthPassed() {
        return health.stream().allMatch(r -> r.failures() == 0);
    }

    /** Junctions that gave bits to the end of the run. */
    public long junctionsKept() {
        return junctions.stream().filter(j -> j.status().equals(JunctionArray.KEPT)).count();
    }
}
