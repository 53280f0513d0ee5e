package org.spinnoise.testing;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.entropy.assess.MinEntropyAssessment;
import org.spinnoise.entropy.ingest.IngestConfig;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.entropy.ingest.PoolIngest;
import org.spinnoise.entropy.ingest.Quarantine;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.JunctionSpec;
import org.spinnoise.sim.MtjJunction;

/**
 * Fills a pool through the real chain in seconds: the demo bench's simulated junction (its switching and read-noise
 * physics) makes the raw bits by the one-bit scheme (reset, write at V50, read, threshold), the SP 800-90B
 * estimators assess them, and {@link PoolIngest} health-tests and conditions them into the pool. Only the SCPI round
 * trips of a full {@code spinnoise demo} are skipped, which would take tens of seconds per 20,000 bits.
 */
public final class JunctionPool {
    private static final double ALPHA = Math.pow(2, -30);
    private static final double READ_NPLC = 0.1;
    private static final int ASSESSED_BITS = 100_000;

    private JunctionPool() {
    }

    /** Acquires {@code rawBits} bits (a multiple of 8) and ingests them into the pool at {@code dir}. */
    public static IngestReport fill(Path dir, int rawBits, long seed) throws IOException {
        JunctionSpec spec = BenchFile.demo().junctions().get(0);
        MtjJunction junction = new MtjJunction(spec, seed);
        double width = junction.referenceWidthSeconds();
        double thresholdOhms = (junction.resistanceParallelOhms() + junction.resistanceAntiparallelOhms()) / 2;
        byte[] packed = new byte[rawBits / 8];
        byte[] oneBitPerByte = new byte[Math.min(rawBits, ASSESSED_BITS)];
        for (int i = 0; i < rawBits; i++) {
            while (junction.isAntiparallel()) {
                junction.applyPulse(-1.5 * junction.resetV50Volts(), width);
            }
            junction.applyPulse(junction.v50Volts(), width);
            boolean one = junction.readResistanceOhms(READ_NPLC) > thresholdOhms;
            if (one) {
                packed[i >>> 3] |= (byte) (0x80 >>> (i & 7));
            }
            if (i < oneBitPerByte.length) {
                oneBitPerByte[i] = (byte) (one ? 1 : 0);
            }
        }
        double entropyPerBit = MinEntropyAssessment.assessBits(oneBitPerByte).minEntropyPerBit();
        try (EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults())) {
            if (!pool.claimSource("junction-" + seed)) {
                throw new IllegalStateException("the pool at " + dir + " already holds junction-" + seed);
            }
            PoolIngest ingest = new PoolIngest(pool, "junction-" + seed, IngestConfig.of(entropyPerBit, ALPHA),
                    Quarantine.DISCARD);
            ingest.accept(packed, 0, packed.length);
            return ingest.finish();
        }
    }
}
