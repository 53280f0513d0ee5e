package org.spinnoise.report;

import java.util.Arrays;

/**
 * A width x amplitude grid of trials read from a map CSV file: the distinct widths and amplitudes, and at each cell the
 * fraction of its pulses that switched (or toggled), rows at the same cell pooled; NaN where no row fell.
 */
record FractionGrid(double[] widths, double[] amplitudes, double[][] fraction) {

    static FractionGrid read(CsvTable table, String countColumn) throws PlotInputException {
        table.nonEmpty();
        double[] width = table.column("write_width_seconds");
        double[] amplitude = table.column("write_amplitude_volts");
        double[] pulses = table.column("pulses");
        double[] count = table.column(countColumn);
        table.requireAtLeast("pulses", pulses, 0);
        table.requireAtLeast(countColumn, count, 0);
        for (int r = 0; r < width.length; r++) {
            if (!(width[r] > 0) || !Double.isFinite(width[r])) {
                throw table.bad(r, "write_width_seconds " + width[r] + " must be a positive finite number");
            }
            if (!Double.isFinite(amplitude[r])) {
                throw table.bad(r, "write_amplitude_volts " + amplitude[r] + " is not a finite number");
            }
            if (count[r] > pulses[r]) {
                throw table.bad(r, countColumn + " " + count[r] + " exceeds pulses " + pulses[r]);
            }
        }
        double[] widths = Columns.distinct(width);
        double[] amplitudes = Columns.distinct(amplitude);
        double[][] trials = new double[widths.length][amplitudes.length];
        double[][] hits = new double[widths.length][amplitudes.length];
        for (int r = 0; r < width.length; r++) {
            int i = Arrays.binarySearch(widths, width[r]);
            int j = Arrays.binarySearch(amplitudes, amplitude[r]);
            trials[i][j] += pulses[r];
            hits[i][j] += count[r];
        }
        double[][] fraction = new double[widths.length][amplitudes.length];
        for (int i = 0; i < widths.length; i++) {
            for (int j = 0; j < amplitudes.length; j++) {
                fraction[i][j] = trials[i][j] > 0 ? hits[i][j] / trials[i][j] : Double.NaN;
            }
        }
        return new FractionGrid(widths, amplitudes, fraction);
    }

    HeatMap heatMap(String valueName) {
        return new HeatMap(widths, amplitudes, fraction, 0, 1, valueName, "");
    }

    /** {min, max} of the cells' outer edges along the widths. */
    double[] widthEdges(boolean log) {
        double[] e = HeatMap.edges(widths, log);
        return new double[] {e[0], e[e.length - 1]};
    }

    double[] amplitudeEdges() {
        double[] e = HeatMap.edges(amplitudes, false);
        return new double[] {e[0], e[e.length - 1]};
    }
}
