package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Core of {@code spinnoise bench calibration}: how well drift tracking holds the bits fair on a junction whose V50
 * drifts, as the bias of every window of bits with tracking on beside the same run with tracking off (the baseline,
 * same seed, same calibration), and what a full calibration costs in pulses. The figures come from sections, one per
 * source and bit scheme ({@link BenchTrackingSection}: the simulated bench, reset-then-write, batched;
 * {@link BoardTrackingSection}: the board emulator); each runs every drift rate asked for, so another source or scheme
 * (the toggle scheme) is one more section. Drift runs on a modelled time axis that advances at the source's modelled bit
 * rate, so hours of drift pass in the minutes the simulation takes and each window spans the time the real source
 * would take to make it. {@link ToggleTrackingSection} runs the toggle scheme beside them.
 */
public final class CalibrationBenchmark {

    /** What to run: window size and count per section, the drift rates in volts per hour, the seed. */
    public record Settings(long benchWindowBits, int benchWindows, long boardWindowBits, int boardWindows,
                           long toggleWindowBits, int toggleWindows, List<Double> driftVoltsPerHour, long seed,
                           Path scratch) {
    }

    /** One run of one section at one drift rate, tracking on or off. */
    public record Run(boolean tracked, List<Double> windowBias, boolean healthPassed, long adjustments,
                      String status, String error) {
        /** The largest |bias| over the run's windows (NaN when it made none). */
        public double maxAbsBias() {
            return windowBias.stream().mapToDouble(Math::abs).max().orElse(Double.NaN);
        }
    }

    /** A section's two runs at one drift rate. */
    public record Case(String section, String scheme, double driftVoltsPerHour, long windowBits,
                       double modelledSecondsPerBit, long calibrationPulses, Run tracked, Run untracked) {

        /** One line of JSON, keys with units. */
        public String json() {
            return String.format(Locale.ROOT, "{\"section\":\"%s\",\"scheme\":\"%s\",\"drift_mV_per_h\":%s,"
                            + "\"window_bits\":%d,\"modelled_us_per_bit\":%s,\"calibration_pulses\":%d,"
                            + "\"tracked_max_abs_bias\":%s,\"untracked_max_abs_bias\":%s,\"tracked_bias\":%s,"
                            + "\"untracked_bias\":%s,\"tracked_health_passed\":%s,\"untracked_health_passed\":%s,"
                            + "\"tracked_adjustments\":%d,\"tracked_status\":\"%s\",\"untracked_status\":\"%s\","
                            + "\"modelled_h_per_window\":%s}",
                    section, scheme, num(1e3 * driftVoltsPerHour), windowBits, num(1e6 * modelledSecondsPerBit),
                    calibrationPulses, num(tracked.maxAbsBias()), num(untracked.maxAbsBias()),
                    list(tracked.windowBias()), list(untracked.windowBias()), tracked.healthPassed(),
                    untracked.healthPassed(), tracked.adjustments(), tracked.status(), untracked.status(),
                    num(windowBits * modelledSecondsPerBit / 3600));
        }
    }

    /** One source and bit scheme, run at each drift rate with tracking on and off. */
    public interface Section {
        String name();

        /** What the section's drift clock counts: the modelled time axis its windows span. */
        String timeAxis();

        List<Case> run(Settings settings, Consumer<String> progress) throws IOException;

        /** Figures of the section's last run beyond its cases (units in the keys); none by default. */
        default Map<String, Object> figures() {
            return Map.of();
        }
    }

    private CalibrationBenchmark() {
    }

    /** The sections this benchmark runs, in order. */
    public static List<Section> sections() {
        return List.of(new BenchTrackingSection(), new BoardTrackingSection(), new ToggleTrackingSection());
    }

    /** Runs every section. */
    public static List<Case> run(Settings settings, List<Section> sections, Consumer<String> progress)
            throws IOException {
        List<Case> cases = new ArrayList<>();
        for (Section s : sections) {
            cases.addAll(s.run(settings, progress));
        }
        return cases;
    }

    /** The bias of each whole window of {@code windowBits} in packed MSB-first bits. */
    static List<Double> windowBias(byte[] packed, long bits, long windowBits) {
        List<Double> out = new ArrayList<>();
        for (long start = 0; start + windowBits <= bits; start += windowBits) {
            long ones = 0;
            for (long i = start; i < start + windowBits; i++) {
                ones += (packed[(int) (i >>> 3)] >>> (7 - (i & 7))) & 1;
            }
            out.add((double) ones / windowBits - 0.5);
        }
        return out;
    }

    static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6g", v) : "null";
    }

    private static String list(List<Double> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            b.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.5f", values.get(i)));
        }
        return b.append(']').toString();
    }
}
