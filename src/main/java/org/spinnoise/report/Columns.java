package org.spinnoise.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/** Small array helpers the plots share: distinct values, row groups, ordering, ranges. */
final class Columns {
    private Columns() {
    }

    /** The distinct values of a column, ascending. */
    static double[] distinct(double[] values) {
        TreeSet<Double> set = new TreeSet<>();
        for (double v : values) {
            set.add(v);
        }
        return set.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Row indices whose {@code key} equals {@code value}, ordered by {@code order} (ties keep file order). */
    static int[] rowsWhere(double[] key, double value, double[] order) {
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < key.length; i++) {
            if (Double.compare(key[i], value) == 0) {
                rows.add(i);
            }
        }
        rows.sort(Comparator.comparingDouble(i -> order[i]));
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Every row index ordered by {@code order}. */
    static int[] allRows(double[] order) {
        Integer[] rows = new Integer[order.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        Arrays.sort(rows, Comparator.comparingDouble(i -> order[i]));
        return Arrays.stream(rows).mapToInt(Integer::intValue).toArray();
    }

    /** {@code count} (at least 2) evenly spaced values from {@code from} to {@code to}. */
    static double[] evenly(double from, double to, int count) {
        double[] g = new double[count];
        for (int i = 0; i < count; i++) {
            g[i] = from + (to - from) * i / (count - 1);
        }
        return g;
    }

    static double[] pick(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return out;
    }

    /** {min, max} over the finite values of any of the arrays (nulls skipped); {NaN, NaN} when there are none. */
    static double[] range(double[]... arrays) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double[] a : arrays) {
            if (a == null) {
                continue;
            }
            for (double v : a) {
                if (Double.isFinite(v)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return min <= max ? new double[] {min, max} : new double[] {Double.NaN, Double.NaN};
    }
}
