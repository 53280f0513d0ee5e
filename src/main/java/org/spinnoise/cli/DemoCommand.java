package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.PrecessionSpec;
import org.spinnoise.sim.SimulatedBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise demo}: the whole chain on the simulated bench. It starts the simulated instruments on loopback
 * ports and then does exactly what {@code spinnoise acquire} does on hardware: connects by address, calibrates,
 * acquires bits at V50 under the health tests, and writes a run folder. The summary shows the simulated junction's
 * true V50 beside the fitted one. It ends with a grid of garments sampled by the built-in model with every normal from
 * the pool ({@link DemoGrid}), topping the pool up from the board emulator when the bench's bits do not suffice.
 */
@Command(name = "demo", description = "Run the whole chain on the simulated bench and write a run folder.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise demo",
                "  spinnoise demo --bits 20000 --images 0 --no-pool",
                "  spinnoise demo --images 4 --steps 10 --seed 7 --pool lab-pool",
                "  spinnoise demo --device demo-junction --bits 20000 --images 0 --no-pool",
                "  spinnoise demo --dashboard        (the URL is printed; open it in a browser)"})
final class DemoCommand implements Callable<Integer> {
    /** The default grid: images, and DDIM steps S. */
    static final int GRID_IMAGES = 16;
    static final int GRID_STEPS = 25;

    @Spec
    CommandSpec spec;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    PoolOptions pool;

    @Option(names = "--bench", paramLabel = "FILE", description = "Bench file (default: the built-in demo bench).")
    Path benchFile;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the simulated physics and board; the same seed repeats a run's bits, "
            + "which a pool takes only once (default: a fresh seed each run, printed).")
    Long seed;

    @OptionRange(min = 0)
    @Option(names = "--images", paramLabel = "N", defaultValue = "" + GRID_IMAGES,
            description = "Images in the final pool-noise grid, 0 for none (default: ${DEFAULT-VALUE}).")
    int gridImages;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "" + GRID_STEPS,
            description = "DDIM sampler steps S of that grid (default: ${DEFAULT-VALUE}).")
    int gridSteps;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--eta", paramLabel = "ETA", defaultValue = "1",
            description = "DDIM η of that grid; above 0 every step draws pool noise (default: ${DEFAULT-VALUE}).")
    double gridEta;

    @Mixin
    ProfileOptions profiles;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws Exception {
        // A pool another process holds is refused before any pulse (issue 18, defect 6).
        pool.checkAvailable(gridImages > 0, "demo's sample grid (--images " + gridImages + ")");
        try (LiveDashboard live = LiveDashboard.forRuns(spec.commandLine().getOut(), dashboard, "spinnoise demo",
                pool.poolDir)) {
            return demo();
        }
    }

    private Integer demo() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AcquisitionPlan plan = recipe.plan();
        AcquisitionLauncher.Profile profile = profiles.load(spec.commandLine(), plan);
        BenchFile benchDefinition = benchFile == null ? BenchFile.demo() : BenchFile.read(benchFile);
        RunSummary summary;
        // A fixed default would repeat the same bits on every run, and the pool (rightly) refuses bits it has taken.
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        // Held while the simulated bench runs, so a signal leaves it serving until the run has turned its outputs off.
        try (RunStopper.Active benchRunning = ShutdownStop.stopper().enter();
             SimulatedBench sim = SimulatedBench.start(benchDefinition, runSeed)) {
            String pulse = sim.address("pulse");
            String smu = sim.address("smu");
            out.printf("simulated bench: seed %d (--seed repeats this run), pulse %s, smu %s%n", runSeed, pulse, smu);
            MtjJunction junction = sim.junction(0);
            // The read bias stays on while the pulses fire, so it adds to each one: the amplitude for p = 1/2 at the
            // recipe's width is the junction's V50 there less the bias.
            // A toggle junction's counterpart: the amplitude for p = 1/2 at its first flat top, less the bias.
            PrecessionSpec toggle = plan.switching().toggling() ? junction.precession() : null;
            double trueV50 = (toggle != null ? toggle.halfVoltsAtFirstFlatTop()
                    : junction.v50VoltsAt(plan.sweep().widthSeconds())) - plan.read().biasVolts();
            double trueDeltaVolts = toggle != null ? toggle.equivalentDeltaVoltsAtFirstFlatTop() : junction.deltaVolts();
            List<String> problems = new ArrayList<>();
            summary = BenchRunOutput.launch(out, ProgressMode.of(spec), pulse, smu, plan, recipe.runsDir, "demo", pool,
                    new BenchSection(pulse, smu, true, benchFile == null ? "built-in demo" : benchFile.toString(),
                            runSeed, trueV50, toggle != null ? "the junction's amplitude for p = 1/2 at its first "
                            + "flat top less the read bias" : "the junction's V50 at the sweep width less the read bias",
                            trueDeltaVolts),
                    new BenchRunOutput.Truth(trueV50, trueDeltaVolts, folder -> {
                        problems.addAll(SimulatedBenchSummary.report(out, sim.record(), folder,
                                plan.limits().maxJunctionVolts()));
                        return problems;
                    }), profile);
            if (!problems.isEmpty()) {
                spec.commandLine().getErr().println("spinnoise: demo: the simulated junction was mistreated: "
                        + String.join("; ", problems));
                return OneLineErrors.FAILURE;
            }
            if (!summary.healthPassed()) {
                return OneLineErrors.FAILURE;
            }
        }
        if (gridImages > 0 && pool.noPool) {
            out.println("no pool-noise sample grid: --no-pool leaves the pool empty");
        } else if (gridImages > 0) {
            DemoGrid.Plan grid = new DemoGrid.Plan(gridImages, gridSteps, gridEta, runSeed);
            int code = new DemoGrid(out, spec.commandLine().getErr(), grid, recipe.runsDir, pool.poolDir)
                    .run(summary.folder());
            if (code != 0) {
                return code;
            }
            // again, now that the grid and the demo section are in the folder: the report and the file list hold them
            RunPlotsOutput.drawAfterRun(out, summary.folder());
        }
        return 0;
    }
}
