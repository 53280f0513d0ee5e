package org.spinnoise.noise;

import java.io.IOException;
import java.util.Locale;

/**
 * A small inversion table, {@code inv-B}: a B-bit word m (1 ≤ B ≤ 16) indexes a table of the 2^B cell-centre
 * quantiles Φ⁻¹((m + ½)/2^B), {@code trng}'s 32-bit inversion ({@link GaussianInversion}) cut down to a ROM a chip
 * can hold, divided by σ_B = √(2^-B Σ_m Φ⁻¹((m + ½)/2^B)²) so the output has variance 1 exactly (the centre quantiles
 * alone fall short of it: σ_8 = 0.99749, σ_12 = 0.99984, σ_16 = 0.99999). The table is mirrored (entry 2^B − 1 − m is minus
 * entry m), so the mean is 0 exactly. The output takes 2^B equiprobable values and ends at Φ⁻¹(1 − 2^-(B+1))/σ_B
 * (2.893 at B = 8, 3.669 at B = 12, 4.325 at B = 16), which is where its shortfall of kurtosis comes from; {@code inv-1}
 * is ±1 noise.
 */
public final class InversionTable extends BitConstruction {
    /** Widest index. */
    public static final int MAX_BITS = 16;

    private final int bits;
    private final double[] table;
    private final double unscaledSd;

    private InversionTable(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("an inversion table takes 1 to " + MAX_BITS + " bits, got " + bits);
        }
        this.bits = bits;
        int size = 1 << bits;
        double[] quantiles = new double[size];
        double sumSquares = 0;
        for (int m = 0; m < size / 2; m++) {
            double z = GaussianInversion.inverseCdf((m + 0.5) / size);
            quantiles[m] = z;
            quantiles[size - 1 - m] = -z;
            sumSquares += 2 * z * z;
        }
        this.unscaledSd = Math.sqrt(sumSquares / size);
        for (int m = 0; m < size; m++) {
            quantiles[m] /= unscaledSd;
        }
        this.table = quantiles;
    }

    /** The table of {@code bits}-bit words. */
    public static InversionTable ofBits(int bits) {
        return new InversionTable(bits);
    }

    /** σ_B, the standard deviation of the cell-centre quantiles the table is divided by. */
    public double unscaledSd() {
        return unscaledSd;
    }

    /** Entry m of the table. */
    public double entry(int m) {
        return table[m];
    }

    @Override
    public String label() {
        return "inv-" + bits;
    }

    @Override
    public int bitsPerNormal() {
        return bits;
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "B = %d bits index a table of the 2^%d cell-centre normal quantiles "
                        + "Phi^-1((m + 1/2)/2^%d), divided by their sd %.6f so the variance is 1 exactly (mean 0 by "
                        + "symmetry); %d values, |z| <= %.4g; excess kurtosis %.4g for fair bits; %d bits/normal", bits,
                bits, bits, unscaledSd, 1 << bits, table[table.length - 1], fairAtoms().moments().excessKurtosis(),
                bits);
    }

    /** Entry m has probability p^ones(m)·(1 − p)^(B − ones(m)) for bits that are 1 with probability p. */
    @Override
    public Moments moments(double onesProbability) {
        requireProbability(onesProbability);
        double[] probabilities = new double[table.length];
        for (int m = 0; m < table.length; m++) {
            int ones = Integer.bitCount(m);
            probabilities[m] = Math.pow(onesProbability, ones) * Math.pow(1 - onesProbability, bits - ones);
        }
        return new Atoms(table.clone(), probabilities).moments();
    }

    @Override
    public Atoms fairAtoms() {
        double[] probabilities = new double[table.length];
        java.util.Arrays.fill(probabilities, 1.0 / table.length);
        return new Atoms(table.clone(), probabilities);
    }

    @Override
    double sample(BitFields fields) throws IOException {
        return table[fields.next(bits)];
    }
}
