package org.spinnoise.entropy.drbg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link CtrDrbg} (AES-256, no derivation function) instantiated from 48 full-entropy bytes of the entropy pool and
 * reseeded from 48 fresh pool bytes (§9.2) every {@code reseedIntervalBytes} of output; the fast DRBG behind the
 * {@code drbg} noise mode. Requests of any length are split into generate requests of at most 2^19 bits. When a
 * reseed is due and the pool cannot supply it, {@link #nextBytes} throws and the reseed stays due: output never
 * continues on a stale seed. Not thread-safe.
 */
public final class PoolSeededCtrDrbg {

    public static final long DEFAULT_RESEED_INTERVAL_BYTES = 1L << 20;
    // Separates this use of the DRBG from any other instantiated from the same pool (§8.7.1); at most 48 bytes.
    private static final byte[] PERSONALIZATION = "spinnoise pool-seeded CTR_DRBG v1"
            .getBytes(StandardCharsets.US_ASCII);

    private final EntropySupplier supplier;
    private final long reseedIntervalBytes;
    private final CtrDrbg drbg = new CtrDrbg();
    private long bytesSinceReseed;
    private long bytesGenerated;
    private long seedBytesUsed;
    private long reseeds;

    private PoolSeededCtrDrbg(EntropySupplier supplier, long reseedIntervalBytes) {
        this.supplier = supplier;
        this.reseedIntervalBytes = reseedIntervalBytes;
    }

    /**
     * A DRBG seeded now from {@code supplier}.
     *
     * @param reseedIntervalBytes output bytes between reseeds, at least 1
     * @throws IOException when the supplier cannot provide the 48 instantiation bytes
     */
    public static PoolSeededCtrDrbg seededFrom(EntropySupplier supplier, long reseedIntervalBytes)
            throws IOException {
        Objects.requireNonNull(supplier, "supplier");
        if (reseedIntervalBytes < 1) {
            throw new IllegalArgumentException("reseed interval must be at least 1 byte, got " + reseedIntervalBytes);
        }
        PoolSeededCtrDrbg seeded = new PoolSeededCtrDrbg(supplier, reseedIntervalBytes);
        byte[] seed = seeded.takeSeed("instantiate");
        seeded.drbg.instantiate(seed, PERSONALIZATION);
        Arrays.fill(seed, (byte) 0);
        return seeded;
    }

    /**
     * Fills {@code out[offset .. offset+length)}, reseeding whenever {@code reseedIntervalBytes} have been produced
     * since the last seed.
     *
     * @throws IOException when a reseed is due and the supplier fails; the range is then only partly written and
     *                     must be discarded, and the reseed stays due
     */
    public void nextBytes(byte[] out, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, out.length);
        int filled = 0;
        while (filled < length) {
            if (bytesSinceReseed >= reseedIntervalBytes) {
                reseed();
            }
            int size = (int) Math.min(Math.min(length - filled, CtrDrbg.MAX_BYTES_PER_REQUEST),
                    reseedIntervalBytes - bytesSinceReseed);
            drbg.generate(out, offset + filled, size, null);
            filled += size;
            bytesSinceReseed += size;
            bytesGenerated += size;
        }
    }

    private void reseed() throws IOException {
        byte[] entropy = takeSeed("reseed");
        drbg.reseed(entropy, null);
        Arrays.fill(entropy, (byte) 0);
        bytesSinceReseed = 0;
        reseeds++;
    }

    private byte[] takeSeed(String purpose) throws IOException {
        byte[] seed = supplier.takeSeed(CtrDrbg.SEED_BYTES, purpose, bytesGenerated);
        seedBytesUsed += seed.length;
        return seed;
    }

    /** Pool bytes taken for instantiation and reseeds. */
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
