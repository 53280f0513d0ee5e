package org.spinnoise.noise;

/**
 * Exact-to-its-grid Gaussian samples from uniform words by inversion of the normal CDF, with Wichura's algorithm AS241
 * (PPND16, Applied Statistics 37, 1988), whose rational approximations are accurate to about 1 part in 10^16.
 *
 * <p>What is exact: a 32-bit word picks one of 2^32 equiprobable cells of the normal distribution; bit 31 picks the
 * half, the other 31 bits the cell {@code m}, and the sample is the normal quantile of the cell's centre,
 * {@code p = (m + 1/2)·2^-32} (mirrored for the upper half), so no cell maps to an infinity and the distribution is
 * symmetric to the last bit. The sample is therefore N(0, 1) discretised to 2^32 equiprobable cells: the CDF of the
 * output is within 2^-33 of Φ everywhere, then rounded to float32. The tail is truncated at
 * |z| ≤ {@link #MAX_ABS_FLOAT} = Φ^-1(1 - 2^-33) ≈ 6.338 (probability mass beyond it 2^-32 on each side).
 * A float64 sample takes 64 bits the same way (bit 63 the half, 63 bits the cell); its cell centre is rounded to a
 * double (53 significant bits), so its CDF is within 2^-54 of Φ and the tail is truncated at
 * |z| ≤ {@link #MAX_ABS_DOUBLE} = Φ^-1(1 - 2^-65) ≈ 9.155.
 */
public final class GaussianInversion {

    /** Pool bits behind one float32 sample. */
    public static final int BITS_PER_FLOAT = 32;
    /** Pool bits behind one float64 sample. */
    public static final int BITS_PER_DOUBLE = 64;
    /** Largest |z| a float32 sample can take: the quantile of the outermost cell centre, 2^-33. */
    public static final double MAX_ABS_FLOAT = 6.337957754553789;
    /** Largest |z| a float64 sample can take: the quantile of 2^-65. */
    public static final double MAX_ABS_DOUBLE = 9.155293772686073;

    private static final double TWO_TO_MINUS_32 = 0x1.0p-32;
    private static final double TWO_TO_MINUS_64 = 0x1.0p-64;

    private GaussianInversion() {
    }

    /** The float32 normal of one 32-bit word (see the class notes). */
    public static float floatOf(int word) {
        double p = ((word & 0x7fff_ffff) + 0.5) * TWO_TO_MINUS_32;
        double lower = inverseCdf(p);
        return (float) (word < 0 ? -lower : lower);
    }

    /** The float64 normal of one 64-bit word (see the class notes). */
    public static double doubleOf(long word) {
        double p = ((word & 0x7fff_ffff_ffff_ffffL) + 0.5) * TWO_TO_MINUS_64;
        double lower = inverseCdf(p);
        return word < 0 ? -lower : lower;
    }

    /**
     * Φ^-1(p), the standard normal quantile, by AS241 PPND16; relative error about 1e-16 for
     * 1e-100 ≤ min(p, 1 - p) (tested there), a range far wider than the 2^-65 the word grids reach.
     *
     * @throws IllegalArgumentException unless 0 &lt; p &lt; 1
     */
    public static double inverseCdf(double p) {
        if (!(p > 0.0 && p < 1.0)) {
            throw new IllegalArgumentException("the normal quantile needs 0 < p < 1, got " + p);
        }
        double q = p - 0.5;
        if (Math.abs(q) <= 0.425) {
            double r = 0.180625 - q * q;
            return q * (((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r
                    + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
                    + 133.14166789178437745) * r + 3.387132872796366608)
                    / (((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r
                    + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
                    + 42.313330701600911252) * r + 1.0);
        }
        double tail = q < 0 ? p : 1.0 - p;
        double r = Math.sqrt(-Math.log(tail));
        double z;
        if (r <= 5.0) {
            r -= 1.6;
            z = (((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
                    + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
                    + 4.6303378461565452959) * r + 1.42343711074968357734)
                    / (((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
                    + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
                    + 2.05319162663775882187) * r + 1.0);
        } else {
            r -= 5.0;
            z = (((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
                    + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
                    + 5.4637849111641143699) * r + 6.6579046435011037772)
                    / (((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
                    + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
                    + 0.59983220655588793769) * r + 1.0);
        }
        return q < 0 ? -z : z;
    }
}
