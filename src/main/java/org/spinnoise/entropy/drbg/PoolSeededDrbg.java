package org.spinnoise.entropy.drbg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Noise mode "drbg": an SP 800-90A Rev. 1 §10.1.2 {@link HmacDrbg} instantiated from 48 bytes of the entropy pool
 * (32 bytes of entropy input for security strength 256 plus a 16-byte nonce, §8.6.7) and reseeded from 32 fresh pool
 * bytes (§9.2) every {@code reseedIntervalBytes} of output. Requests of any length are split into generate requests of
 * at most 2^19 bits. When a reseed is due and the pool cannot supply it, {@link #nextBytes(byte[])} throws and keeps
 * the reseed due: output never continues on a stale seed. Not thread-safe.
 */
public final class PoolSeededDrbg {

    public static final String MODE = "drbg";
    public static final long DEFAULT_RESEED_INTERVAL_BYTES = 1L << 20;
    static final int ENTROPY_INPUT_BYTES = 32;
    static final int NONCE_BYTES = 16;
    // Separates this use of the DRBG from any other instantiated from the same pool (§8.7.1).
    private static final byte[] PERSONALIZATION = "spinnoise pool-seeded HMAC_DRBG v1".getBytes(StandardCharsets.US_ASCII);

    private final EntropySupplier supplier;
    private final long reseedIntervalBytes;
    private final HmacDrbg drbg = new HmacDrbg();
    private long bytesSinceReseed;
    private long bytesGenerated;
    private long seedBytesUsed;
    private long reseeds;

    private PoolSeededDrbg(EntropySupplier supplier, long reseedIntervalBytes) {
        this.supplier = supplier;
        this.reseedIntervalBytes = reseedIntervalBytes;
    }

    /** A DRBG seeded now from {@code supplier}, reseeding every {@link #DEFAULT_RESEED_INTERVAL_BYTES}. */
    public static PoolSeededDrbg seededFrom(EntropySupplier supplier) throws IOException {
        return seededFrom(supplier, DEFAULT_RESEED_INTERVAL_BYTES);
    }

    /**
     * A DRBG seeded now from {@code supplier}.
     *
     * @param reseedIntervalBytes output bytes between reseeds, at least 1
     * @throws IOException when the supplier cannot provide the 48 instantiation bytes
     */
    public static PoolSeededDrbg seededFrom(EntropySupplier supplier, long reseedIntervalBytes) throws IOException {
        Objects.requireNonNull(supplier, "supplier");
        if (reseedIntervalBytes < 1) {
            throw new IllegalArgumentException("reseed interval must be at least 1 byte, got " + reseedIntervalBytes);
        }
        PoolSeededDrbg seeded = new PoolSeededDrbg(supplier, reseedIntervalBytes);
        byte[] seed = seeded.takeSeed(ENTROPY_INPUT_BYTES + NONCE_BYTES, "instantiate");
        seeded.drbg.instantiate(Arrays.copyOfRange(seed, 0, ENTROPY_INPUT_BYTES),
                Arrays.copyOfRange(seed, ENTROPY_INPUT_BYTES, seed.length), PERSONALIZATION);
        Arrays.fill(seed, (byte) 0);
        return seeded;
    }

    /**
     * Fills {@code out} entirely, reseeding whenever {@code reseedIntervalBytes} have been produced since the last
     * seed.
     *
     * @throws IOException when a reseed is due and the supplier fails; {@code out} is then only partly written and
     *                     must be discarded, and the reseed stays due
     */
    public void nextBytes(byte[] out) throws IOException {
        int filled = 0;
        byte[] request = null;
        while (filled < out.length) {
            if (bytesSinceReseed >= reseedIntervalBytes) {
                reseed();
            }
            int size = (int) Math.min(Math.min(out.length - filled, HmacDrbg.MAX_BYTES_PER_REQUEST),
                    reseedIntervalBytes - bytesSinceReseed);
            if (request == null || request.length != size) {
                request = new byte[size];
            }
            drbg.generate(request, null);
            System.arraycopy(request, 0, out, filled, size);
            filled += size;
            bytesSinceReseed += size;
            bytesGenerated += size;
        }
    }

    private void reseed() throws IOException {
        byte[] entropy = takeSeed(ENTROPY_INPUT_BYTES, "reseed");
        drbg.reseed(entropy, null);
        Arrays.fill(entropy, (byte) 0);
        bytesSinceReseed = 0;
        reseeds++;
    }

    private byte[] takeSeed(int byteCount, String purpose) throws IOException {
        byte[] seed = supplier.takeSeed(byteCount, purpose, bytesGenerated);
        seedBytesUsed += seed.length;
        return seed;
    }

    /** Always "drbg": output of this generator is attributed to that noise mode. */
    public String mode() {
        return MODE;
    }

    public long seedBytesUsed() {
        return seedBytesUsed;
    }

    public long bytesGenerated() {
        return bytesGenerated;
    }

    /** Reseeds since instantiation (the instantiation itself not counted). */
    public long reseeds() {
        return reseeds;
    }

    public long reseedIntervalBytes() {
        return reseedIntervalBytes;
    }
}
