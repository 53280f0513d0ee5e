package org.spinnoise.entropy.assess;

/**
 * log2 of 1..max, each computed the first time it is needed and then read from a table: the compression estimate
 * needs it for distances that are mostly short, and its search reads the same ones some fifty times.
 */
final class Log2Table {
    private final double[] values;
    private int filled;

    Log2Table(int max) {
        values = new double[max + 1];
    }

    /** log2(i), for 1 <= i <= max. */
    double at(int i) {
        if (i > filled) {
            fillTo(i);
        }
        return values[i];
    }

    /** Makes {@link #values()} hold log2 up to {@code i} (at most max). */
    void fillTo(int i) {
        int last = Math.min(i, values.length - 1);
        for (int k = filled + 1; k <= last; k++) {
            values[k] = Bits.log2(k);
        }
        filled = Math.max(filled, last);
    }

    /** The table itself, valid up to the last {@link #fillTo}. */
    double[] values() {
        return values;
    }
}
