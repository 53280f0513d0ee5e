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
}
