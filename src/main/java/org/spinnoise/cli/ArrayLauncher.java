package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.ArrayAcquisition;
import org.spinnoise.run.ArrayRunSummary;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.RunStatus;

/**
 * Connects to every site of a junction array (one pulse generator and SMU per junction, by address), runs the array's
 * calibrate-and-acquire chain into a new run folder, prints a line per junction and ingests the kept bits into the pool
 * as a single-junction run would be.
 */
final class ArrayLauncher {
    /** One site's two addresses. */
    record SiteAddresses(String pulse, String smu) {
    }

    private ArrayLauncher() {
    }

    /**
     * Runs the array; {@code trueV50Volts} (null on a real bench) holds each simulated junction's V50 at the sweep
     * width less the read bias, printed beside the fit; {@code verdict} (null on a real bench) is the simulated bench's.
     */
    static ArrayRunSummary launch(PrintWriter out, List<SiteAddresses> sites, AcquisitionPlan plan, Path runsDir,
                                  String name, PoolOptions pool, BenchSection benchSection, List<Double> trueV50Volts,
                                  AcquisitionLauncher.BenchVerdict verdict) throws IOException {
        RunStopper stopper = ShutdownStop.stopper();
        ArrayRunSummary summary;
        try (RunStopper.Active launching = stopper.enter(); WireLog wire = new WireLog()) {
            RunFolder folder = RunFolder.create(runsDir, name);
            out.printf("run folder: %s%n", folder.dir());
            folder.update(m -> m.withBench(benchSection));
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            List<ArrayAcquisition.Site> connected = connect(folder, sites, plan, wire);
            try {
                summary = new ArrayAcquisition(connected, plan, folder, wire,
                        LiveDashboard.watched(new ConsoleProgress(out)), stopper,
                        ArrayAcquisition.JunctionWrapper.NONE).run();
            } finally {
                connected.forEach(s -> s.bench().close());
            }
        }
        print(out, summary, trueV50Volts);
        AcquisitionLauncher.plotAndIngest(out, summary.folder(), summary.healthPassed(),
                verdict == null ? List.of() : verdict.problems(summary.folder()), pool, plan.health().alpha());
        return summary;
    }

    /** Every site, in order; when one cannot be opened, those already open are made safe and closed. */
    private static List<ArrayAcquisition.Site> connect(RunFolder folder, List<SiteAddresses> sites,
                                                       AcquisitionPlan plan, WireLog wire) throws IOException {
        List<ArrayAcquisition.Site> connected = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            SiteAddresses s = sites.get(i);
            try {
                connected.add(new ArrayAcquisition.Site(Bench.connect(s.pulse(), s.smu(),
                        plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire), s.pulse(),
                        s.smu()));
            } catch (IOException e) {
                for (ArrayAcquisition.Site open : connected) {
                    open.bench().safeState();
                    open.bench().close();
                }
                String why = "junction " + i + " (" + s.pulse() + ", " + s.smu() + "): " + e.getMessage();
                folder.update(m -> m.withRun(RunStatus.failedToStart("bench-array", why)));
                folder.saveManifest();
                throw new IOException(why, e);
            }
        }
        return connected;
    }

    private static void print(PrintWriter out, ArrayRunSummary s, List<Double> trueV50Volts) {
        ArrayRunLines.print(out, s, j -> j.v50Volts() == null ? "not calibrated"
                : String.format("V50 %.4f ± %.4f V%s, threshold %.1f ohm", j.v50Volts(), j.v50StdErrVolts(),
                trueV50Volts == null ? "" : String.format(" (simulated %.4f V)", trueV50Volts.get(j.junction())),
                j.thresholdOhms()));
    }
}
