package org.spinnoise.entropy.drbg;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The one DRBG of noise mode {@code drbg}, wherever it is used ({@code pool take}, {@code serve}, {@code sample},
 * {@code evaluate}): a {@link CtrDrbg} (SP 800-90A Rev. 1 §10.2.1, AES-256, no derivation function) instantiated from
 * 48 full-entropy bytes of the entropy pool and reseeded from 48 fresh pool bytes (§9.2) every
 * {@code reseedIntervalBytes} of output. Requests of any length are split into generate requests of at most 2^19
 * bits. When a reseed is due and the pool cannot supply it, {@link #nextBytes} throws and the reseed stays due: output
 * never continues on a stale seed. {@link #GENERATOR} names it in manifests, reports and service pongs. Not
 * thread-safe.
 */
public final class PoolSeededDrbg {

    /** The noise mode whose output this generator makes. */
    public static final String MODE = "drbg";
    public static final long DEFAULT_RESEED_INTERVAL_BYTES = 1L << 20;
    /** Pool bytes one instantiation or one reseed takes. */
    public static final int SEED_BYTES = CtrDrbg.SEED_BYTES;
    /** How manifests, reports and the service name this generator; changes only with the algorithm. */
    public static final String GENERATOR = "CTR_DRBG (SP 800-90A Rev. 1, AES-256, no derivation function), "
            + "48 pool bytes per instantiation and per reseed, reseeded every MiB of output";
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
    public static PoolSeededDrbg seededFrom(EntropySupplier supplier, long reseedIntervalBytes)
            throws IOException {
        Objects.requireNonNull(supplier, "supplier");
        if (reseedIntervalBytes < 1) {
            throw new IllegalArgumentException("reseed interval must be at least 1 byte, got " + reseedIntervalBytes);
        }
        PoolSeededDrbg seeded = new PoolSeededDrbg(supplier, reseedIntervalBytes);
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
        byte[] seed = supplier.takeSeed(SEED_BYTES, purpose, bytesGenerated);
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
