package org.spinnoise.entropy.drbg;

import java.io.IOException;

/**
 * Where a DRBG takes its seed: full-entropy bytes (SP 800-90A Rev. 1 §8.6.5, an approved entropy source; here the
 * conditioned output of the entropy pool). Each byte is handed out once.
 */
@FunctionalInterface
public interface EntropySupplier {

    /**
     * Exactly {@code byteCount} fresh full-entropy bytes.
     *
     * @throws IOException when the source cannot supply them (pool exhausted, device gone)
     */
    byte[] take(int byteCount) throws IOException;

    /**
     * Exactly {@code byteCount} bytes for a DRBG's {@code purpose} (instantiate, reseed), or an IOException saying the
     * generator refuses to run unseeded; {@code outputBytesSoFar} goes into the message so a user sees when it ran dry.
     */
    default byte[] takeSeed(int byteCount, String purpose, long outputBytesSoFar) throws IOException {
        byte[] seed;
        try {
            seed = take(byteCount);
        } catch (IOException e) {
            throw new IOException("drbg " + purpose + " needs " + byteCount + " bytes from the entropy pool after "
                    + outputBytesSoFar + " bytes of output, and the pool could not supply them (" + e.getMessage()
                    + "); refusing to generate unseeded output", e);
        }
        if (seed == null || seed.length != byteCount) {
            throw new IOException("drbg " + purpose + " asked the entropy pool for " + byteCount + " bytes and got "
                    + (seed == null ? "none" : seed.length) + "; refusing to generate unseeded output");
        }
        return seed;
    }
}
