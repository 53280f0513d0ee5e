package org.spinnoise.noise;

import java.util.Locale;
import org.spinnoise.entropy.drbg.PoolSeededDrbg;

/**
 * Where a sample's randomness comes from, stated on every output: {@code trng}, every sample from pool bytes (refuses
 * when the pool runs dry); {@code drbg}, the SP 800-90A CTR_DRBG seeded and reseeded from the pool; {@code prng}, a
 * software generator kept only as the baseline to compare against.
 */
public enum NoiseMode {
    TRNG, DRBG, PRNG;

    /** The lower-case name used on the command line, in reports and in service replies. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The generator behind the mode, as manifests, reports and the service's pong name it: one per mode everywhere,
     * so a {@code drbg} figure from {@code pool take} and one from {@code serve} come from the same algorithm.
     */
    public String generator() {
        return switch (this) {
            case TRNG -> "entropy pool bytes, each served once";
            case DRBG -> PoolSeededDrbg.GENERATOR;
            case PRNG -> "eight L64X128MixRandom lanes (software baseline)";
        };
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
