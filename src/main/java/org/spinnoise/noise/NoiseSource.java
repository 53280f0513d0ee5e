package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;

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

    /**
     * Writes {@code count} float32 samples, the same ones {@link #fillFloats} would give, as little-endian bytes at
     * {@code out[byteOffset ..]}: the noise service's wire format. Sources over a word generator write them in place;
     * the others go through a small float array.
     */
    default void fillFloatsLittleEndian(byte[] out, int byteOffset, int count) throws IOException {
        Objects.checkFromIndexSize(byteOffset, (long) count * Float.BYTES, out.length);
        float[] chunk = new float[Math.min(count, 4096)];
        for (int done = 0; done < count; done += chunk.length) {
            int n = Math.min(chunk.length, count - done);
            fillFloats(chunk, 0, n);
            for (int j = 0; j < n; j++) {
                Ziggurat32.putFloat(out, byteOffset + (done + j) * Float.BYTES, chunk[j]);
            }
        }
    }

    /** Fills {@code out[offset .. offset+length)} with independent N(0, 1) float64 samples. */
    void fillDoubles(double[] out, int offset, int length) throws IOException;

    /** Fills {@code out[offset .. offset+length)} with uniform random bytes from this mode's stream. */
    void fillBytes(byte[] out, int offset, int length) throws IOException;

    /** Totals so far. */
    NoiseAccount account();

    @Override
    void close();
}
