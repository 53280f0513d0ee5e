package org.spinnoise.noise;

import java.io.IOException;
import java.util.Objects;
import org.spinnoise.entropy.pool.EntropyPool;

/**
 * Opens a {@link NoiseSource} in one of the three modes; the one place that maps a mode to its generator, used by
 * the CLI, the noise service and the diffusion sampler. The approximate Gaussian-from-bits constructions for
 * comparisons with the literature and hardware designs are {@link #openClt} and {@link #openConstruction},
 * deliberately not {@link NoiseMode}s.
 */
public final class NoiseSources {

    private NoiseSources() {
    }

    /**
     * @param pool     the entropy pool ({@code trng} and {@code drbg}); may be null for {@code prng}
     * @param consumer the name the pool accounts the bytes to; {@code drbg} seeds under {@code consumer + "-drbg-seed"}
     * @param seed     the seed of {@code prng}; ignored by the other modes
     * @throws IOException when {@code drbg} cannot take its 48 instantiation bytes from the pool
     */
    public static NoiseSource open(NoiseMode mode, EntropyPool pool, String consumer, long seed) throws IOException {
        Objects.requireNonNull(mode, "mode");
        return switch (mode) {
            case PRNG -> PrngNoiseSource.seeded(seed);
            case TRNG -> TrngNoiseSource.fromPool(requirePool(pool, mode), requireConsumer(consumer));
            case DRBG -> {
                EntropyPool p = requirePool(pool, mode);
                String seedConsumer = requireConsumer(consumer) + "-drbg-seed";
                yield DrbgNoiseSource.seededFrom(n -> p.take(seedConsumer, n));
            }
        };
    }

    /**
     * The APPROXIMATE central-limit source (label {@code clt-<k>}): each sample a centred, scaled sum of {@code k}
     * pool bits (see {@link BitSum#fairBits}).
     */
    public static ConstructionNoiseSource openClt(int bitsPerSample, EntropyPool pool, String consumer) {
        return openConstruction(BitSum.fairBits(bitsPerSample), pool, consumer);
    }

    /**
     * An APPROXIMATE Gaussian-from-bits {@code construction} over pool bits (see {@link ConstructionNoiseSource}),
     * accounted to {@code consumer}.
     */
    public static ConstructionNoiseSource openConstruction(BitConstruction construction, EntropyPool pool,
                                                           String consumer) {
        return ConstructionNoiseSource.over(new PoolByteStream(requirePool(pool, null), requireConsumer(consumer)),
                construction);
    }

    private static EntropyPool requirePool(EntropyPool pool, NoiseMode mode) {
        if (pool == null) {
            throw new IllegalArgumentException((mode == null ? "a Gaussian-from-bits construction's" : mode.label())
                    + " noise needs an entropy pool; open one with --pool DIR, or use prng mode");
        }
        return pool;
    }

    private static String requireConsumer(String consumer) {
        if (consumer == null || consumer.isBlank()) {
            throw new IllegalArgumentException("a pool consumer name is needed to account the bytes taken");
        }
        return consumer;
    }
}
