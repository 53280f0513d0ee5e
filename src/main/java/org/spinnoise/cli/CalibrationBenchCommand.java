package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spinnoise.sim.CalibrationBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench calibration}: drift tracking on simulated junctions whose V50 drifts, per source and drift
 * rate: the bias of every window with tracking on beside the same run with tracking off (the baseline), the health
 * tests of each, the amplitude moves, and the pulses a full calibration costs; one JSON line at the end.
 */
@Command(name = "calibration",
        description = "Drift tracking on drifting simulated junctions: bias per window with tracking on and off, "
                + "health tests, and the pulses a full calibration costs; sections: the simulated bench "
                + "(reset-write), the board emulator (reset-write, through the board calibration and tracked "
                + "acquisition a lab runs), the toggle scheme (junction physics). Ends with one JSON line.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench calibration",
                "  spinnoise bench calibration --sections board,toggle --board-windows 5 \\",
                "      --toggle-windows 5 --drift-mv-per-hour 5,180"})
final class CalibrationBenchCommand implements Callable<Integer> {
    /** The goal for every window with tracking at the slow drift rate. */
    private static final double GOAL_ABS_BIAS = 0.003;
    /** Drift rates up to this are the goal's slow case (5 mV/h); faster ones are stress cases. */
    private static final double SLOW_DRIFT_VOLTS_PER_HOUR = 0.005;
    private static final long GOAL_CALIBRATION_PULSES = 50_000;

    @Spec
    CommandSpec spec;

    @OptionRange(min = 4096)
    @Option(names = "--bench-window-bits", paramLabel = "N", defaultValue = "1000000",
            description = "Bits per window on the simulated bench (default: ${DEFAULT-VALUE}).")
    long benchWindowBits;

    @OptionRange(min = 1)
    @Option(names = "--bench-windows", paramLabel = "N", defaultValue = "1",
            description = "Windows per bench run (default: ${DEFAULT-VALUE}; each run is tracked and untracked, at "
                    + "each drift rate).")
    int benchWindows;

    @OptionRange(min = 262144)
    @Option(names = "--board-window-bits", paramLabel = "N", defaultValue = "1000000",
            description = "Bits per window on the board emulator (default: ${DEFAULT-VALUE}).")
    long boardWindowBits;

    @OptionRange(min = 1)
    @Option(names = "--board-windows", paramLabel = "N", defaultValue = "20",
            description = "Windows per board run (default: ${DEFAULT-VALUE}).")
    int boardWindows;

    @OptionRange(min = 4096)
    @Option(names = "--toggle-window-bits", paramLabel = "N", defaultValue = "1000000",
            description = "Bits per window in the toggle section (default: ${DEFAULT-VALUE}).")
    long toggleWindowBits;

    @OptionRange(min = 1)
    @Option(names = "--toggle-windows", paramLabel = "N", defaultValue = "10",
            description = "Windows per toggle run (default: ${DEFAULT-VALUE}).")
    int toggleWindows;

    @Option(names = "--drift-mv-per-hour", paramLabel = "MV_PER_HOUR", split = ",", defaultValue = "5,180",
            description = "V50 drift rates in mV per hour (default: ${DEFAULT-VALUE}: a slow drift and a stress case).")
    List<Double> driftMillivoltsPerHour;

    @Option(names = "--sections", paramLabel = "SECTION", split = ",", defaultValue = "bench,board,toggle",
            description = "Sections to run, of: bench, board, toggle (default: ${DEFAULT-VALUE}).")
    List<String> sections;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the simulated junctions (default: "
            + "${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (benchWindowBits < 4096 || benchWindows < 1 || boardWindowBits < 1 << 18 || boardWindows < 1
                || toggleWindowBits < 4096 || toggleWindows < 1) {
            out.println("--bench-window-bits and --toggle-window-bits must be at least 4096, --board-window-bits at "
                    + "least 262144, and every window count at least 1");
            return 2;
        }
        List<CalibrationBenchmark.Section> chosen = CalibrationBenchmark.sections().stream()
                .filter(s -> sections.contains(s.name())).toList();
        if (chosen.size() != sections.size()) {
            out.println("--sections takes names from: " + CalibrationBenchmark.sections().stream()
                    .map(CalibrationBenchmark.Section::name).toList() + ", got " + sections);
            return 2;
        }
        Path scratch = Files.createTempDirectory("spinnoise-bench-calibration");
        List<CalibrationBenchmark.Case> cases;
        try {
            CalibrationBenchmark.Settings settings = new CalibrationBenchmark.Settings(benchWindowBits, benchWindows,
                    boardWindowBits, boardWindows, toggleWindowBits, toggleWindows,
                    driftMillivoltsPerHour.stream().map(mv -> mv / 1e3).toList(), seed, scratch);
            cases = CalibrationBenchmark.run(settings, chosen, line -> {
                out.println("* " + line);
                out.flush();
            });
        } finally {
            NoiseBenchCommand.deleteTree(scratch);
        }
        StringBuilder json = new StringBuilder("{\"bench\":\"calibration\",\"goal_max_abs_bias\":" + GOAL_ABS_BIAS
                + ",\"goal_calibration_pulses\":" + GOAL_CALIBRATION_PULSES + ",\"time_axis\":{");
        for (CalibrationBenchmark.Section s : chosen) {
            out.printf("%s: drift on %s%n", s.name(), s.timeAxis());
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(s.name())
                    .append("\":\"").append(s.timeAxis().replace("\"", "'")).append('"');
        }
        json.append("},\"cases\":[");
        boolean slowMet = true;
        boolean stressMet = true;
        boolean pulsesMet = true;
        for (CalibrationBenchmark.Case c : cases) {
            out.printf(Locale.ROOT, "%n%s, %s, %s drifting %.0f mV/h, windows of %,d bits (%.3g modelled h each), "
                            + "a full calibration %,d pulses%n", c.section(), c.scheme(),
                    c.section().equals("toggle") ? "critical voltage" : "V50", 1e3 * c.driftVoltsPerHour(),
                    c.windowBits(), c.windowBits() * c.modelledSecondsPerBit() / 3600, c.calibrationPulses());
            boolean slow = c.driftVoltsPerHour() <= SLOW_DRIFT_VOLTS_PER_HOUR;
            out.printf(Locale.ROOT, "  window   bias tracked   bias untracked (baseline)%s%n",
                    slow ? "   (! tracked window over the goal)" : "");
            int n = Math.max(c.tracked().windowBias().size(), c.untracked().windowBias().size());
            for (int i = 0; i < n; i++) {
                boolean over = slow && i < c.tracked().windowBias().size()
                        && Math.abs(c.tracked().windowBias().get(i)) > GOAL_ABS_BIAS;
                out.printf(Locale.ROOT, "  %6d   %12s   %12s%s%n", i + 1, bias(c.tracked().windowBias(), i),
                        bias(c.untracked().windowBias(), i), over ? "   !" : "");
            }
            out.printf(Locale.ROOT, "  tracked: %s, health tests %s, %d amplitude moves%s%n", c.tracked().status(),
                    c.tracked().healthPassed() ? "passed" : "FAILED", c.tracked().adjustments(),
                    c.tracked().error() == null ? "" : " (" + c.tracked().error() + ")");
            out.printf(Locale.ROOT, "  untracked: %s, health tests %s%s%n", c.untracked().status(),
                    c.untracked().healthPassed() ? "passed" : "FAILED",
                    c.untracked().error() == null ? "" : " (" + c.untracked().error() + ")");
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(c.json());
            boolean ran = c.tracked().status().equals("complete") && c.tracked().healthPassed();
            if (c.driftVoltsPerHour() <= SLOW_DRIFT_VOLTS_PER_HOUR) {
                slowMet &= ran && c.tracked().maxAbsBias() <= GOAL_ABS_BIAS;
            } else {
                stressMet &= ran;
            }
            pulsesMet &= c.calibrationPulses() >= 0 && c.calibrationPulses() <= GOAL_CALIBRATION_PULSES;
        }
        out.printf(Locale.ROOT, "%ngoal: |p - 0.5| <= %s in every window with tracking at the slow drift; the "
                + "stress case running to the end with its health tests passing%n", GOAL_ABS_BIAS);
        json.append("],\"section_figures\":{");
        for (CalibrationBenchmark.Section s : chosen) {
            if (s.figures().isEmpty()) {
                continue;
            }
            out.printf("%n%s figures:%n", s.name());
            json.append(json.charAt(json.length() - 1) == '{' ? "" : ",").append('"').append(s.name()).append("\":{");
            boolean first = true;
            for (var e : s.figures().entrySet()) {
                out.printf(Locale.ROOT, "  %-36s %s%n", e.getKey(), e.getValue());
                json.append(first ? "" : ",").append('"').append(e.getKey()).append("\":")
                        .append(e.getValue() instanceof Double d ? jsonNumber(d) : e.getValue());
                first = false;
            }
            json.append('}');
        }
        out.printf(Locale.ROOT, "%nslow-drift goal %s, stress case %s, every calibration within %,d pulses: %s%n",
                slowMet ? "met" : "NOT MET", stressMet ? "kept running, health tests passed" : "NOT MET",
                GOAL_CALIBRATION_PULSES, pulsesMet ? "yes" : "NO");
        out.println(json.append("},\"slow_drift_goal_met\":").append(slowMet).append(",\"stress_case_met\":")
                .append(stressMet).append(",\"calibration_pulses_goal_met\":").append(pulsesMet).append('}'));
        out.flush();
        return 0;
    }

    private static String jsonNumber(double v) {
        return Double.isFinite(v) ? Double.toString(v) : "null";
    }

    private static String bias(List<Double> bias, int i) {
        return i < bias.size() ? String.format(Locale.ROOT, "%+.5f", bias.get(i)) : "-";
    }
}
