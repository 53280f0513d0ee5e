package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise acquire}: the calibrate-and-acquire chain on instruments given by address, real or simulated (one
 * {@code --pulse}/{@code --smu} pair per junction; several pairs make a junction array), on a simulated bench started
 * from a bench file ({@code --bench}), or ({@code --resume RUN}) the continuation of an interrupted or failed run on
 * the instruments its manifest names.
 */
@Command(name = "acquire", description = "Calibrate a junction (or each junction of an array; or re-check a junction's "
        + "profile, --device NAME) and acquire raw bits at V50 into a run folder, or continue an interrupted run "
        + "(--resume RUN).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise acquire --bench mock-instruments/benches/demo.json --bits 20000",
                "  spinnoise acquire --bench mock-instruments/benches/demo-array.json \\",
                "      --bits 40000 --no-pool",
                "  spinnoise acquire --pulse TCPIP::192.168.1.20::5025::SOCKET \\",
                "      --smu TCPIP::192.168.1.21::5025::SOCKET",
                "  spinnoise acquire --resume runs/20261207-041500-acquire"})
final class AcquireCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    PoolOptions pool;

    @Option(names = "--pulse", paramLabel = "ADDRESS",
            description = "Pulse generator address, e.g. TCPIP::192.168.1.20::5025::SOCKET; "
            + "repeat --pulse and --smu once per junction for an array (one pair per junction, in order).")
    List<String> pulseAddresses;

    @Option(names = "--smu", paramLabel = "ADDRESS",
            description = "Source-measure unit address, e.g. TCPIP::192.168.1.21::5025::SOCKET; "
            + "repeat with --pulse for an array.")
    List<String> smuAddresses;

    @Option(names = "--bench", paramLabel = "FILE", description = "Start a simulated bench from this bench file and "
            + "acquire on it (a bench with sites pulse-N/smu-N is a junction array, e.g. "
            + "mock-instruments/benches/demo-array.json).")
    Path benchFile;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the simulated bench (--bench only; default: the bench file's).")
    Long seed;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "acquire",
            description = "Name part of the run folder (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--resume", paramLabel = "RUN", description = "Continue an interrupted or failed run folder: the "
            + "bench addresses, recipe and calibration come from its manifest, and the bits are appended to its files.")
    Path resume;

    @Mixin
    ProfileOptions profiles;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws Exception {
        // A pool another process holds is refused before any pulse (issue 18, defect 6).
        pool.checkAvailable(false, "acquire");
        try (LiveDashboard live = LiveDashboard.forRuns(spec.commandLine().getOut(), dashboard, "spinnoise acquire",
                pool.poolDir)) {
            return acquire();
        }
    }

    private Integer acquire() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (resume != null) {
            if (pulseAddresses != null || smuAddresses != null || benchFile != null || recipe.recipeFile != null
                    || recipe.bits != null || recipe.maxJunctionVolts != null || recipe.maxCurrentAmps != null
                    || profiles.given()) {
                throw new ParameterException(spec.commandLine(), "--resume takes the addresses, recipe, limits and "
                        + "calibration from the run's manifest; leave out --pulse, --smu, --bench, --recipe, --bits, "
                        + "--max-* and --device");
            }
            return BenchRunOutput.resume(out, ProgressMode.of(spec), resume,
                    pool).healthPassed() ? 0 : OneLineErrors.FAILURE;
        }
        if (benchFile != null) {
            if (profiles.given()) {
                throw new ParameterException(spec.commandLine(), "--device re-checks a profile on instruments given by "
                        + "--pulse and --smu (or on the demo's bench: spinnoise demo --device NAME); leave it out "
                        + "with --bench");
            }
            if (pulseAddresses != null || smuAddresses != null) {
                throw new ParameterException(spec.commandLine(), "--bench starts a simulated bench with its own "
                        + "addresses; leave out --pulse and --smu");
            }
            return SimulatedAcquire.run(out, spec.commandLine().getErr(), ProgressMode.of(spec), benchFile, seed,
                    recipe.plan(),
                    recipe.runsDir, name, pool);
        }
        if (seed != null) {
            throw new ParameterException(spec.commandLine(), "--seed is the simulated bench's; use it with --bench");
        }
        if (pulseAddresses == null || smuAddresses == null || pulseAddresses.size() != smuAddresses.size()) {
            throw new ParameterException(spec.commandLine(), "give the bench by --pulse ADDRESS and --smu ADDRESS "
                    + "(one pair per junction of an array), or --bench FILE, or continue a run with --resume RUN");
        }
        AcquisitionPlan plan = recipe.plan();
        if (pulseAddresses.size() > 1) {
            if (profiles.device != null) {
                throw new ParameterException(spec.commandLine(), "--device names one junction's profile; an array "
                        + "run calibrates each of its junctions: leave out --device");
            }
            List<AcquisitionLauncher.SiteAddresses> sites = new ArrayList<>();
            for (int i = 0; i < pulseAddresses.size(); i++) {
                sites.add(new AcquisitionLauncher.SiteAddresses(pulseAddresses.get(i), smuAddresses.get(i)));
            }
            return BenchRunOutput.launchArray(out, ProgressMode.of(spec), sites, plan, recipe.runsDir, name, pool,
                    BenchSection.real(null, null), null, null).healthPassed() ? 0 : OneLineErrors.FAILURE;
        }
        String pulseAddress = pulseAddresses.get(0);
        String smuAddress = smuAddresses.get(0);
        AcquisitionLauncher.Profile profile = profiles.load(spec.commandLine(), plan);
        RunSummary summary = BenchRunOutput.launch(out, ProgressMode.of(spec), pulseAddress, smuAddress, plan,
                recipe.runsDir, name, pool,
                BenchSection.real(pulseAddress, smuAddress), null, profile);
        return summary.healthPassed() ? 0 : OneLineErrors.FAILURE;
    }
}
