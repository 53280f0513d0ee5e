package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.sim.AcquisitionBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench acquisition}: the bench's per-bit scheme on the simulated bench with instrument timing
 * modelled from the manuals, its measured bits per second beside the rate the modelled instrument times allow, and
 * the controller's own overhead as a share of the modelled time, with the bare links' share measured in the same run.
 */
@Command(name = "acquisition", mixinStandardHelpOptions = true,
        description = "Per-bit bench scheme on the timing-modelled simulated bench: measured vs modelled bits/s.")
final class AcquisitionBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--bits", defaultValue = "2000",
            description = "Bits to acquire with modelled timing (default: ${DEFAULT-VALUE}).")
    long bits;

    @Option(names = "--nplc", defaultValue = "0.1", description = "SMU integration per read in power-line cycles, "
            + "0.01..10 (default: ${DEFAULT-VALUE}, the demo recipe's).")
    double nplc;

    @Option(names = "--seed", defaultValue = "1",
            description = "Seed of the simulated bench (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("spinnoise-bench-acquisition");
        AcquisitionBenchmark.Result r;
        try {
            r = AcquisitionBenchmark.run(bits, nplc, seed, scratch, line -> {
                out.println("* " + line);
                out.flush();
            });
        } finally {
            NoiseBenchCommand.deleteTree(scratch);
        }
        out.printf(Locale.ROOT, "measured  %8.1f bits/s  (%.3f ms per bit, %.2f round trips per bit)%n",
                r.measuredBitsPerSecond(), 1e3 * r.measuredSeconds() / r.bits(), (double) r.roundTrips() / r.bits());
        out.printf(Locale.ROOT, "modelled  %8.1f bits/s  (%.3f ms per bit of instrument time at NPLC %s, 60 Hz)%n",
                r.modelledBitsPerSecond(), 1e3 * r.modelledSeconds() / r.bits(), r.nplc());
        out.printf(Locale.ROOT, "baseline  %8.3f ms per bit beyond the modelled time: the same exchanges over bare "
                + "links (no session, driver, recording or health tests)%n", 1e3 * r.linkOverheadSecondsPerBit());
        out.printf(Locale.ROOT, "controller overhead %.2f %% of the modelled time (goal < 10 %%), %.2f %% beyond the "
                + "bare links' for the same bits%n", r.overheadPercent(), r.overheadBeyondLinkPercent());
        out.println(r.json());
        out.flush();
        return 0;
    }
}
