package org.spinnoise.noise;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.EntropyPool;

/**
 * Noise mode {@code trng}: every sample from fresh stream bytes, by {@link GaussianInversion}: exactly 32 bits per
 * float32 normal and 64 per float64 normal (little-endian words), raw bytes passed through. Over the entropy pool
 * ({@link #fromPool}) each request either is covered in full or fails with {@link NoiseExhaustedException} before
 * anything is handed out. The account's {@code hardwareBits} is 8 × the stream bytes handed out, and
 * {@code streamPosition} is this source's offset in its stream of pool bytes.
 */
public final class TrngNoiseSource implements NoiseSource {
    private static final Logger LOG = LoggerFactory.getLogger(TrngNoiseSource.class);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final int SCRATCH_BYTES = 64 << 10;

    private final ByteStream stream;
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private long normals;
    private long rawBytes;

    private TrngNoiseSource(ByteStream stream) {
        this.stream = Objects.requireNonNull(stream, "stream");
    }

    /** Samples from {@code pool}, accounted to {@code consumer}, taking exactly the bytes each request needs. */
    public static TrngNoiseSource fromPool(EntropyPool pool, String consumer) {
        return new TrngNoiseSource(new PoolByteStream(pool, consumer));
    }

    /** Samples from any byte stream, for instance deliberately biased raw bits in a quality study. */
    public static TrngNoiseSource over(ByteStream stream) {
        return new TrngNoiseSource(stream);
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.TRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        stream.reserve((long) length * Float.BYTES);
        int perChunk = SCRATCH_BYTES / Float.BYTES;
        for (int done = 0; done < length; ) {
            int n = Math.min(perChunk, length - done);
            stream.read(scratch, 0, n * Float.BYTES);
            for (int i = 0; i < n; i++) {
                out[offset + done + i] = GaussianInversion.floatOf((int) INT_LE.get(scratch, i * Float.BYTES));
            }
            done += n;
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        stream.reserve((long) length * Double.BYTES);
        int perChunk = SCRATCH_BYTES / Double.BYTES;
        for (int done = 0; done < length; ) {
            int n = Math.min(perChunk, length - done);
            stream.read(scratch, 0, n * Double.BYTES);
            for (int i = 0; i < n; i++) {
                out[offset + done + i] = GaussianInversion.doubleOf((long) LONG_LE.get(scratch, i * Double.BYTES));
            }
            done += n;
        }
        normals += length;
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        stream.reserve(length);
        stream.read(out, offset, length);
        rawBytes += length;
    }

    @Override
    public NoiseAccount account() {
        long position = stream.position();
        return new NoiseAccount(normals, rawBytes, position, position * Byte.SIZE);
    }

    /** Bytes taken from the pool (between requests, exactly those handed out); for another stream, handed out. */
    public long poolBytesTaken() {
        return stream instanceof PoolByteStream pool ? pool.takenBytes() : stream.position();
    }

    @Override
    public void close() {
        if (stream instanceof PoolByteStream pool && pool.bufferedBytes() > 0) {
            LOG.debug("trng source for {} closes with {} pool bytes taken but unused; they are not served again",
                    pool.consumer(), pool.bufferedBytes());
        }
    }
}
