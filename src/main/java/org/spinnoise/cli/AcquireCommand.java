package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunSummary;
import org.spinnoise.run.manifest.BenchSection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise acquire}: the calibrate-and-acquire chain on instruments given by address, real or simulated.
 */
@Command(name = "acquire", description = "Calibrate a junction and acquire raw bits at V50 into a run folder.")
final class AcquireCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    RecipeOptions recipe;

    @Mixin
    PoolOptions pool;

    @Option(names = "--pulse", required = true, description = "Pulse generator address, e.g. TCPIP::192.168.1.20::5025::SOCKET")
    String pulseAddress;

    @Option(names = "--smu", required = true, description = "Source-measure unit address, e.g. TCPIP::192.168.1.21::5025::SOCKET")
    String smuAddress;

    @Option(names = "--name", defaultValue = "acquire", description = "Name part of the run folder (default: ${DEFAULT-VALUE}).")
    String name;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AcquisitionPlan plan = recipe.plan();
        RunSummary summary = AcquisitionLauncher.launch(out, pulseAddress, smuAddress, plan, recipe.runsDir, name, pool,
                BenchSection.real(pulseAddress, smuAddress), null);
        return summary.healthPassed() ? 0 : OneLineErrors.FAILURE;
    }
}
