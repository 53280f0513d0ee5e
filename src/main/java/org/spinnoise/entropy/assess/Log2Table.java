package org.spinnoise.entropy.assess;

/**
 * log2 of 1..max, each computed the first time it is needed and then read from a table: the compression estimate
 * needs it for distances that are mostly short, and its search reads the same ones some fifty times. The table grows
 * (doubling) only as far as it is filled, so that 10^8 bits, 1.7·10^7 blocks, do not cost 133 MB of zeros up front.
 */
final class Log2Table {
    private static final int INITIAL_SIZE = 1 << 12;
    private final int max;
    private double[] values;
    private int filled;

    Log2Table(int max) {
        this.max = max;
        values = new double[Math.min(max, INITIAL_SIZE) + 1];
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
        int last = Math.min(i, max);
        if (last >= values.length) {
            values = java.util.Arrays.copyOf(values, (int) Math.min(max + 1L, Math.max(2L * values.length, last + 1L)));
        }
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
