package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.serve.NoiseClient;
import org.spinnoise.serve.NoiseReply;
import org.spinnoise.serve.NoiseServer;
import org.spinnoise.serve.NoiseServiceException;
import org.spinnoise.serve.ServerConfig;
import org.spinnoise.sim.HostFaults;
import org.spinnoise.sim.board.CorruptionSpec;

/**
 * A damaged pool segment under the pool's three users, in process: the ingest, the noise service and a sampler. The
 * damaged record is found, reported (corrupt bytes, the file and range) and skipped; everything else is served,
 * once, as the pool's own bytes; the accounting balances.
 */
final class PoolCells {
    static final int RECORDS = 6;
    /** The record the damage hits: the third of six, at 40 % of the segment file. */
    static final double DAMAGE_AT = 0.40;
    private static final int DAMAGED_RECORD = 2;
    static final int CHUNK = 16 << 10;

    private PoolCells() {
    }

    /** The pool's content with the damaged record cut out: what may still be served, in order. */
    static byte[] servable(KnownPool known) {
        byte[] out = new byte[known.content.length - KnownPool.RECORD_BYTES];
        int cut = DAMAGED_RECORD * KnownPool.RECORD_BYTES;
        System.arraycopy(known.content, 0, out, 0, cut);
        System.arraycopy(known.content, cut + KnownPool.RECORD_BYTES, out, cut, out.length - cut);
        return out;
    }

    /** Damages the known pool's third record and checks that it is the one reported. */
    static void damage(KnownPool known) throws Exception {
        HostFaults.Damage d = HostFaults.damagePoolSegment(known.dir, 1, DAMAGE_AT);
        try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults())) {
            PoolStatus s = pool.status();
            assertEquals(KnownPool.RECORD_BYTES, s.corruptBytes(), () -> "one record reported corrupt: " + s);
            assertTrue(s.corruptRanges().size() == 1 && s.corruptRanges().get(0).contains("00000001.seg"),
                    s.corruptRanges().toString());
            Checks.accountingBalances(s);
        }
        assertTrue(d.position() > 0);
    }

    /**
     * Ingest into a pool with a damaged segment: the run goes in, credited exactly once; the damaged record stays
     * reported and unserved; what can be taken is the old content without it, then the run's new bytes.
     */
    static Cell.Scenario ingestPastDamage(long seed) {
        return dir -> {
            KnownPool known = KnownPool.create(dir.resolve("pool"), RECORDS, seed);
            damage(known);
            RunFolder run;
            try (BoardRun.Outcome o = BoardRun.run(dir.resolve("runs"), seed, 200_000, false, CorruptionSpec.NONE,
                    Stage.ACQUISITION, 0, null)) {
                run = o.folder();
            }
            try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults())) {
                long rawBefore = pool.status().rawBitsIn();
                RunIngest.Result r = RunIngest.ingest(RunFolder.open(run.dir()), pool, null, Checks.ALPHA);
                PoolStatus s = pool.status();
                assertEquals(run.manifest().bits(), r.ingest().rawBitsIn());
                assertEquals(rawBefore + r.ingest().rawBitsIn(), s.rawBitsIn(), "credited once");
                assertEquals(KnownPool.RECORD_BYTES, s.corruptBytes());
                Checks.accountingBalances(s);
                byte[] old = servable(known);
                byte[] all = pool.takeUpTo("check", (int) s.bytesAvailable());
                assertArrayEquals(old, Arrays.copyOf(all, old.length), "the old bytes but the damaged record");
                assertTrue(all.length > old.length, "then the run's");
            }
        };
    }

    /** A client draws trng bytes until refused; every piece located in the pool. */
    static List<KnownPool.Piece> drawAll(KnownPool known, String endpoint, long maxBytes) throws Exception {
        List<KnownPool.Piece> pieces = new ArrayList<>();
        long drawn = 0;
        try (NoiseClient client = NoiseClient.connect(endpoint)) {
            while (drawn < maxBytes) {
                NoiseReply reply;
                try {
                    reply = client.bytes(NoiseMode.TRNG, CHUNK);
                } catch (NoiseServiceException e) {
                    break;
                }
                assertEquals(8L * reply.payload().length, reply.header().hardwareBits());
                pieces.add(known.locate(reply.payload(), 0, reply.payload().length));
                drawn += reply.payload().length;
            }
        }
        return pieces;
    }

    /**
     * The service over a pool with a damaged segment: it serves every byte but the damaged record's, each once,
     * each the pool's own; then refuses (exhausted); the damaged range is never handed out.
     */
    static Cell.Scenario servePastDamage(long seed) {
        return dir -> {
            KnownPool known = KnownPool.create(dir.resolve("pool"), RECORDS, seed);
            damage(known);
            List<KnownPool.Piece> pieces;
            try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults());
                 NoiseServer server = NoiseServer.start(ServerConfig.loopback(),
                         (mode, consumer, s) -> NoiseSources.open(mode, pool, consumer, s), pool::status)) {
                pieces = drawAll(known, server.endpoint(), Long.MAX_VALUE);
            }
            List<KnownPool.Piece> sorted = KnownPool.assertDisjoint(pieces);
            long damagedFrom = (long) DAMAGED_RECORD * KnownPool.RECORD_BYTES;
            for (KnownPool.Piece p : sorted) {
                assertTrue(p.end() <= damagedFrom || p.offset() >= damagedFrom + KnownPool.RECORD_BYTES,
                        "a piece from the damaged record was served: " + p);
            }
            long served = sorted.stream().mapToLong(KnownPool.Piece::length).sum();
            assertEquals((long) (RECORDS - 1) * KnownPool.RECORD_BYTES, served, "every undamaged byte served");
            try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults())) {
                PoolStatus s = pool.status();
                Checks.accountingBalances(s);
                assertEquals(KnownPool.RECORD_BYTES, s.corruptBytes());
                assertEquals(0, s.bytesAvailable());
            }
        };
    }

    /** Predicts noise proportional to the image: enough of a model to drive a sampler's draws. */
    record HalfDenoiser(ImageShape shape) implements Denoiser {
        @Override
        public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
            for (int i = 0; i < shape.values(batch); i++) {
                epsOut[i] = 0.5f * x[i];
            }
        }
    }

    /**
     * A trng sampler over a pool with a damaged segment: it completes; every byte it reports spending is one the pool
     * counts as gone; the damaged record is still reported, never served; the accounting balances.
     */
    static Cell.Scenario samplePastDamage(long seed) {
        return dir -> {
            KnownPool known = KnownPool.create(dir.resolve("pool"), RECORDS, seed);
            damage(known);
            DdimSampler ddim = new DdimSampler(NoiseSchedule.cosine(1000), 20, 1.0, true);
            ImageShape shape = new ImageShape(1, 16, 16);
            SampleRun run;
            try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults())) {
                try (NoiseSource trng = NoiseSources.open(NoiseMode.TRNG, pool, "sample", 0)) {
                    run = ddim.sample(new HalfDenoiser(shape), 12, trng);
                }
                for (float v : run.images()) {
                    assertTrue(Float.isFinite(v), "a finite image");
                }
            }
            try (EntropyPool pool = EntropyPool.open(known.dir, PoolConfig.defaults())) {
                PoolStatus s = pool.status();
                Checks.accountingBalances(s);
                assertEquals(KnownPool.RECORD_BYTES, s.corruptBytes());
                assertTrue(run.hardwareBits() > (long) DAMAGED_RECORD * KnownPool.RECORD_BYTES * 8,
                        "the draws went past the damaged record: " + run.hardwareBits() + " bits");
                long used = run.hardwareBits() / 8;
                long served = s.bytesOutByConsumer().getOrDefault("sample", 0L) + s.bytesDiscardedAtRecovery();
                assertTrue(served >= used, "the pool counts at least the " + used + " bytes the sampler used as "
                        + "gone, not " + served);
                // What is left is the pool's own content after the served bytes, the damaged record never among it.
                byte[] rest = pool.takeUpTo("check", (int) s.bytesAvailable());
                byte[] servable = servable(known);
                assertArrayEquals(Arrays.copyOfRange(servable, servable.length - rest.length, servable.length), rest);
            }
        };
    }
}
