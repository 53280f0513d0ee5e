package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.List;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.RunListener;
import org.spinnoise.sim.AcquisitionBenchmark;
import org.spinnoise.sim.DashboardOverheadBenchmark;
import org.spinnoise.sim.SchemeComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench acquisition}: on simulated benches with instrument timing modelled from the manuals, first the
 * per-bit scheme on the demo bench with the controller's own overhead beside the bare links' (both measured in the
 * same run), then, for each SMU model, the per-bit and the hardware-paced batched scheme: measured bits per second
 * beside the rate the modelled instrument time allows, host round trips per bit, and the batched scheme's factor
 * over the per-bit one; last, the live dashboard's cost: the same acquisition with the dashboard off (the baseline)
 * and on, interleaved ({@link DashboardOverheadBenchmark}).
 */
@Command(name = "acquisition",
        description = "Per-bit and batched bench schemes on timing-modelled simulated benches, per SMU model: "
                + "measured vs modelled bits/s and round trips per bit; then the acquisition with the live dashboard "
                + "off and on.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench acquisition",
                "  spinnoise bench acquisition --bits 500 --batched-bits 2000 --nplc 0.01"})
final class AcquisitionBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1)
    @Option(names = "--bits", paramLabel = "N", defaultValue = "1000",
            description = "Bits of each per-bit run, acquired with modelled timing (default: ${DEFAULT-VALUE}).")
    long bits;

    @OptionRange(min = 1)
    @Option(names = "--batched-bits", paramLabel = "N", defaultValue = "4000",
            description = "Bits of each batched run, in batches of up to 2,000 (default: ${DEFAULT-VALUE}).")
    long batchedBits;

    @OptionRange(min = 0.01, max = 10)
    @Option(names = "--nplc", paramLabel = "NPLC", defaultValue = "0.1",
            description = "SMU integration per read in power-line cycles, "
            + "0.01..10 (default: ${DEFAULT-VALUE}, the demo recipe's).")
    double nplc;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--settle-margin-seconds", paramLabel = "SECONDS", defaultValue = "1e-3",
            description = "Batched scheme: the SMU reads "
            + "this long after the write pulse's end (default: ${DEFAULT-VALUE}, the recipe default while trigger "
            + "latencies are unmeasured).")
    double settleMarginSeconds;

    @OptionRange(min = 1)
    @Option(names = "--dashboard-bits", paramLabel = "N", defaultValue = "30000", description = "Bits of each run of "
            + "the dashboard off/on comparison, instruments answering at once (default: ${DEFAULT-VALUE}).")
    long dashboardBits;

    @OptionRange(min = 0)
    @Option(names = "--dashboard-repetitions", paramLabel = "N", defaultValue = "5", description = "Off/on pairs of "
            + "the dashboard comparison, ordered off-on, on-off, ... after a warm-up run (default: ${DEFAULT-VALUE}; "
            + "0 skips it).")
    int dashboardRepetitions;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulated bench (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path scratch = Files.createTempDirectory("spinnoise-bench-acquisition");
        AcquisitionBenchmark.Result r;
        List<SchemeComparison.ModelRun> models;
        Progress progress = ProgressMode.of(spec);
        DashboardOverheadBenchmark.Result dashboard = null;
        long[] dashboardPolls = new long[1];
        try {
            r = AcquisitionBenchmark.run(bits, nplc, seed, scratch, line -> {
                ConsoleProgressBar.clearLine(progress);
                out.println("* " + line);
                out.flush();
            }, progress);
            models = SchemeComparison.run(bits, batchedBits, nplc, settleMarginSeconds, seed, scratch, line -> {
                ConsoleProgressBar.clearLine(progress);
                out.println("* " + line);
                out.flush();
            }, progress);
            if (dashboardRepetitions > 0) {
                dashboard = DashboardOverheadBenchmark.run(dashboardBits, dashboardRepetitions, seed, scratch, () -> {
                    DashboardBenchArm arm = DashboardBenchArm.open();
                    return new DashboardOverheadBenchmark.Dashboard() {
                        @Override
                        public RunListener listener() {
                            return arm.listener();
                        }

                        @Override
                        public void close() {
                            dashboardPolls[0] += arm.polls();
                            arm.close();
                        }
                    };
                }, line -> {
                    out.println("* " + line);
                    out.flush();
                });
            }
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
        out.printf(Locale.ROOT, "%nper SMU model, NPLC %s, settle margin %s s, each scheme's measured rate beside the "
                + "limit its modelled instrument time allows:%n", nplc, settleMarginSeconds);
        StringBuilder json = new StringBuilder(r.json());
        json.setLength(json.length() - 1);
        for (SchemeComparison.ModelRun m : models) {
            out.printf(Locale.ROOT, "  %-16s per-bit %8.1f bits/s (%.1f %% of %.1f, %.3f round trips/bit)   batched "
                            + "%8.1f bits/s (%.1f %% of %.1f, %.4f round trips/bit)   x%.1f%n", m.smuModel(),
                    m.perBit().measuredBitsPerSecond(), m.perBit().percentOfLimit(), m.perBit().limitBitsPerSecond(),
                    m.perBit().roundTripsPerBit(), m.batched().measuredBitsPerSecond(), m.batched().percentOfLimit(),
                    m.batched().limitBitsPerSecond(), m.batched().roundTripsPerBit(), m.factor());
            json.append(String.format(Locale.ROOT, ",\"%1$s_per_bit_bits_per_s\":%2$.1f,\"%1$s_batched_bits_per_s\":%3$.1f,"
                            + "\"%1$s_batched_limit_bits_per_s\":%4$.1f,\"%1$s_batched_percent_of_limit\":%5$.2f,"
                            + "\"%1$s_batched_round_trips_per_bit\":%6$.5f,\"%1$s_batched_factor\":%7$.2f", m.key(),
                    m.perBit().measuredBitsPerSecond(), m.batched().measuredBitsPerSecond(),
                    m.batched().limitBitsPerSecond(), m.batched().percentOfLimit(), m.batched().roundTripsPerBit(),
                    m.factor()));
        }
        out.println("goals: batched at least 90 % of its limit, at most 0.01 round trips per bit");
        if (dashboard != null) {
            out.printf(Locale.ROOT, "%ndashboard, per-bit scheme with instant instrument answers, %d interleaved runs "
                    + "of %,d bits per arm:%n", dashboard.repetitions(), dashboard.bitsPerRun());
            out.printf(Locale.ROOT, "  off (baseline) %8.1f bits/s%n", dashboard.offBitsPerSecond());
            out.printf(Locale.ROOT, "  on             %8.1f bits/s  (live file, server on loopback, %,d state "
                    + "requests answered, one a second as the page makes)%n", dashboard.onBitsPerSecond(),
                    dashboardPolls[0]);
            out.printf(Locale.ROOT, "  on/off %.4f over all runs; overhead %.2f %% (median of %d pairs, goal <= 2 %%), "
                    + "pairs spread over %.2f points (the machine's noise)%n",
                    dashboard.onBitsPerSecond() / dashboard.offBitsPerSecond(), dashboard.overheadPercent(),
                    dashboard.repetitions(), dashboard.spreadPercent());
            out.printf(Locale.ROOT, "  CPU of the whole process per bit: off (baseline) %.2f µs, on %.2f µs; the "
                            + "dashboard adds %.2f %% (median of %d pairs, goal <= 2 %%)%n", dashboard.offCpuMicrosPerBit(),
                    dashboard.onCpuMicrosPerBit(), dashboard.cpuOverheadPercent(), dashboard.repetitions());
            out.printf(Locale.ROOT, "  CPU of the acquisition thread per bit: off (baseline) %.2f µs, on %.2f µs; the "
                            + "dashboard adds %.2f %% (median of %d pairs, goal <= 2 %%)%n",
                    dashboard.offLoopCpuMicrosPerBit(), dashboard.onLoopCpuMicrosPerBit(),
                    dashboard.loopCpuOverheadPercent(), dashboard.repetitions());
            out.printf(Locale.ROOT, "  the dashboard's listener notes a batch in %.1f ns; %,d batches a run make %.5f %% of "
                            + "the acquisition thread's CPU time (dashboard off)%n", dashboard.listenerNanosPerBatch(),
                    dashboard.batchesPerRun(), dashboard.listenerSharePercent());
            json.append(',').append(dashboard.jsonMembers())
                    .append(String.format(Locale.ROOT, ",\"dashboard_state_requests\":%d", dashboardPolls[0]));
        }
        out.println(json.append('}'));
        out.flush();
        return 0;
    }
}
