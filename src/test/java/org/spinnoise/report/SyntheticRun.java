package org.spinnoise.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Run-folder CSV files with known contents, in the formats of the run-folder contract, for the plot tests: a
 * junction with V50 = 0.62 V and delta 15 mV, states at 1.0 and 2.0 kohm, a width map whose V50 falls with width,
 * a tracking log with adjustments, and a toggle map oscillating with width.
 */
final class SyntheticRun {
    static final double V50 = 0.62;
    static final double DELTA = 0.015;
    static final double P_OHMS = 1000;
    static final double P_SIGMA = 12;
    static final double AP_OHMS = 2000;
    static final double AP_SIGMA = 25;
    static final double THRESHOLD = 1324;
    static final double GUARD_LOW = 1300;
    static final double GUARD_HIGH = 1350;
    static final double[] MAP_WIDTHS = {1e-9, 2e-9, 5e-9, 1e-8, 2e-8, 5e-8, 1e-7};

    private SyntheticRun() {
    }

    static double logistic(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** V50 at a width on the synthetic map: falls as the pulse grows longer. */
    static double mapV50(double widthSeconds) {
        return 0.62 * Math.pow(widthSeconds / 1e-8, -0.15);
    }

    static void writeAll(Path dir) throws IOException {
        sweep(dir, true);
        levels(dir);
        threshold(dir);
        widthMap(dir);
        tracking(dir);
        toggleMap(dir);
    }

    /** sweep.csv; {@code full} gives the contract's columns, otherwise today's (no width, no band). */
    static void sweep(Path dir, boolean full) throws IOException {
        Random random = new Random(1);
        StringBuilder csv = new StringBuilder(full
                ? "write_amplitude_volts,write_width_seconds,pulses,switched,fraction,fitted_probability,band_low,band_high\n"
                : "write_amplitude_volts,pulses,switched,fraction,fitted_probability\n");
        for (int i = 0; i <= 12; i++) {
            double v = 0.56 + 0.01 * i;
            int pulses = 200;
            double p = logistic((v - V50) / DELTA);
            int switched = 0;
            for (int k = 0; k < pulses; k++) {
                switched += random.nextDouble() < p ? 1 : 0;
            }
            double z = (v - V50) / DELTA;
            double spread = 1.96 * Math.sqrt(0.004 * 0.004 + z * z * 0.001 * 0.001) / DELTA;
            csv.append(v).append(',');
            if (full) {
                csv.append(1e-8).append(',');
            }
            csv.append(pulses).append(',').append(switched).append(',').append((double) switched / pulses).append(',')
                    .append(p);
            if (full) {
                csv.append(',').append(logistic(z - spread)).append(',').append(logistic(z + spread));
            }
            csv.append('\n');
        }
        write(dir, "sweep.csv", csv);
    }

    static void levels(Path dir) throws IOException {
        Random random = new Random(2);
        StringBuilder csv = new StringBuilder("intended_bit,resistance_ohms\n");
        for (int i = 0; i < 300; i++) {
            csv.append("0,").append(P_OHMS + P_SIGMA * random.nextGaussian()).append('\n');
            csv.append("1,").append(AP_OHMS + AP_SIGMA * random.nextGaussian()).append('\n');
        }
        for (int i = 0; i < 100; i++) {
            boolean ap = random.nextBoolean();
            csv.append("-1,").append(ap ? AP_OHMS + AP_SIGMA * random.nextGaussian()
                    : P_OHMS + P_SIGMA * random.nextGaussian()).append('\n');
        }
        write(dir, "levels.csv", csv);
    }

    static void threshold(Path dir) throws IOException {
        write(dir, "threshold.csv", new StringBuilder("threshold_ohms,guard_low_ohms,guard_high_ohms,parallel_ohms,"
                + "parallel_sigma_ohms,antiparallel_ohms,antiparallel_sigma_ohms,parallel_weight,read_error_rate\n"
                + THRESHOLD + "," + GUARD_LOW + "," + GUARD_HIGH + "," + P_OHMS + "," + P_SIGMA + "," + AP_OHMS + ","
                + AP_SIGMA + ",0.5,1.2E-20\n"));
    }

    static void widthMap(Path dir) throws IOException {
        Random random = new Random(3);
        StringBuilder map = new StringBuilder("write_width_seconds,write_amplitude_volts,pulses,switched\n");
        StringBuilder fit = new StringBuilder("write_width_seconds,v50_volts,v50_ci_low_volts,v50_ci_high_volts,delta_volts\n");
        for (double w : MAP_WIDTHS) {
            for (int j = 0; j <= 18; j++) {
                double v = 0.3 + 0.05 * j;
                double p = logistic((v - mapV50(w)) / 0.03);
                int switched = 0;
                for (int k = 0; k < 100; k++) {
                    switched += random.nextDouble() < p ? 1 : 0;
                }
                map.append(w).append(',').append(v).append(",100,").append(switched).append('\n');
            }
            double v50 = mapV50(w);
            fit.append(w).append(',').append(v50).append(',').append(v50 - 0.02).append(',').append(v50 + 0.02)
                    .append(",0.03\n");
        }
        write(dir, "width-map.csv", map);
        write(dir, "width-map-fit.csv", fit);
    }

    /** Estimates every 30 s for 30 min; the amplitude steps down by 2 mV at rows 10, 20, 30, 40 and 50. */
    static void tracking(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder(
                "bit_index,time_seconds,junction,window_bits,window_ones,bias,bias_stderr,write_amplitude_volts,adjusted\n");
        double amplitude = 0.62;
        for (int i = 0; i < 60; i++) {
            double bias = 0.004 * Math.sin(i / 4.0);
            boolean adjust = i > 0 && i % 10 == 0;
            if (adjust) {
                amplitude -= 0.002;
            }
            long window = 100_000;
            long ones = Math.round(window * (0.5 + bias));
            csv.append((long) i * window).append(',').append(30.0 * i).append(",0,").append(window).append(',')
                    .append(ones).append(',').append(bias).append(',').append(0.0016).append(',').append(amplitude)
                    .append(',').append(adjust ? 1 : 0).append('\n');
        }
        write(dir, "tracking.csv", csv);
    }

    /** Toggle probability sin^2 of the precession angle, the period shortening as the amplitude grows. */
    static double toggleProbability(double widthSeconds, double amplitudeVolts) {
        double period = 1e-9 * 0.8 / amplitudeVolts;
        double s = Math.sin(Math.PI * widthSeconds / period);
        return s * s;
    }

    static void toggleMap(Path dir) throws IOException {
        StringBuilder csv = new StringBuilder("write_width_seconds,write_amplitude_volts,pulses,toggled\n");
        for (int i = 1; i <= 30; i++) {
            double w = i * 1e-10;
            for (int j = 0; j <= 12; j++) {
                double v = 0.4 + 0.05 * j;
                csv.append(w).append(',').append(v).append(",100,")
                        .append(Math.round(100 * toggleProbability(w, v))).append('\n');
            }
        }
        write(dir, "toggle-map.csv", csv);
    }

    static void write(Path dir, String name, CharSequence text) throws IOException {
        Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }
}
