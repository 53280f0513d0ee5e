package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.function.Function;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.run.ArrayAcquisition;
import org.spinnoise.run.ArrayRunSummary;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * The summary of a junction-array run, bench or board alike: one line per junction (its calibration as the caller
 * words it, its bits, bias, own health failures and why it left), then the run's bits, rate and health tests.
 */
final class ArrayRunLines {
    private ArrayRunLines() {
    }

    static void print(PrintWriter out, ArrayRunSummary s, Function<JunctionArray.Junction, String> calibration) {
        out.println();
        for (JunctionArray.Junction j : s.junctions()) {
            out.printf("junction %d     %-14s %s; %,d bits, bias %s, own health failures %d%s%n", j.junction(),
                    j.status(), calibration.apply(j), j.bits(),
                    j.bias() == null ? "-" : String.format("%+.4f", j.bias()), j.healthFailures(),
                    j.reason() == null ? "" : "; " + j.reason());
        }
        out.printf("junctions      %d of %d kept to the end%n", s.junctionsKept(), s.junctions().size());
        out.printf("bits           %,d, ones %.4f (bias %+.4f)%n", s.bits(), (double) s.ones() / s.bits(), s.bias());
        out.printf("rate           %,.0f bits/s%n", s.bitsPerSecond());
        for (HealthTestReport r : s.health()) {
            out.printf("health         %s: cutoff %d, worst %d, failures %d%n", r.test(), r.cutoff(),
                    r.worstObserved(), r.failures());
        }
        out.printf("health tests   %s%n", s.healthPassed() ? "passed" : "FAILED (see manifest.json)");
        out.printf("run folder     %s (per junction: %s)%n", s.folder(), ArrayAcquisition.JUNCTIONS_FILE);
        out.flush();
    }
}
