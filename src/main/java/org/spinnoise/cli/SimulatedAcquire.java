package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.BenchSites;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.SimulatedBench;

/**
 * {@code spinnoise acquire --bench FILE}: starts the simulated bench of a bench file on loopback and acquires on it by
 * address, exactly as on hardware: a one-site bench as a single-junction run, a bench of several sites
 * ({@link BenchSites}) as a junction array. Each junction's true V50 is printed beside its fit, and the simulated
 * bench's verdict (a junction mistreated) keeps the bits out of the pool and fails the command.
 */
final class SimulatedAcquire {
    private SimulatedAcquire() {
    }

    static int run(PrintWriter out, PrintWriter err, Progress progress, Path benchFile, Long seed,
            AcquisitionPlan plan, Path runsDir,
                   String name, PoolOptions pool) throws IOException {
        BenchFile file = BenchFile.read(benchFile);
        List<BenchSites.Site> sites = BenchSites.of(file);
        long runSeed = seed != null ? seed : file.seed();
        List<String> problems = new ArrayList<>();
        boolean healthPassed;
        // Held while the simulated bench runs, so a signal leaves it serving until the run has turned its outputs off.
        try (RunStopper.Active benchRunning = ShutdownStop.stopper().enter();
             SimulatedBench sim = SimulatedBench.start(file, runSeed)) {
            out.printf("simulated bench %s: seed %d (--seed repeats this run), %d junction%s%n", file.name(), runSeed,
                    sites.size(), sites.size() == 1 ? "" : "s");
            List<AcquisitionLauncher.SiteAddresses> addresses = new ArrayList<>();
            List<Double> trueV50 = new ArrayList<>();
            for (BenchSites.Site site : sites) {
                addresses.add(new AcquisitionLauncher.SiteAddresses(sim.address(site.pulseRole()),
                        sim.address(site.smuRole())));
                // The read bias adds to every pulse: p = 1/2 at the junction's V50 at the sweep width less the bias.
                trueV50.add(sim.junction(site.junction()).v50VoltsAt(plan.sweep().widthSeconds())
                        - plan.read().biasVolts());
            }
            BenchRunOutput.BenchVerdict verdict = folder -> {
                problems.addAll(SimulatedBenchSummary.report(out, sim.record(), folder,
                        plan.limits().maxJunctionVolts()));
                return problems;
            };
            if (sites.size() == 1) {
                MtjJunction junction = sim.junction(sites.get(0).junction());
                String pulse = addresses.get(0).pulse();
                String smu = addresses.get(0).smu();
                healthPassed = BenchRunOutput.launch(out, progress, pulse, smu, plan, runsDir, name, pool,
                        new BenchSection(pulse, smu, true, benchFile.toString(), runSeed, trueV50.get(0),
                                "the junction's V50 at the sweep width less the read bias", junction.deltaVolts()),
                        new BenchRunOutput.Truth(trueV50.get(0), junction.deltaVolts(), verdict), null).healthPassed();
            } else {
                healthPassed = BenchRunOutput.launchArray(out, progress, addresses, plan, runsDir, name, pool,
                        new BenchSection(null, null, true, benchFile.toString(), runSeed, null, null, null), trueV50,
                        verdict).healthPassed();
            }
        }
        if (!problems.isEmpty()) {
            err.println("spinnoise: acquire: the simulated bench reports: " + String.join("; ", problems));
            return OneLineErrors.FAILURE;
        }
        return healthPassed ? 0 : OneLineErrors.FAILURE;
    }
}
