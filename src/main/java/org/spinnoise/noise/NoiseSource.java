package org.spinnoise.noise;

import java.io.IOException;

/**
 * Gaussian noise for samplers, and raw bytes, in one of the three {@link NoiseMode}s. A source is used by one thread
 * at a time. In {@code trng} mode a request the pool cannot cover fails with {@link NoiseExhaustedException} and
 * hands out nothing.
 */
public interface NoiseSource extends AutoCloseable {

    NoiseMode mode();

    /**
     * What to print beside the samples: the mode's label, or for an approximate generator its own label (such as
     * {@code clt-16}) so it is never mistaken for one of the exact modes.
     */
    default String label() {
        return mode().label();
    }

    /** Fills {@code out[offset .. offset+length)} with independent N(0, 1) float32 samples. */
    void fillFloats(float[] out, int offset, int length) throws IOException;

    /** Fills {@code out[offset .. offset+length)} with independent N(0, 1) float64 samples. */
    void fillDoubles(double[] out, int offset, int length) throws IOException;

    /** Fills {@code out[offset .. offset+length)} with uniform random bytes from this mode's stream. */
    void fillBytes(byte[] out, int offset, int length) throws IOException;

    /** Totals so far. */
    NoiseAccount account();

    @Override
    void close();
}
