package org.spinnoise.noise;

import java.io.IOException;
import java.util.Locale;

/**
 * Sums of bits, the cheapest Gaussian a hardware design can build: the sum S of {@code terms} unsigned words of
 * {@code bitsPerTerm} bits each (one bit per term: a count of ones, {@code clt-K}; several: the Irwin–Hall sum of K
 * uniform words, {@code irwin-hall-KxB}), then {@code z = (S − centre) / scale}. For fair bits the exact correction is
 * centre = K·(2^B − 1)/2 and scale² = K·(4^B − 1)/12, so z has mean 0 and variance 1 exactly; for bits that are 1
 * with probability p (one bit per term) it is centre = K·p, scale² = K·p·(1 − p). z takes K·(2^B − 1) + 1 values and
 * never leaves ±centre/scale; its excess kurtosis for fair bits is −(6/5)·(4^B + 1)/((4^B − 1)·K), which is −2/K for
 * single bits and about −1.2/K for wide words.
 *
 * <p>Moments for bits that are 1 with probability p follow from cumulants: S is a weighted sum of independent
 * Bernoulli bits (weight 2^j for the bit j places above a word's last), and the r-th cumulant of a sum is the sum of
 * weight^r times the Bernoulli cumulant (p, pq, pq(q − p), pq(1 − 6pq)).
 */
public final class BitSum extends BitConstruction {
    /** Largest number of terms. */
    public static final int MAX_TERMS = 64;
    /** Widest word. */
    public static final int MAX_BITS_PER_TERM = 16;

    private final int terms;
    private final int bitsPerTerm;
    private final double centre;
    private final double scale;
    private final String label;
    private final String correction;
    private final double designProbability;

    private BitSum(int terms, int bitsPerTerm, double centre, double scale, String label, String correction,
                   double designProbability) {
        if (terms < 1 || terms > MAX_TERMS) {
            throw new IllegalArgumentException("a bit sum has 1 to " + MAX_TERMS + " terms, got " + terms);
        }
        if (bitsPerTerm < 1 || bitsPerTerm > MAX_BITS_PER_TERM) {
            throw new IllegalArgumentException("a bit sum's words have 1 to " + MAX_BITS_PER_TERM + " bits, got "
                    + bitsPerTerm);
        }
        this.terms = terms;
        this.bitsPerTerm = bitsPerTerm;
        this.centre = centre;
        this.scale = scale;
        this.label = label;
        this.correction = correction;
        this.designProbability = designProbability;
    }

    /** {@code clt-K}: the count S of ones in K fair bits, z = (S − K/2) / √(K/4). */
    public static BitSum fairBits(int bits) {
        return new BitSum(bits, 1, bits / 2.0, Math.sqrt(bits / 4.0), "clt-" + bits,
                String.format(Locale.ROOT, "z = (S - K/2)/sqrt(K/4) = (S - %s)/%s", number(bits / 2.0),
                        number(Math.sqrt(bits / 4.0))), 0.5);
    }

    /**
     * The count S of ones in K bits that are each 1 with probability p, corrected exactly for that p:
     * z = (S − K·p) / √(K·p·(1 − p)).
     */
    public static BitSum biasedBits(int bits, double onesProbability) {
        requireProbability(onesProbability);
        double p = onesProbability;
        double sd = Math.sqrt(bits * p * (1 - p));
        return new BitSum(bits, 1, bits * p, sd, String.format(Locale.ROOT, "clt-%d-p%.5f", bits, p),
                String.format(Locale.ROOT, "z = (S - K*p)/sqrt(K*p*(1-p)) with p = %.5f: (S - %s)/%s", p,
                        number(bits * p), number(sd)), p);
    }

    /** {@code irwin-hall-KxB}: the sum S of K fair B-bit words, z = (S − K(2^B − 1)/2) / √(K(4^B − 1)/12). */
    public static BitSum uniformWords(int words, int bitsPerWord) {
        if (bitsPerWord < 2) {
            throw new IllegalArgumentException("a sum of 1-bit words is clt-" + words + ", not irwin-hall");
        }
        double mean = words * ((1 << bitsPerWord) - 1) / 2.0;
        double sd = Math.sqrt(words * (Math.pow(4, bitsPerWord) - 1) / 12);
        return new BitSum(words, bitsPerWord, mean, sd, "irwin-hall-" + words + "x" + bitsPerWord,
                String.format(Locale.ROOT, "z = (S - K(2^B-1)/2)/sqrt(K(4^B-1)/12) = (S - %s)/%s", number(mean),
                        number(sd)), 0.5);
    }

    public int terms() {
        return terms;
    }

    public int bitsPerTerm() {
        return bitsPerTerm;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public int bitsPerNormal() {
        return terms * bitsPerTerm;
    }

    @Override
    public String description() {
        Moments design = moments(designProbability);
        String what = bitsPerTerm == 1 ? String.format(Locale.ROOT, "sum S of K = %d bits", terms)
                : String.format(Locale.ROOT, "sum S of K = %d uniform words of B = %d bits (Irwin-Hall)", terms,
                bitsPerTerm);
        return String.format(Locale.ROOT, "%s, %s; %d values, |z| <= %.4g; skewness %.4g, excess kurtosis %.4g "
                        + "for %s; %d bits/normal", what, correction, terms * ((1L << bitsPerTerm) - 1) + 1,
                Math.max(centre, terms * ((1L << bitsPerTerm) - 1) - centre) / scale, design.skewness(),
                design.excessKurtosis(), designProbability == 0.5 ? "fair bits"
                : "bits that are 1 with probability " + number(designProbability), bitsPerNormal());
    }

    @Override
    public Moments moments(double onesProbability) {
        requireProbability(onesProbability);
        double p = onesProbability;
        double q = 1 - p;
        double w1 = terms * (Math.pow(2, bitsPerTerm) - 1);
        double w2 = terms * (Math.pow(4, bitsPerTerm) - 1) / 3;
        double w3 = terms * (Math.pow(8, bitsPerTerm) - 1) / 7;
        double w4 = terms * (Math.pow(16, bitsPerTerm) - 1) / 15;
        double k2 = p * q * w2;
        return new Moments((p * w1 - centre) / scale, k2 / (scale * scale),
                p * q * (q - p) * w3 / Math.pow(k2, 1.5), p * q * (1 - 6 * p * q) * w4 / (k2 * k2));
    }

    /**
     * The K-fold convolution of the uniform word distribution, by running sums: O(K² · 2^B) time, so seconds for the
     * widest sums (64 words of 16 bits) and instant for the rest.
     */
    @Override
    public Atoms fairAtoms() {
        int width = 1 << bitsPerTerm;
        double[] p = {1.0};
        for (int t = 0; t < terms; t++) {
            double[] next = new double[p.length + width - 1];
            double window = 0;
            for (int s = 0; s < next.length; s++) {
                window += s < p.length ? p[s] : 0;
                window -= s - width >= 0 && s - width < p.length ? p[s - width] : 0;
                next[s] = Math.max(0, window) / width;
            }
            p = next;
        }
        double[] values = new double[p.length];
        for (int s = 0; s < p.length; s++) {
            values[s] = (s - centre) / scale;
        }
        return new Atoms(values, p);
    }

    @Override
    double sample(BitFields bits) throws IOException {
        long sum = 0;
        if (bitsPerTerm == 1) {
            for (int left = terms; left > 0; left -= 32) {
                sum += Integer.bitCount(bits.next(Math.min(32, left)));
            }
        } else {
            for (int t = 0; t < terms; t++) {
                sum += bits.next(bitsPerTerm);
            }
        }
        return (sum - centre) / scale;
    }

    private static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", x)).stripTrailingZeros().toPlainString();
    }
}
