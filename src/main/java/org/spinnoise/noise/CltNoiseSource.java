package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;

/**
 * APPROXIMATE Gaussian noise, kept only for comparison with the literature: each sample is the sum S of {@code k}
 * stream bits, centred and scaled, {@code (2S - k) / sqrt(k)}. S is binomial, so the samples have mean 0 and
 * variance 1 exactly (for fair bits) but only k + 1 distinct values, a bounded range of ±sqrt(k), and an excess
 * kurtosis of -2/k; they are NOT N(0, 1) at any k. Its {@link #label()} is {@code clt-<k>}; {@link #mode()} is
 * {@code trng} only in the sense that its bits come from the stream (the pool, or any {@link ByteStream}). Each
 * sample costs exactly k bits ({@code hardwareBits} = k × normals + 8 × raw bytes); a request the stream cannot
 * cover fails before anything is handed out.
 */
public final class CltNoiseSource implements NoiseSource {
    private static final int SCRATCH_BYTES = 64 << 10;

    private final ByteStream stream;
    private final int bitsPerSample;
    private final double scale;
    private final byte[] scratch = new byte[SCRATCH_BYTES];
    private int scratchPosition;
    private int scratchEnd;
    private long bytesReservedForRequest;
    private long bitBuffer;
    private int bitsBuffered;
    private long normals;
    private long rawBytes;

    private CltNoiseSource(ByteStream stream, int bitsPerSample) {
        this.stream = Objects.requireNonNull(stream, "stream");
        if (bitsPerSample < 1 || bitsPerSample > 1 << 20) {
            throw new IllegalArgumentException("clt noise sums 1..2^20 bits per sample, got " + bitsPerSample);
        }
        this.bitsPerSample = bitsPerSample;
        this.scale = 1.0 / Math.sqrt(bitsPerSample);
    }

    /** Samples of {@code bitsPerSample} bits each from any byte stream, for instance deliberately biased raw bits. */
    public static CltNoiseSource over(ByteStream stream, int bitsPerSample) {
        return new CltNoiseSource(stream, bitsPerSample);
    }

    /** Bits summed per sample (k). */
    public int bitsPerSample() {
        return bitsPerSample;
    }

    @Override
    public String label() {
        return "clt-" + bitsPerSample;
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.TRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        reserveSamples(length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = (float) sample();
        }
        normals += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        reserveSamples(length);
        for (int i = offset, end = offset + length; i < end; i++) {
            out[i] = sample();
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
        return new NoiseAccount(normals, rawBytes, stream.position(),
                normals * bitsPerSample + rawBytes * Byte.SIZE);
    }

    @Override
    public void close() {
        // The stream belongs to whoever opened it; a pool stream holds no files.
    }

    /** Reserves exactly the whole bytes that {@code samples} × k bits need beyond the bits already buffered. */
    private void reserveSamples(int samples) throws IOException {
        long bitsNeeded = (long) samples * bitsPerSample - bitsBuffered;
        long bytes = bitsNeeded <= 0 ? 0 : (bitsNeeded + 7) / 8;
        stream.reserve(bytes);
        bytesReservedForRequest = bytes;
        scratchPosition = 0;
        scratchEnd = 0;
    }

    private double sample() throws IOException {
        int sum = 0;
        int need = bitsPerSample;
        while (need > 0) {
            if (bitsBuffered == 0) {
                bitBuffer = nextByte() & 0xff;
                bitsBuffered = Byte.SIZE;
            }
            int take = Math.min(need, bitsBuffered);
            sum += Long.bitCount(bitBuffer & ((1L << take) - 1));
            bitBuffer >>>= take;
            bitsBuffered -= take;
            need -= take;
        }
        return (2.0 * sum - bitsPerSample) * scale;
    }

    private byte nextByte() throws IOException {
        if (scratchPosition == scratchEnd) {
            int n = (int) Math.min(SCRATCH_BYTES, bytesReservedForRequest);
            stream.read(scratch, 0, n);
            bytesReservedForRequest -= n;
            scratchPosition = 0;
            scratchEnd = n;
        }
        return scratch[scratchPosition++];
    }
}
