package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileRecheck;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.ProfiledAcquisition;
import org.spinnoise.run.ResumedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.RunStatus;

/** Connects to a bench by address, runs the calibrate-and-acquire chain into a new run folder and prints the summary. */
final class AcquisitionLauncher {
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

    /** A device profile to re-check and use instead of calibrating, the file it came from, and what if it moved. */
    record Profile(DeviceProfile profile, Path file, ProfiledAcquisition.IfMoved ifMoved) {
        /** Loads {@code device}'s profile from {@code dir}, refusing one that does not suit {@code plan}. */
        static Profile load(Path dir, String device, AcquisitionPlan plan, boolean recalibrateIfMoved)
                throws IOException {
            DeviceProfile profile = DeviceProfiles.load(dir, device);
            String mismatch = ProfiledAcquisition.mismatch(plan, profile);
            if (mismatch != null) {
                throw new IOException(mismatch);
            }
            return new Profile(profile, DeviceProfiles.fileFor(dir, device), recalibrateIfMoved
                    ? ProfiledAcquisition.IfMoved.RECALIBRATE : ProfiledAcquisition.IfMoved.REFUSE);
        }
    }

    private AcquisitionLauncher() {
    }

    static RunSummary launch(PrintWriter out, String pulseAddress, String smuAddress, AcquisitionPlan plan,
                             Path runsDir, String name, PoolOptions pool, BenchSection benchSection,
                             Truth truth) throws IOException {
        return launch(out, pulseAddress, smuAddress, plan, runsDir, name, pool, benchSection, truth, null);
    }

    /** As above; with a {@code profile} (null: none), it is re-checked and used instead of the calibration. */
    static RunSummary launch(PrintWriter out, String pulseAddress, String smuAddress, AcquisitionPlan plan,
                             Path runsDir, String name, PoolOptions pool, BenchSection benchSection,
                             Truth truth, Profile profile) throws IOException {
        RunStopper stopper = ShutdownStop.stopper();
        RunSummary summary;
        // Held from the folder's creation: a signal during connecting waits for the run to start, see the stop and
        // end it cleanly, rather than leaving a folder without a manifest.
        try (RunStopper.Active launching = stopper.enter(); WireLog wire = new WireLog()) {
            RunFolder folder = RunFolder.create(runsDir, name);
            out.printf("run folder: %s%n", folder.dir());
            folder.update(m -> m.withBench(benchSection));
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            summary = acquire(out, folder, pulseAddress, smuAddress, plan, wire, stopper, profile);
        }
        print(out, summary, truth);
        plotAndIngest(out, summary.folder(), summary.healthPassed(),
                truth == null ? List.of() : truth.verdict().problems(summary.folder()), pool, plan.health().alpha());
        return summary;
    }

    /**
     * After a bench run (one junction or an array): its plots, then its bits into the pool unless the simulated
     * bench found {@code problems}, its health tests failed or the user said --no-pool.
     */
    static void plotAndIngest(PrintWriter out, Path folder, boolean healthPassed, List<String> problems,
                              PoolOptions pool, double alpha) throws IOException {
        RunPlotsOutput.drawAfterRun(out, folder);
        if (!problems.isEmpty()) {
            out.printf("not ingested: %s%n", String.join("; ", problems));
        } else if (!pool.noPool && healthPassed) {
            out.printf("%n* assessing the bits and ingesting them into the pool at %s%n", pool.poolDir);
            out.flush();
            try (EntropyPool p = EntropyPool.open(pool.poolDir, PoolConfig.defaults())) {
                PoolReport.print(out, RunIngest.ingest(RunFolder.open(folder), p, null, alpha));
            }
        }
        CatalogRegistration.run(folder);
    }

    /** Continues an interrupted or failed run in {@code runDir}, then ingests it as a new run would be. */
    static RunSummary resume(PrintWriter out, Path runDir, PoolOptions pool) throws IOException {
        RunStopper stopper = ShutdownStop.stopper();
        RunSummary summary;
        try (RunStopper.Active launching = stopper.enter(); WireLog wire = new WireLog()) {
            ResumedAcquisition resumed = ResumedAcquisition.open(runDir, wire, new ConsoleProgress(out), stopper);
            out.printf("resuming %s: %,d of %,d bits confirmed%n", resumed.dir(), resumed.bitsBefore(),
                    resumed.bitsWanted());
            wire.recordTo(resumed.transcript());
            summary = resumed.run();
        }
        print(out, summary, null);
        RunPlotsOutput.drawAfterRun(out, summary.folder());
        if (!pool.noPool && summary.healthPassed()) {
            RunFolder run = RunFolder.open(summary.folder());
            out.printf("%n* assessing the bits and ingesting them into the pool at %s%n", pool.poolDir);
            out.flush();
            try (EntropyPool p = EntropyPool.open(pool.poolDir, PoolConfig.defaults())) {
                PoolReport.print(out, RunIngest.ingest(run, p, null, run.manifest().plan().health().alpha()));
            }
        }
        CatalogRegistration.run(summary.folder());
        return summary;
    }

    private static RunSummary acquire(PrintWriter out, RunFolder folder, String pulseAddress, String smuAddress,
                                      AcquisitionPlan plan, WireLog wire, RunStopper stopper, Profile profile)
            throws IOException {
        try (Bench bench = connect(folder, pulseAddress, smuAddress, plan, wire)) {
            if (profile != null) {
                return new ProfiledAcquisition(bench, plan, profile.profile(), profile.file(),
                        ProfileRecheck.Plan.DEFAULT, profile.ifMoved(), folder, wire, new ConsoleProgress(out), stopper)
                        .run();
            }
            return new CalibratedAcquisition(bench, plan, folder, wire, new ConsoleProgress(out), stopper).run();
        }
    }

    /** Connects; a failure is written into the manifest before it propagates, so the folder says why it is empty. */
    static Bench connect(RunFolder folder, String pulseAddress, String smuAddress, AcquisitionPlan plan,
                                 WireLog wire) throws IOException {
        try {
            return Bench.connect(pulseAddress, smuAddress, plan.wiring().writeChannel(), plan.wiring().resetChannel(),
                    plan.limits(), wire);
        } catch (IOException e) {
            folder.update(m -> m.withRun(RunStatus.failedToStart("bench", e.getMessage())));
            folder.saveManifest();
            throw e;
        }
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
