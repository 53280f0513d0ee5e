package org.spinnoise.entropy.drbg;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIST SP 800-90A Rev. 1 §10.1.2 HMAC_DRBG with HMAC-SHA-256, security strength 256 bits, without prediction
 * resistance: the update function (§10.1.2.2), instantiate (§10.1.2.3), reseed (§10.1.2.4) and generate (§10.1.2.5)
 * algorithms, with the limits of Table 2: entropy input of at least 256 bits, a nonce of at least 128 bits, at most
 * 2^19 bits (65,536 bytes) per generate request, and a reseed interval of at most 2^48 requests. Generate refuses with
 * {@link ReseedRequiredException} once the configured interval is used up; the caller must then reseed from fresh
 * entropy. Not thread-safe: one instance per consumer.
 */
public final class HmacDrbg {

    /** SP 800-90A Table 2: max_number_of_bits_per_request = 2^19 bits. */
    public static final int MAX_BYTES_PER_REQUEST = 1 << 16;
    /** SP 800-90A Table 2: reseed_interval ≤ 2^48 requests. */
    public static final long MAX_RESEED_INTERVAL_REQUESTS = 1L << 48;
    /** Security strength 256 bits: the entropy input must carry at least this much (§8.6.7, Table 2). */
    public static final int MIN_ENTROPY_INPUT_BYTES = 32;
    /** Nonce of at least half the security strength (§8.6.7). */
    public static final int MIN_NONCE_BYTES = 16;

    private static final String HMAC = "HmacSHA256";
    private static final int OUT_LEN_BYTES = 32;
    private static final byte[] NO_INPUT = new byte[0];

    private final long reseedIntervalRequests;
    private final Mac mac;
    private final byte[] key = new byte[OUT_LEN_BYTES];
    private final byte[] value = new byte[OUT_LEN_BYTES];
    private long reseedCounter;
    private boolean instantiated;

    /** A DRBG with the standard's largest reseed interval, 2^48 generate requests. */
    public HmacDrbg() {
        this(MAX_RESEED_INTERVAL_REQUESTS);
    }

    /** @param reseedIntervalRequests generate requests allowed between reseeds, 1 ≤ interval ≤ 2^48 */
    public HmacDrbg(long reseedIntervalRequests) {
        if (reseedIntervalRequests < 1 || reseedIntervalRequests > MAX_RESEED_INTERVAL_REQUESTS) {
            throw new IllegalArgumentException("HMAC_DRBG reseed interval must lie within 1..2^48 requests, got "
                    + reseedIntervalRequests);
        }
        this.reseedIntervalRequests = reseedIntervalRequests;
        try {
            this.mac = Mac.getInstance(HMAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM offers no " + HMAC + ", which every Java SE platform must", e);
        }
    }

    /**
     * §10.1.2.3: Key = 0x00…00, V = 0x01…01, then update(entropyInput ‖ nonce ‖ personalization); reseed counter 1.
     *
     * @param personalization may be null or empty
     */
    public void instantiate(byte[] entropyInput, byte[] nonce, byte[] personalization) {
        requireLength("entropy input", entropyInput, MIN_ENTROPY_INPUT_BYTES);
        requireLength("nonce", nonce, MIN_NONCE_BYTES);
        java.util.Arrays.fill(key, (byte) 0x00);
        java.util.Arrays.fill(value, (byte) 0x01);
        update(entropyInput, nonce, orEmpty(personalization));
        reseedCounter = 1;
        instantiated = true;
    }

    /**
     * §10.1.2.4: update(entropyInput ‖ additionalInput); reseed counter back to 1.
     *
     * @param additionalInput may be null or empty
     */
    public void reseed(byte[] entropyInput, byte[] additionalInput) {
        requireInstantiated();
        requireLength("entropy input", entropyInput, MIN_ENTROPY_INPUT_BYTES);
        update(entropyInput, orEmpty(additionalInput), NO_INPUT);
        reseedCounter = 1;
    }

    /**
     * §10.1.2.5: fills {@code out} with pseudorandom bytes.
     *
     * @param out             at most {@link #MAX_BYTES_PER_REQUEST} bytes
     * @param additionalInput may be null or empty
     * @throws ReseedRequiredException when the reseed interval is used up; nothing is generated
     */
    public void generate(byte[] out, byte[] additionalInput) {
        requireInstantiated();
        if (out.length > MAX_BYTES_PER_REQUEST) {
            throw new IllegalArgumentException("HMAC_DRBG generates at most " + MAX_BYTES_PER_REQUEST
                    + " bytes (2^19 bits) per request, asked for " + out.length + "; split the request");
        }
        if (reseedCounter > reseedIntervalRequests) {
            throw new ReseedRequiredException(reseedIntervalRequests);
        }
        byte[] additional = orEmpty(additionalInput);
        if (additional.length > 0) {
            update(additional, NO_INPUT, NO_INPUT);
        }
        for (int filled = 0; filled < out.length; filled += OUT_LEN_BYTES) {
            hmacValueIntoValue();
            System.arraycopy(value, 0, out, filled, Math.min(OUT_LEN_BYTES, out.length - filled));
        }
        update(additional, NO_INPUT, NO_INPUT);
        reseedCounter++;
    }

    /** Generate requests made since the last (re)seed, plus one, as in §10.1.2.5. */
    public long reseedCounter() {
        return reseedCounter;
    }

    public long reseedIntervalRequests() {
        return reseedIntervalRequests;
    }

    public boolean isInstantiated() {
        return instantiated;
    }

    /**
     * §10.1.2.2 HMAC_DRBG_Update with provided_data = a ‖ b ‖ c, passed in parts so no concatenation is built.
     * The second round runs only when provided_data is non-empty, as the standard says.
     */
    private void update(byte[] a, byte[] b, byte[] c) {
        rekey((byte) 0x00, a, b, c);
        hmacValueIntoValue();
        if (a.length + b.length + c.length == 0) {
            return;
        }
        rekey((byte) 0x01, a, b, c);
        hmacValueIntoValue();
    }

    /** Key = HMAC(Key, V ‖ separator ‖ a ‖ b ‖ c). */
    private void rekey(byte separator, byte[] a, byte[] b, byte[] c) {
        initMac();
        mac.update(value);
        mac.update(separator);
        mac.update(a);
        mac.update(b);
        mac.update(c);
        doFinalInto(key);
        initMac();
    }

    /** V = HMAC(Key, V); the Mac is already keyed with the current Key. */
    private void hmacValueIntoValue() {
        mac.update(value);
        doFinalInto(value);
    }

    private void initMac() {
        try {
            mac.init(new SecretKeySpec(key, HMAC));
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 refused a 32-byte key", e);
        }
    }

    private void doFinalInto(byte[] target) {
        try {
            mac.doFinal(target, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("HMAC-SHA-256 output does not fit 32 bytes", e);
        }
    }

    private void requireInstantiated() {
        if (!instantiated) {
            throw new IllegalStateException("HMAC_DRBG used before instantiate()");
        }
    }

    private static void requireLength(String what, byte[] input, int minBytes) {
        Objects.requireNonNull(input, what);
        if (input.length < minBytes) {
            throw new IllegalArgumentException("HMAC_DRBG at security strength 256 needs a " + what + " of at least "
                    + minBytes + " bytes, got " + input.length);
        }
    }

    private static byte[] orEmpty(byte[] input) {
        return input == null ? NO_INPUT : input;
    }
}
