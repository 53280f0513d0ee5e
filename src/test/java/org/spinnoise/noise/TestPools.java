package org.spinnoise.noise;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/** Real entropy pools in a temporary directory, filled with seeded bytes standing in for conditioned output. */
final class TestPools {
    private TestPools() {
    }

    /** Opens a pool in {@code dir} holding {@code bytes} bytes; returns the payload through {@code payloadOut}. */
    static EntropyPool filled(Path dir, int bytes, long seed, byte[][] payloadOut) throws Exception {
        byte[] payload = new byte[bytes];
        new SplittableRandom(seed).nextBytes(payload);
        EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults());
        int recordBytes = 8 << 20;
        for (int offset = 0; offset < bytes; offset += recordBytes) {
            int n = Math.min(recordBytes, bytes - offset);
            pool.append(payload, offset, n, new IngestCounts(n * 10L, 0, n * 8.0), "test-" + seed + "-" + offset);
        }
        if (payloadOut != null) {
            payloadOut[0] = payload;
        }
        return pool;
    }
}
