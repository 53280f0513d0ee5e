package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.ArrayRunSummary;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;

/**
 * The console side of a bench acquisition by address ({@code acquire}, {@code demo}): runs it through
 * {@link AcquisitionLauncher} (one junction, an array, or the continuation of an interrupted run), prints its summary
 * (beside a simulated junction's true values when known), then its plots and pool ingest.
 */
final class BenchRunOutput {
    /**
     * Known true values of a simulated junction, printed beside the fit, and the simulated bench's verdict on the
     * run (problems such as a junction held off 0 V between pulses; none when it was treated right), taken before
     * the bits may enter the pool. Null on a real bench.
     */
    record Truth(double v50Volts, double deltaVolts, BenchVerdict verdict) {
    }

    /** What the simulated bench says about a finished run, given its folder. */
    @FunctionalInterface
    interface BenchVerdict {
        List<String> problems(Path runFolder) throws IOException;
    }

    private BenchRunOutput() {
    }

    /** One junction; with a {@code profile} (null: none), it is re-checked and used instead of the calibration. */
    static RunSummary launch(PrintWriter out, Progress progress, String pulseAddress, String smuAddress,
            AcquisitionPlan plan,
                             Path runsDir, String name, PoolOptions pool, BenchSection benchSection,
                             Truth truth, AcquisitionLauncher.Profile profile) throws IOException {
        RunSummary summary = AcquisitionLauncher.bench(RunOutput.launch(out, progress, runsDir, name), pulseAddress,
                smuAddress,
                plan, benchSection, profile);
        print(out, summary, truth);
        RunOutput.afterRun(out, progress, summary.folder(), summary.healthPassed(),
                truth == null ? List.of() : truth.verdict().problems(summary.folder()), pool, plan.health().alpha());
        return summary;
    }

    /**
     * A junction array; {@code trueV50Volts} (null on a real bench) holds each simulated junction's V50 at the sweep
     * width less the read bias, printed beside the fit; {@code verdict} (null on a real bench) is the simulated bench's.
     */
    static ArrayRunSummary launchArray(PrintWriter out, Progress progress,
            List<AcquisitionLauncher.SiteAddresses> sites,
                                       AcquisitionPlan plan, Path runsDir, String name, PoolOptions pool,
                                       BenchSection benchSection, List<Double> trueV50Volts, BenchVerdict verdict)
            throws IOException {
        ArrayRunSummary summary = AcquisitionLauncher.benchArray(RunOutput.launch(out, progress, runsDir, name),
                sites, plan,
                benchSection);
        ArrayRunLines.print(out, summary, j -> j.v50Volts() == null ? "not calibrated"
                : String.format("V50 %.4f ± %.4f V%s, threshold %.1f ohm", j.v50Volts(), j.v50StdErrVolts(),
                trueV50Volts == null ? "" : String.format(" (simulated %.4f V)", trueV50Volts.get(j.junction())),
                j.thresholdOhms()));
        RunOutput.afterRun(out, progress, summary.folder(), summary.healthPassed(),
                verdict == null ? List.of() : verdict.problems(summary.folder()), pool, plan.health().alpha());
        return summary;
    }

    /** Continues an interrupted or failed run in {@code runDir}, then ingests it as a new run would be. */
    static RunSummary resume(PrintWriter out, Progress progress, Path runDir, PoolOptions pool) throws IOException {
        ConsoleProgress console = new ConsoleProgress(out, progress);
        RunSummary summary = AcquisitionLauncher.resume(runDir, LiveDashboard.watched(console),
                ShutdownStop.stopper(), resumed -> {
            console.resumingFrom(resumed.bitsBefore());
            out.printf("resuming %s: %,d of %,d bits confirmed%n", resumed.dir(), resumed.bitsBefore(),
                    resumed.bitsWanted());
        });
        print(out, summary, null);
        RunOutput.afterRun(out, progress, summary.folder(), summary.healthPassed(), List.of(), pool, null);
        return summary;
    }

    private static void print(PrintWriter out, RunSummary s, Truth truth) {
        out.println();
        out.printf("threshold      %.1f ohm (%.1f sigma of read noise from each state)%n", s.thresholdOhms(),
                s.marginSigmas());
        out.printf("V50            %.4f ± %.4f V%s%n", s.fit().v50Volts(), s.fit().v50StdErrVolts(),
                truth == null ? "" : String.format("   (simulated junction at this width, less the read bias that adds "
                        + "to every pulse: %.4f V)", truth.v50Volts()));
        out.printf("delta V        %.4f ± %.4f V%s%n", s.fit().deltaVolts(), s.fit().deltaStdErrVolts(),
                truth == null ? "" : String.format("   (simulated junction: %.4f V)", truth.deltaVolts()));
        out.printf("bits           %,d, ones %.4f (bias %+.4f)%n", s.bits(), (double) s.ones() / s.bits(), s.bias());
        out.printf("rate           %,.0f bits/s, %.2f round trips per bit%n", s.bitsPerSecond(),
                s.roundTripsPerBit());
        for (HealthTestReport r : s.health()) {
            out.printf("health         %s: cutoff %d, worst %d, failures %d%n", r.test(), r.cutoff(),
                    r.worstObserved(), r.failures());
        }
        out.printf("health tests   %s%n", s.healthPassed() ? "passed" : "FAILED (see manifest.json)");
        out.printf("run folder     %s%n", s.folder());
        out.flush();
    }
}
