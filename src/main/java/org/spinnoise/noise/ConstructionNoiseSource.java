package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;

/**
 * APPROXIMATE Gaussian noise made by a {@link BitConstruction} (a sum of bits or words, or a small inversion table)
 * from a byte stream: the pool, or a run's raw bits. Kept for comparison with {@code trng}'s exact 32-bit inversion
 * and with the literature; its {@link #label()} is the construction's ({@code clt-16}, {@code inv-8}, ...) so it is
 * never mistaken for one of the exact modes, and {@link #mode()} is {@code trng} in the sense that its bits come from
 * the stream. Bits are taken in stream order, most significant bit of each byte first.
 *
 * <p>Accounting: every sample costs exactly {@link BitConstruction#bitsPerNormal()} bits, so {@code hardwareBits} =
 * bitsPerNormal × normals + 8 × raw bytes exactly; the stream gives whole bytes, so {@code streamPosition} × 8 exceeds
 * that by the 0 to 7 bits of the last byte not yet used, which the next request uses first. A request the stream
 * cannot cover fails before anything is handed out.
 */
public final class ConstructionNoiseSource implements NoiseSource {
    private final BitConstruction construction;
    private final BitFields bits;
    private long normals;
    private long rawBytes;

    private ConstructionNoiseSource(ByteStream stream, BitConstruction construction) {
        this.bits = new BitFields(stream);
        this.construction = Objects.requireNonNull(construction, "construction");
    }

    /** Samples of {@code construction} from any byte stream (the pool, a run's raw bits, deliberately biased bits). */
    public static ConstructionNoiseSource over(ByteStream stream, BitConstruction construction) {
        return new ConstructionNoiseSource(stream, construction);
    }

    public BitConstruction construction() {
        return construction;
    }

    @Override
    public String label() {
        return construction.label();
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.TRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        bits.reserve((long) length * construction.bitsPerNormal());
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = (float) construction.sample(bits);
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        bits.reserve((long) length * construction.bitsPerNormal());
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = construction.sample(bits);
        }
        normals += length;
    }

    /** Whole bytes straight from the stream; bits carried from the last normal wait for the next one. */
    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        ByteStream stream = bits.stream();
        stream.reserve(length);
        stream.read(out, offset, length);
        rawBytes += length;
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(normals, rawBytes, bits.stream().position(),
                normals * construction.bitsPerNormal() + rawBytes * Byte.SIZE);
    }

    @Override
    public void close() {
        // The stream belongs to whoever opened it; a pool stream holds no files.
    }
}
