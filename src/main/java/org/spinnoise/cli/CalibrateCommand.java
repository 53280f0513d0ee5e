package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileSimulation;
import org.spinnoise.calibration.profile.ProfileSwitchingFit;
import org.spinnoise.calibration.profile.ProfileThreshold;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.CalibrationRun;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.SimulatedBench;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise calibrate}: calibrates one device (threshold, switching sweep and fit, operating point at V50)
 * without acquiring bits, on instruments given by address or on the simulated bench, into a run folder, and writes
 * its profile to {@code calibration/profiles/NAME.json}; {@code spinnoise acquire --device NAME} then re-checks it
 * briefly instead of calibrating again.
 */
@Command(name = "calibrate", description = "Calibrate a device without acquiring bits and write its profile "
        + "(calibration/profiles/NAME.json) for acquire --device NAME.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise calibrate --simulated --device demo-junction",
                "  spinnoise calibrate --pulse TCPIP::192.168.1.20::5025::SOCKET \\",
                "      --smu TCPIP::192.168.1.21::5025::SOCKET --device wafer3-d7 \\",
                "      --temperature-kelvin 295.2",
                "  then: spinnoise acquire --pulse ... --smu ... --device wafer3-d7"})
final class CalibrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--device", required = true, paramLabel = "NAME",
            description = "The device's name: its profile is PROFILES/NAME.json (letters, digits, '.', '_', '-').")
    String device;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Folder of device profiles (default: calibration/profiles).")
    Path profilesDir = DeviceProfiles.DEFAULT_DIR;

    @Option(names = "--pulse", paramLabel = "ADDRESS",
            description = "Pulse generator address, e.g. TCPIP::192.168.1.20::5025::SOCKET")
    String pulseAddress;

    @Option(names = "--smu", paramLabel = "ADDRESS",
            description = "Source-measure unit address, e.g. TCPIP::192.168.1.21::5025::SOCKET")
    String smuAddress;

    @Option(names = "--simulated", description = "Calibrate the simulated bench's junction (the built-in demo bench, "
            + "or --bench FILE) instead of instruments at --pulse and --smu.")
    boolean simulated;

    @Option(names = "--bench", paramLabel = "FILE",
            description = "Simulated bench file (implies --simulated; default: the built-in demo bench).")
    Path benchFile;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the simulated physics (default: a fresh seed, printed).")
    Long seed;

    @OptionRange(min = 0, minExclusive = true, max = 1000)
    @Option(names = "--temperature-kelvin", paramLabel = "K",
            description = "The device's temperature during calibration, when known (recorded in the profile).")
    Double temperatureKelvin;

    @Option(names = "--recipe", paramLabel = "FILE",
            description = "Recipe JSON: its limits, wiring, read, reset, levels and sweep are used "
            + "(see calibration/README.md; default: the built-in demo recipe).")
    Path recipeFile;

    @OptionRange(min = 0, minExclusive = true, max = SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS)
    @Option(names = "--max-volts", paramLabel = "VOLTS",
            description = "Safety limit on any voltage across the junction (default: the recipe's limits.maxJunctionVolts).")
    Double maxJunctionVolts;

    @OptionRange(min = 0, minExclusive = true, max = SafetyLimits.PLAUSIBLE_MAX_CURRENT_AMPS)
    @Option(names = "--max-amps", paramLabel = "AMPS",
            description = "Safety limit on the current through the junction (default: the recipe's limits.maxCurrentAmps).")
    Double maxCurrentAmps;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try {
            DeviceProfile.checkName(device);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--device: " + e.getMessage());
        }
        boolean sim = simulated || benchFile != null;
        if (sim == (pulseAddress != null || smuAddress != null)) {
            throw new ParameterException(spec.commandLine(), "give the bench by --pulse ADDRESS and --smu ADDRESS, "
                    + "or calibrate the simulated bench with --simulated (or --bench FILE), not both");
        }
        if (!sim && (pulseAddress == null || smuAddress == null)) {
            throw new ParameterException(spec.commandLine(), "give both --pulse ADDRESS and --smu ADDRESS");
        }
        if (!sim && seed != null) {
            throw new ParameterException(spec.commandLine(), "--seed is for the simulated bench only");
        }
        AcquisitionPlan plan = RecipeOptions.plan(recipeFile, null, maxJunctionVolts, maxCurrentAmps);
        if (!sim) {
            CalibrationRun.Outcome done = calibrate(out, pulseAddress, smuAddress, plan,
                    BenchSection.real(pulseAddress, smuAddress), null);
            print(out, done, null);
            return 0;
        }
        BenchFile bench = benchFile == null ? BenchFile.demo() : BenchFile.read(benchFile);
        long runSeed = seed != null ? seed : new SecureRandom().nextLong();
        String benchName = benchFile == null ? "built-in demo" : benchFile.toString();
        try (RunStopper.Active benchRunning = ShutdownStop.stopper().enter();
             SimulatedBench bed = SimulatedBench.start(bench, runSeed)) {
            String pulse = bed.address("pulse");
            String smu = bed.address("smu");
            out.printf("simulated bench: seed %d (--seed repeats this run), pulse %s, smu %s%n", runSeed, pulse, smu);
            MtjJunction junction = bed.junction(0);
            // The read bias adds to every pulse: the amplitude for p = 1/2 is the junction's V50 less the bias.
            double trueV50 = junction.v50VoltsAt(plan.sweep().widthSeconds()) - plan.read().biasVolts();
            ProfileSimulation truth = new ProfileSimulation(benchName, runSeed, trueV50, junction.deltaVolts());
            CalibrationRun.Outcome done = calibrate(out, pulse, smu, plan, new BenchSection(pulse, smu, true,
                    benchName, runSeed, trueV50, "the junction's V50 at the sweep width less the read bias",
                    junction.deltaVolts()), truth);
            List<String> problems = SimulatedBenchSummary.report(out, bed.record(), done.runFolder(),
                    plan.limits().maxJunctionVolts());
            print(out, done, truth);
            if (!problems.isEmpty()) {
                spec.commandLine().getErr().println("spinnoise: calibrate: the simulated junction was mistreated: "
                        + String.join("; ", problems));
                return OneLineErrors.FAILURE;
            }
        }
        return 0;
    }

    private CalibrationRun.Outcome calibrate(PrintWriter out, String pulse, String smu, AcquisitionPlan plan,
                                             BenchSection benchSection, ProfileSimulation truth) throws IOException {
        RunStopper stopper = ShutdownStop.stopper();
        AcquisitionLauncher.checkBench(pulse, smu, plan);
        try (RunStopper.Active launching = stopper.enter(); WireLog wire = new WireLog()) {
            RunFolder folder = RunFolder.create(runsDir, "calibrate-" + device);
            out.printf("run folder: %s%n", folder.dir());
            folder.update(m -> m.withBench(benchSection));
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            try (Bench bench = AcquisitionLauncher.connect(folder, pulse, smu, plan, wire)) {
                return new CalibrationRun(bench, plan, new CalibrationRun.Device(device, temperatureKelvin, truth),
                        profilesDir, folder, wire, LiveDashboard.watched(new ConsoleProgress(out,
                                ProgressMode.of(spec))), stopper).run();
            }
        }
    }

    private static void print(PrintWriter out, CalibrationRun.Outcome done, ProfileSimulation truth) {
        DeviceProfile p = done.profile();
        ProfileThreshold t = p.threshold();
        ProfileSwitchingFit f = p.switching();
        out.println();
        RunPlotsOutput.drawAfterRun(out, done.runFolder());
        CatalogRegistration.run(done.runFolder());
        out.printf("device         %s, calibrated %s%s%n", p.device(), p.calibratedAt(),
                p.temperatureKelvin() == null ? "" : String.format(" at %.2f K", p.temperatureKelvin()));
        out.printf("states         %.1f ± %.1f ohm and %.1f ± %.1f ohm (TMR %.1f %%)%n", t.parallelOhms(),
                t.parallelSigmaOhms(), t.antiparallelOhms(), t.antiparallelSigmaOhms(), 100 * t.tmr());
        out.printf("threshold      %.1f ohm, read error rate %.2g%n", t.thresholdOhms(), t.readErrorRate());
        out.printf("V50            %.4f V, 95 %% CI %.4f .. %.4f V%s%n", f.v50Volts(), f.v50CiLowVolts(),
                f.v50CiHighVolts(), truth == null ? "" : String.format("   (simulated junction: %.4f V)",
                        truth.trueV50Volts()));
        out.printf("delta V        %.4f V, 95 %% CI %.4f .. %.4f V%s%n", f.deltaVolts(), f.deltaCiLowVolts(),
                f.deltaCiHighVolts(), truth == null ? "" : String.format("   (simulated junction: %.4f V)",
                        truth.trueDeltaVolts()));
        out.printf("fit            deviance %.1f on %d degrees of freedom, p = %s%n", f.deviance(),
                f.degreesOfFreedom(), f.goodnessOfFitPValue() == null ? "n/a"
                        : String.format("%.3g", f.goodnessOfFitPValue()));
        out.printf("operating point %.4f V, %.3g s (p = %.2f ± %.3f predicted)%n",
                p.operatingPoint().writeAmplitudeVolts(), p.operatingPoint().writeWidthSeconds(),
                p.operatingPoint().targetProbability(), p.operatingPoint().predictedProbabilityStdErr());
        out.printf("pulses         %,d%n", p.calibrationPulses());
        out.printf("profile        %s%n", done.profileFile());
        out.printf("run folder     %s%n", done.runFolder());
        out.flush();
    }
}
