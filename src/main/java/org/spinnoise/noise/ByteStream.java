package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;

/**
 * A stream of uniform bytes that a Gaussian generator turns into samples: the entropy pool for {@code trng}, or any
 * other byte supplier (a study of biased raw bits, a fixed vector in a test). Reads are all-or-nothing: a generator
 * first {@link #reserve reserves} what a whole request needs, so a stream that cannot cover it refuses before a single
 * byte is handed out. Bytes are read in order and never twice.
 */
public interface ByteStream {

    /** Fills {@code out[offset .. offset+length)} with the next bytes of an unbounded supplier. */
    @FunctionalInterface
    interface Filler {
        void fill(byte[] out, int offset, int length) throws IOException;
    }

    /**
     * Makes sure the next {@code byteCount} bytes can be read.
     *
     * @throws NoiseExhaustedException when they cannot; then nothing has been consumed
     */
    void reserve(long byteCount) throws IOException;

    /** Copies the next {@code length} bytes into {@code out}; a reservation made first guarantees success. */
    void read(byte[] out, int offset, int length) throws IOException;

    /** Bytes handed out so far: the offset of the next byte in this stream. */
    long position();

    /** An unbounded stream over {@code filler}, which is asked exactly for the bytes handed out. */
    static ByteStream of(Filler filler) {
        Objects.requireNonNull(filler, "filler");
        return new ByteStream() {
            private long position;

            @Override
            public void reserve(long byteCount) {
                // Unbounded: every request can be covered.
            }

            @Override
            public void read(byte[] out, int offset, int length) throws IOException {
                Objects.checkFromIndexSize(offset, length, out.length);
                filler.fill(out, offset, length);
                position += length;
            }

            @Override
            public long position() {
                return position;
            }
        };
    }
}
