package org.spinnoise.serve;

import java.io.IOException;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolException;
import org.spinnoise.entropy.pool.PoolExhaustedException;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/**
 * Test-only noise sources for the service's unit tests: every mode is a seeded SplittableRandom, except that
 * {@code trng} bytes come straight from an {@link EntropyPool} when one is given (so exactly-once can be checked
 * against the pool's content). The real sources live in package noise; the end-to-end tests use those.
 */
final class TestSources implements NoiseSourceFactory {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    private final EntropyPool pool;

    TestSources(EntropyPool pool) {
        this.pool = pool;
    }

    @Override
    public NoiseSource open(NoiseMode mode, String consumer, long seed) {
        opened.incrementAndGet();
        return new Source(mode, consumer, seed);
    }

    private final class Source implements NoiseSource {
        private final NoiseMode mode;
        private final String consumer;
        private final SplittableRandom random;
        private long normals;
        private long bytes;
        private long position;
        private long hardwareBits;

        Source(NoiseMode mode, String consumer, long seed) {
            this.mode = mode;
            this.consumer = consumer;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public NoiseMode mode() {
            return mode;
        }

        @Override
        public void fillFloats(float[] out, int offset, int length) throws IOException {
            if (mode == NoiseMode.TRNG && pool != null) {
                take(4 * length);
            } else {
                position += 4L * length;
            }
            for (int i = 0; i < length; i++) {
                out[offset + i] = (float) random.nextGaussian();
            }
            normals += length;
        }

        @Override
        public void fillDoubles(double[] out, int offset, int length) {
            for (int i = 0; i < length; i++) {
                out[offset + i] = random.nextGaussian();
            }
            normals += length;
            position += 8L * length;
        }

        @Override
        public void fillBytes(byte[] out, int offset, int length) throws IOException {
            if (mode == NoiseMode.TRNG && pool != null) {
                System.arraycopy(take(length), 0, out, offset, length);
            } else {
                byte[] b = new byte[length];
                random.nextBytes(b);
                System.arraycopy(b, 0, out, offset, length);
                position += length;
            }
            bytes += length;
        }

        private byte[] take(int n) throws IOException {
            try {
                byte[] b = pool.take(consumer, n);
                position += n;
                hardwareBits += 8L * n;
                return b;
            } catch (PoolExhaustedException e) {
                throw new NoiseExhaustedException(e.getMessage(), e);
            } catch (PoolException e) {
                throw new IOException(e.getMessage(), e);
            }
        }

        @Override
        public NoiseAccount account() {
            return new NoiseAccount(normals, bytes, position, hardwareBits);
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
