package org.spinnoise.noise;

import java.util.Locale;

/**
 * Where a sample's randomness comes from, stated on every output: {@code trng}, every sample from pool bytes (refuses
 * when the pool runs dry); {@code drbg}, an SP 800-90A DRBG seeded and reseeded from the pool; {@code prng}, a
 * software generator kept only as the baseline to compare against.
 */
public enum NoiseMode {
    TRNG, DRBG, PRNG;

    /** The lower-case name used on the command line, in reports and in service replies. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a label such as "trng"; the message lists the modes. */
    public static NoiseMode parse(String label) {
        for (NoiseMode m : values()) {
            if (m.label().equalsIgnoreCase(label.trim())) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown noise mode '" + label + "': use trng, drbg or prng");
    }
}
