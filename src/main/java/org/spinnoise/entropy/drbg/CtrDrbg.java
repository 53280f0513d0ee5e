package org.spinnoise.entropy.drbg;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIST SP 800-90A Rev. 1 §10.2.1 CTR_DRBG with AES-256 and <em>no derivation function</em>, security strength 256
 * bits, without prediction resistance: update (§10.2.1.2), instantiate (§10.2.1.3.1), reseed (§10.2.1.4.1) and
 * generate (§10.2.1.5.1), with ctr_len = blocklen = 128 bits. Without a derivation function the entropy input must be
 * full-entropy and exactly seedlen = 384 bits (48 bytes); personalization and additional input are at most 48 bytes
 * (zero-padded). Table 3 limits: at most 2^19 bits (65,536 bytes) per generate request and 2^48 requests between
 * reseeds; generate refuses with {@link ReseedRequiredException} past the configured interval.
 *
 * <p>Speed: generate writes the counter blocks V+1, V+2, … (ctr_len = 128, big-endian) for the whole request into
 * one buffer and encrypts them with a single {@code AES/ECB/NoPadding} call, which HotSpot runs with AES-NI over many
 * blocks at once (on JDK 17 this measured several times faster than {@code AES/CTR/NoPadding} over zeros, which
 * would give the same bytes). Not thread-safe.
 */
public final class CtrDrbg {

    /** SP 800-90A Table 3: max_number_of_bits_per_request = 2^19 bits. */
    public static final int MAX_BYTES_PER_REQUEST = 1 << 16;
    /** SP 800-90A Table 3: reseed_interval ≤ 2^48 requests. */
    public static final long MAX_RESEED_INTERVAL_REQUESTS = 1L << 48;
    /** seedlen for AES-256: keylen 256 + blocklen 128 bits. */
    public static final int SEED_BYTES = 48;

    private static final int KEY_BYTES = 32;
    private static final int BLOCK_BYTES = 16;
    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);

    private final long reseedIntervalRequests;
    private final Cipher ecb;
    private final byte[] key = new byte[KEY_BYTES];
    private final byte[] value = new byte[BLOCK_BYTES];
    private final byte[] counterBlocks = new byte[SEED_BYTES];
    private final byte[] counters = new byte[MAX_BYTES_PER_REQUEST];
    private final byte[] temp = new byte[SEED_BYTES];
    private long reseedCounter;
    private boolean instantiated;

    /** A DRBG with the standard's largest reseed interval, 2^48 generate requests. */
    public CtrDrbg() {
        this(MAX_RESEED_INTERVAL_REQUESTS);
    }

    /** @param reseedIntervalRequests generate requests allowed between reseeds, 1 ≤ interval ≤ 2^48 */
    public CtrDrbg(long reseedIntervalRequests) {
        if (reseedIntervalRequests < 1 || reseedIntervalRequests > MAX_RESEED_INTERVAL_REQUESTS) {
            throw new IllegalArgumentException("CTR_DRBG reseed interval must lie within 1..2^48 requests, got "
                    + reseedIntervalRequests);
        }
        this.reseedIntervalRequests = reseedIntervalRequests;
        try {
            this.ecb = Cipher.getInstance("AES/ECB/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no AES/ECB, which the JDK provides", e);
        }
    }

    /**
     * §10.2.1.3.1: seed_material = entropyInput ⊕ personalization (zero-padded); Key = 0, V = 0; update; reseed
     * counter 1.
     *
     * @param entropyInput    exactly 48 full-entropy bytes
     * @param personalization at most 48 bytes, may be null or empty
     */
    public void instantiate(byte[] entropyInput, byte[] personalization) {
        byte[] seedMaterial = seedMaterial(entropyInput, personalization, "personalization string");
        Arrays.fill(key, (byte) 0);
        Arrays.fill(value, (byte) 0);
        update(seedMaterial);
        Arrays.fill(seedMaterial, (byte) 0);
        reseedCounter = 1;
        instantiated = true;
    }

    /**
     * §10.2.1.4.1: seed_material = entropyInput ⊕ additionalInput (zero-padded); update; reseed counter 1.
     *
     * @param entropyInput    exactly 48 full-entropy bytes
     * @param additionalInput at most 48 bytes, may be null or empty
     */
    public void reseed(byte[] entropyInput, byte[] additionalInput) {
        requireInstantiated();
        byte[] seedMaterial = seedMaterial(entropyInput, additionalInput, "additional input");
        update(seedMaterial);
        Arrays.fill(seedMaterial, (byte) 0);
        reseedCounter = 1;
    }

    /**
     * §10.2.1.5.1: writes {@code length} pseudorandom bytes to {@code out[offset ..]}.
     *
     * @param length          at most {@link #MAX_BYTES_PER_REQUEST}
     * @param additionalInput at most 48 bytes, may be null or empty
     * @throws ReseedRequiredException when the reseed interval is used up; nothing is generated
     */
    public void generate(byte[] out, int offset, int length, byte[] additionalInput) {
        requireInstantiated();
        Objects.checkFromIndexSize(offset, length, out.length);
        if (length > MAX_BYTES_PER_REQUEST) {
            throw new IllegalArgumentException("CTR_DRBG generates at most " + MAX_BYTES_PER_REQUEST
                    + " bytes (2^19 bits) per request, asked for " + length + "; split the request");
        }
        if (reseedCounter > reseedIntervalRequests) {
            throw new ReseedRequiredException("CTR_DRBG", reseedIntervalRequests);
        }
        byte[] additional = padded(additionalInput, "additional input");
        boolean hasAdditional = additionalInput != null && additionalInput.length > 0;
        if (hasAdditional) {
            update(additional);
        }
        int blocks = (length + BLOCK_BYTES - 1) / BLOCK_BYTES;
        long high = (long) BIG_ENDIAN_LONG.get(value, 0);
        long low = (long) BIG_ENDIAN_LONG.get(value, 8);
        for (int b = 0; b < blocks; b++) {
            low++;
            if (low == 0) {
                high++;
            }
            BIG_ENDIAN_LONG.set(counters, b * BLOCK_BYTES, high);
            BIG_ENDIAN_LONG.set(counters, b * BLOCK_BYTES + 8, low);
        }
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            int whole = length - length % BLOCK_BYTES;
            ecb.update(counters, 0, whole, out, offset);
            if (whole < length) {
                byte[] last = ecb.update(counters, whole, BLOCK_BYTES);
                System.arraycopy(last, 0, out, offset + whole, length - whole);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB refused a 32-byte key or whole blocks", e);
        }
        // V now names the last block used (V+1 .. V+blocks were encrypted).
        BIG_ENDIAN_LONG.set(value, 0, high);
        BIG_ENDIAN_LONG.set(value, 8, low);
        updateWithKeyedCipher(additional);
        reseedCounter++;
    }

    /** Generate requests made since the last (re)seed, plus one, as in §10.2.1.5.1. */
    public long reseedCounter() {
        return reseedCounter;
    }

    public boolean isInstantiated() {
        return instantiated;
    }

    /** §10.2.1.2 CTR_DRBG_Update: three blocks AES(Key, V+i), XOR providedData, split into Key ‖ V. */
    private void update(byte[] providedData) {
        try {
            ecb.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB refused a 32-byte key", e);
        }
        updateWithKeyedCipher(providedData);
    }

    /** {@link #update} when the cipher already holds the current Key (right after generate's blocks): one key
     * schedule per generate request instead of two. */
    private void updateWithKeyedCipher(byte[] providedData) {
        for (int i = 0; i < SEED_BYTES; i += BLOCK_BYTES) {
            increment(value, 1);
            System.arraycopy(value, 0, counterBlocks, i, BLOCK_BYTES);
        }
        try {
            ecb.doFinal(counterBlocks, 0, SEED_BYTES, temp, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-ECB refused three whole blocks", e);
        }
        for (int i = 0; i < SEED_BYTES; i++) {
            temp[i] ^= providedData[i];
        }
        System.arraycopy(temp, 0, key, 0, KEY_BYTES);
        System.arraycopy(temp, KEY_BYTES, value, 0, BLOCK_BYTES);
        Arrays.fill(temp, (byte) 0);
    }

    /** V = (V + n) mod 2^128, big-endian. */
    private static void increment(byte[] block, long n) {
        long carry = n;
        for (int i = block.length - 1; i >= 0 && carry != 0; i--) {
            long sum = (block[i] & 0xff) + (carry & 0xff);
            block[i] = (byte) sum;
            carry = (carry >>> 8) + (sum >>> 8);
        }
    }

    private static byte[] seedMaterial(byte[] entropyInput, byte[] extra, String extraName) {
        Objects.requireNonNull(entropyInput, "entropy input");
        if (entropyInput.length != SEED_BYTES) {
            throw new IllegalArgumentException("CTR_DRBG (AES-256, no derivation function) needs exactly "
                    + SEED_BYTES + " bytes of full-entropy input, got " + entropyInput.length);
        }
        byte[] material = padded(extra, extraName);
        for (int i = 0; i < SEED_BYTES; i++) {
            material[i] ^= entropyInput[i];
        }
        return material;
    }

    private static byte[] padded(byte[] input, String name) {
        byte[] out = new byte[SEED_BYTES];
        if (input != null) {
            if (input.length > SEED_BYTES) {
                throw new IllegalArgumentException("CTR_DRBG without a derivation function takes at most "
                        + SEED_BYTES + " bytes of " + name + ", got " + input.length);
            }
            System.arraycopy(input, 0, out, 0, input.length);
        }
        return out;
    }

    private void requireInstantiated() {
        if (!instantiated) {
            throw new IllegalStateException("CTR_DRBG used before instantiate()");
        }
    }
}
