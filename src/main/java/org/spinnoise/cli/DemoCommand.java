package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunSummary;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.SimulatedBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise demo}: the whole chain on the simulated bench. It starts the simulated instruments on loopback
 * ports, connects to them by address exactly as to hardware, calibrates, acquires bits at V50 under the health
 * tests, writes a run folder and prints a summary beside the simulated junction's true parameters.
 */
@Command(name = "demo", description = "Run the whole chain on the simulated bench and write a run folder.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bits", description = "Bits to acquire at V50 (default: the recipe's, ${DEFAULT-VALUE}).")
    Long bits;

    @Option(names = "--runs", defaultValue = "runs", description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--bench", description = "Bench file (default: the built-in demo bench).")
    Path benchFile;

    @Option(names = "--recipe", description = "Acquisition recipe (default: the built-in demo recipe).")
    Path recipeFile;

    @Option(names = "--seed", defaultValue = "7", description = "Seed of the simulated physics (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--debug", description = "Print stack traces.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        AcquisitionPlan plan = recipeFile == null ? AcquisitionPlan.demo() : AcquisitionPlan.read(recipeFile);
        if (bits != null) {
            plan = plan.withBits(bits);
        }
        BenchFile benchDefinition = benchFile == null ? BenchFile.demo() : BenchFile.read(benchFile);
        try (SimulatedBench sim = SimulatedBench.start(benchDefinition, seed);
             WireLog wire = new WireLog()) {
            Map<String, String> addresses = sim.addresses();
            out.printf("simulated bench: pulse %s, smu %s%n", addresses.get("pulse"), addresses.get("smu"));
            RunFolder folder = RunFolder.create(runsDir, "demo");
            out.printf("run folder: %s%n", folder.dir());
            MtjJunction junction = sim.junction(0);
            folder.manifest().putObject("bench").put("simulated", true).put("seed", seed)
                    .put("pulse_address", addresses.get("pulse")).put("smu_address", addresses.get("smu"))
                    .put("true_v50_volts", junction.v50Volts()).put("true_delta_volts", junction.deltaVolts());
            RunSummary summary;
            try (Bench bench = Bench.connect(addresses.get("pulse"), addresses.get("smu"),
                    plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
                summary = new CalibratedAcquisition(bench, plan, folder, wire, new ConsoleProgress(out)).run();
            }
            printSummary(out, summary, junction);
            return summary.healthPassed() ? 0 : OneLineErrors.FAILURE;
        }
    }

    private static void printSummary(PrintWriter out, RunSummary s, MtjJunction junction) {
        out.println();
        out.printf("threshold      %.1f ohm (%.1f sigma of read noise from each state)%n", s.thresholdOhms(),
                s.marginSigmas());
        out.printf("V50            %.4f ± %.4f V   (simulated junction: %.4f V)%n", s.fit().v50Volts(),
                s.fit().v50StdErrVolts(), junction.v50Volts());
        out.printf("delta V        %.4f ± %.4f V   (simulated junction: %.4f V)%n", s.fit().deltaVolts(),
                s.fit().deltaStdErrVolts(), junction.deltaVolts());
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
