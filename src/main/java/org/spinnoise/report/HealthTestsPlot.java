package org.spinnoise.report;

import java.awt.Color;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * health-tests.png from health-blocks.csv (written by the run package from bits.bin): for each block of bits, above,
 * its bias (fraction of ones less 1/2); in the middle, the adaptive proportion test's count against its cutoff; below,
 * the longest run of equal bits against the repetition count test's cutoff. The cutoffs are the manifest's
 * (health_tests); blocks the pool ingest quarantined (quarantine.csv, when present) are shaded in all three.
 */
final class HealthTestsPlot {
    static final String FILE = "health-tests.png";
    static final String INPUT = "health-blocks.csv";
    static final String QUARANTINE = "quarantine.csv";
    static final int HEIGHT = 900;
    static final Color CUTOFF = Palette.RED;
    static final Color QUARANTINED = Palette.translucent(Palette.RED, 40);

    private HealthTestsPlot() {
    }

    static Figure figure(CsvTable blocks, List<double[]> quarantined, ManifestFacts manifest)
            throws PlotInputException {
        blocks.nonEmpty();
        double[] first = blocks.column("first_bit");
        double[] bits = blocks.column("bits");
        double[] ones = blocks.column("ones");
        double[] apt = blocks.column("apt_count");
        double[] longest = blocks.column("longest_run");
        blocks.requireAtLeast("first_bit", first, 0);
        blocks.requireAtLeast("bits", bits, 1);
        double[] middle = new double[first.length];
        double[] bias = new double[first.length];
        for (int r = 0; r < first.length; r++) {
            if (ones[r] < 0 || ones[r] > bits[r] || apt[r] < 1 || apt[r] > bits[r] || longest[r] < 1) {
                throw blocks.bad(r, "ones, apt_count and longest_run must lie within the block's " + bits[r] + " bits");
            }
            middle[r] = first[r] + bits[r] / 2;
            bias[r] = ones[r] / bits[r] - 0.5;
        }
        Axis x = new Axis("position in bits.bin", "bit", 0, first[first.length - 1] + bits[bits.length - 1], false);
        double reach = 0.01;
        for (double b : bias) {
            reach = Math.max(reach, Math.abs(b));
        }
        Chart biasChart = new Chart(String.format(Locale.ROOT, "Bias per %,.0f-bit block", bits[0]), x,
                new Axis("bias (fraction of ones - 1/2)", "", -reach * 1.2, reach * 1.2, false));
        biasChart.add(new Markers.HorizontalLine(0, Palette.BLACK, true, "p = 1/2", null));
        biasChart.add(new Series.Points(middle, bias, null, null, Palette.BLUE, "bias of a block"));

        double aptCutoff = manifest.healthCutoff("adaptive proportion");
        Chart aptChart = testChart("Adaptive proportion test: count of the block's first bit", x, middle, apt,
                aptCutoff, "count");
        double rctCutoff = manifest.healthCutoff("repetition count");
        Chart rctChart = testChart("Repetition count test: longest run of equal bits", x, middle, longest, rctCutoff,
                "longest run");
        for (Chart chart : List.of(biasChart, aptChart, rctChart)) {
            String label = quarantined.isEmpty() ? null : quarantined.size() + " quarantined block"
                    + (quarantined.size() == 1 ? "" : "s");
            for (double[] span : quarantined) {
                chart.add(new Markers.VerticalSpan(span[0], span[1], QUARANTINED, label));
                label = null;
            }
            chart.legendAt(chart == biasChart ? Chart.Corner.TOP_RIGHT : Chart.Corner.TOP_LEFT);
        }
        return new Figure(Figure.WIDTH, HEIGHT).add(biasChart).add(aptChart).add(rctChart);
    }

    private static Chart testChart(String title, Axis x, double[] at, double[] values, double cutoff, String what) {
        double top = Columns.range(values)[1];
        if (Double.isFinite(cutoff)) {
            top = Math.max(top, cutoff);
        }
        double bottom = Math.min(Columns.range(values)[0], top) * 0.9;
        Chart chart = new Chart(title, x, Axis.linearOver(what, "", bottom, top, 0.08));
        chart.add(new Series.Points(at, values, null, null, Palette.BLUE, what + " in a block"));
        if (Double.isFinite(cutoff)) {
            chart.add(new Markers.HorizontalLine(cutoff, CUTOFF, true,
                    String.format(Locale.ROOT, "cutoff C = %.0f (fails on reaching it)", cutoff), "cutoff"));
        }
        return chart;
    }

    /** The bit ranges {from, to} quarantine.csv lists (first_raw_bit, bits), or none when the file is absent. */
    static List<double[]> quarantined(Path file) throws IOException {
        List<double[]> spans = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return spans;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            String line = in.readLine();
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                try {
                    double from = Double.parseDouble(cells[0]);
                    spans.add(new double[] {from, from + Double.parseDouble(cells[1])});
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new PlotInputException(file + " line " + number + ": expected first_raw_bit,bits,... "
                            + "but found '" + line + "'");
                }
            }
        }
        return spans;
    }
}
