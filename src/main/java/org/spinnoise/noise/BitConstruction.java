package org.spinnoise.noise;

import java.io.IOException;
import java.util.Arrays;

/**
 * One way a hardware design turns a fixed number of random bits into one approximately N(0, 1) sample, with the
 * theory to check it by: the exact moments of its output when every bit is independently 1 with probability p, and
 * the exact output distribution for fair bits (its distinct values and their probabilities), from which follow its
 * Kolmogorov–Smirnov distance to Φ and how many normals {@link NoiseDiagnostics} needs to flag it. The constructions
 * are {@link BitSum} (sums of k bits, or of k multi-bit words: Irwin–Hall) and {@link InversionTable} (a small
 * inversion table); {@code trng}'s 32-bit inversion ({@link GaussianInversion}) is the exact one they are compared with.
 * {@link ConstructionNoiseSource} draws samples from a byte stream with one.
 */
public abstract sealed class BitConstruction permits BitSum, InversionTable {

    /** Mean, variance, skewness and excess kurtosis of a construction's output. */
    public record Moments(double mean, double variance, double skewness, double excessKurtosis) {
    }

    /**
     * A discrete distribution: ascending distinct {@code values} and their {@code probabilities} (summing to 1).
     */
    public record Atoms(double[] values, double[] probabilities) {

        public Moments moments() {
            double mean = 0;
            for (int i = 0; i < values.length; i++) {
                mean += probabilities[i] * values[i];
            }
            double m2 = 0;
            double m3 = 0;
            double m4 = 0;
            for (int i = 0; i < values.length; i++) {
                double d = values[i] - mean;
                double d2 = d * d;
                m2 += probabilities[i] * d2;
                m3 += probabilities[i] * d2 * d;
                m4 += probabilities[i] * d2 * d2;
            }
            return new Moments(mean, m2, m3 / Math.pow(m2, 1.5), m4 / (m2 * m2) - 3);
        }

        /**
         * sup |F(x) − Φ(x)|: between atoms F is flat and Φ rises, so the supremum is at an atom, just below or at it.
         */
        public double ksDistance() {
            double below = 0;
            double worst = 0;
            for (int i = 0; i < values.length; i++) {
                double phi = NoiseDiagnostics.normalCdf(values[i]);
                worst = Math.max(worst, Math.abs(phi - below));
                below += probabilities[i];
                worst = Math.max(worst, Math.abs(below - phi));
            }
            return worst;
        }

        /** The largest |value|. */
        public double maxAbs() {
            return Math.max(Math.abs(values[0]), Math.abs(values[values.length - 1]));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Atoms a && Arrays.equals(values, a.values) && Arrays.equals(probabilities,
                    a.probabilities);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(values) + Arrays.hashCode(probabilities);
        }

        @Override
        public String toString() {
            return values.length + " atoms in [" + values[0] + ", " + values[values.length - 1] + "]";
        }
    }

    /** The label a table prints, e.g. {@code clt-16}, {@code irwin-hall-4x16}, {@code inv-8}. */
    public abstract String label();

    /** Bits behind each sample: exactly this many, whatever the sample's value. */
    public abstract int bitsPerNormal();

    /** One line: the bits taken, the exact correction applied, and what the output's distribution is. */
    public abstract String description();

    /** Exact moments of the output when every bit is independently 1 with probability {@code onesProbability}. */
    public abstract Moments moments(double onesProbability);

    /** The exact output distribution for fair bits. */
    public abstract Atoms fairAtoms();

    /** One sample from the next {@link #bitsPerNormal()} bits. */
    abstract double sample(BitFields bits) throws IOException;

    /**
     * Normals from fair bits beyond which {@link NoiseDiagnostics} flags this construction in nearly every run: the
     * smallest n at which the expected value of one of its figures reaches that figure's limit. The KS figure reaches
     * it at n = (λ / D)², D the construction's {@link Atoms#ksDistance() KS distance} and λ the scaled KS limit; the
     * excess kurtosis κ at n = 24·(z / κ)² and the skewness s at n = 6·(z / s)², z = {@link NoiseDiagnostics#Z_LIMIT}.
     * Mean and variance are exact and never flag. For the discrete constructions KS decides, and the empirical KS
     * figure sits above D (it is the largest of many noisy gaps), so runs are flagged from somewhat fewer normals
     * (measured for clt-8, n = 265: 1 % of runs flagged at n/4, 23 % at n/2, 99 % at n). {@link Long#MAX_VALUE} when no
     * figure ever reaches its limit.
     */
    public long normalsToFlag() {
        Atoms atoms = fairAtoms();
        Moments m = atoms.moments();
        double z = NoiseDiagnostics.Z_LIMIT;
        double ks = square(NoiseDiagnostics.KS_SCALED_LIMIT / atoms.ksDistance());
        double kurtosis = 24 * square(z / m.excessKurtosis());
        double skewness = 6 * square(z / m.skewness());
        double n = Math.min(ks, Math.min(kurtosis, skewness));
        return n >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) Math.ceil(n);
    }

    private static double square(double x) {
        return x * x;
    }

    static void requireProbability(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("a probability of a one strictly between 0 and 1 is needed, got " + p);
        }
    }
}
