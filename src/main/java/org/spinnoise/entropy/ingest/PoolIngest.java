package org.spinnoise.entropy.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.PackedHealthTests;
import org.spinnoise.entropy.condition.Sha256Conditioner;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;

/**
 * The path from one source's raw bits to the pool. Bits are tested in blocks by the SP 800-90B continuous health
 * tests; nothing counts until a start-up test over the first blocks has passed (§4.3); a block in which a test fires
 * is quarantined, and the source must pass the start-up test again before its bits count. Bits that pass are
 * conditioned with SHA-256 into full-entropy 32-byte blocks (§3.1.5), which are appended to the pool in batches, each
 * append durable and carrying its raw, quarantined and credited counts.
 */
public final class PoolIngest {
    private static final Logger LOG = LoggerFactory.getLogger(PoolIngest.class);
    private static final int OUTPUT_BLOCK_BYTES = 32;
    private static final double OUTPUT_BLOCK_ENTROPY_BITS = 256;

    /** Where the source stands with the health tests. */
    private enum Phase { STARTUP, RUNNING, RETESTING }

    private final EntropyPool pool;
    private final String sourceId;
    private final IngestConfig config;
    private final Quarantine quarantine;
    private final Sha256Conditioner conditioner = new Sha256Conditioner();
    private final byte[] partialBlock;
    private final byte[] held;
    private final byte[] batch;
    private final List<HealthEvent> events = new ArrayList<>();
    private final Map<String, HealthTestReport> retiredHealth = new LinkedHashMap<>();
    private PackedHealthTests health;
    private Phase phase = Phase.STARTUP;
    private int partialBytes;
    private int heldBlocks;
    private int batchBytes;
    private long nextBitIndex;
    private long rawBitsIn;
    private long quarantinedBits;
    private long bitsConditioned;
    private long bytesOut;
    private double creditedEntropyBits;
    private long pendingRawBits;
    private long pendingQuarantinedBits;
    private double pendingCreditedBits;

    public PoolIngest(EntropyPool pool, String sourceId, IngestConfig config, Quarantine quarantine) {
        this.pool = pool;
        this.sourceId = sourceId;
        this.config = config;
        this.quarantine = quarantine;
        this.partialBlock = new byte[config.blockBytes()];
        this.held = new byte[config.blockBytes() * config.startupBlocks()];
        this.batch = new byte[config.appendBatchBytes() - config.appendBatchBytes() % OUTPUT_BLOCK_BYTES];
        this.health = freshHealthTests();
    }

    /** Takes packed raw bits (MSB first, whole bytes) in order. */
    public void accept(byte[] packed, int offset, int length) throws IOException {
        int pos = offset;
        int end = offset + length;
        rawBitsIn += 8L * length;
        int blockBytes = config.blockBytes();
        if (partialBytes > 0) {
            int n = Math.min(blockBytes - partialBytes, end - pos);
            System.arraycopy(packed, pos, partialBlock, partialBytes, n);
            partialBytes += n;
            pos += n;
            if (partialBytes < blockBytes) {
                return;
            }
            block(partialBlock, 0, blockBytes);
            partialBytes = 0;
        }
        for (; end - pos >= blockBytes; pos += blockBytes) {
            block(packed, pos, blockBytes);
        }
        System.arraycopy(packed, pos, partialBlock, 0, end - pos);
        partialBytes = end - pos;
    }

    /**
     * Ends the ingest: a last partial block is tested like any other, conditioned output still batched is appended,
     * and the report is returned. Bits held by an unfinished start-up test are reported as unused, and raw bits in
     * the conditioner that did not complete an output block are lost with it: neither was ever credited.
     */
    public IngestReport finish() throws IOException {
        if (partialBytes > 0) {
            block(partialBlock, 0, partialBytes);
            partialBytes = 0;
        }
        long unusedBits = rawBitsIn - quarantinedBits - bitsConditioned;
        flush();
        if (phase != Phase.RUNNING) {
            LOG.warn("{}: ingest ended during the {} test; {} held bits were not credited", sourceId,
                    phase.name().toLowerCase(), heldBlocks * 8L * config.blockBytes());
        }
        return new IngestReport(sourceId, config.entropyPerBit(), rawBitsIn, quarantinedBits, bitsConditioned,
                unusedBits, bytesOut, creditedEntropyBits, List.copyOf(events), healthReports(),
                phase.name().toLowerCase());
    }

    private void block(byte[] bytes, int offset, int length) throws IOException {
        long firstBit = nextBitIndex;
        nextBitIndex += 8L * length;
        // counted as each block is tested, not per call: an append in the middle of a call must carry only the raw
        // bits before it, so that a block quarantined after it is counted with its own bits
        pendingRawBits += 8L * length;
        int newFailures = health.acceptBlock(bytes, offset, length);
        if (phase == Phase.RUNNING) {
            if (newFailures == 0) {
                condition(bytes, offset, length);
                return;
            }
            quarantine(firstBit, bytes, offset, length, "running", "health test fired; block quarantined, "
                    + "source re-tested");
            startRetest(Phase.RETESTING);
            return;
        }
        if (newFailures > 0) {
            long heldFirstBit = firstBit - heldBlocks * 8L * config.blockBytes();
            if (heldBlocks > 0) {
                quarantine(heldFirstBit, held, 0, heldBlocks * config.blockBytes(), phaseName(),
                        "start-up test failed; held bits quarantined");
            }
            quarantine(firstBit, bytes, offset, length, phaseName(), "start-up test failed; block quarantined");
            startRetest(phase);
            return;
        }
        System.arraycopy(bytes, offset, held, heldBlocks * config.blockBytes(), length);
        heldBlocks++;
        if (heldBlocks == config.startupBlocks() || length < config.blockBytes()) {
            int heldBytes = (heldBlocks - 1) * config.blockBytes() + length;
            heldBlocks = 0;
            phase = Phase.RUNNING;
            condition(held, 0, heldBytes);
        }
    }

    private void startRetest(Phase next) {
        retire(health);
        health = freshHealthTests();
        heldBlocks = 0;
        phase = next;
    }

    private void quarantine(long firstBit, byte[] bytes, int offset, int length, String phaseName, String action)
            throws IOException {
        quarantine.keep(firstBit, bytes, offset, length, phaseName + ": " + action);
        quarantinedBits += 8L * length;
        pendingQuarantinedBits += 8L * length;
        events.add(new HealthEvent(firstBit, 8L * length, phaseName, action));
        LOG.warn("{}: raw bits {}..{} quarantined ({}: {})", sourceId, firstBit, firstBit + 8L * length - 1,
                phaseName, action);
    }

    private void condition(byte[] bytes, int offset, int length) throws IOException {
        conditioner.absorb(bytes, offset, length, config.entropyPerBit());
        bitsConditioned += 8L * length;
        while (conditioner.ready()) {
            byte[] out = conditioner.squeeze();
            System.arraycopy(out, 0, batch, batchBytes, OUTPUT_BLOCK_BYTES);
            batchBytes += OUTPUT_BLOCK_BYTES;
            pendingCreditedBits += OUTPUT_BLOCK_ENTROPY_BITS;
            if (batchBytes == batch.length) {
                flush();
            }
        }
    }

    /** Appends the batched output with the counts since the last append; durable when it returns. */
    private void flush() throws IOException {
        if (batchBytes == 0 && pendingRawBits == 0 && pendingQuarantinedBits == 0) {
            return;
        }
        pool.append(batch, 0, batchBytes, new IngestCounts(pendingRawBits, pendingQuarantinedBits,
                pendingCreditedBits), sourceId);
        bytesOut += batchBytes;
        creditedEntropyBits += pendingCreditedBits;
        batchBytes = 0;
        pendingRawBits = 0;
        pendingQuarantinedBits = 0;
        pendingCreditedBits = 0;
    }

    private PackedHealthTests freshHealthTests() {
        return PackedHealthTests.binary(config.entropyPerBit(), config.alpha());
    }

    private String phaseName() {
        return phase == Phase.STARTUP ? "start-up" : "re-test";
    }

    private void retire(PackedHealthTests old) {
        for (HealthTestReport r : old.reports()) {
            retiredHealth.merge(r.test(), r, PoolIngest::combine);
        }
    }

    private List<HealthTestReport> healthReports() {
        Map<String, HealthTestReport> all = new LinkedHashMap<>(retiredHealth);
        for (HealthTestReport r : health.reports()) {
            all.merge(r.test(), r, PoolIngest::combine);
        }
        return List.copyOf(all.values());
    }

    private static HealthTestReport combine(HealthTestReport a, HealthTestReport b) {
        return new HealthTestReport(a.test(), a.cutoff(), a.samples() + b.samples(), a.failures() + b.failures(),
                Math.max(a.worstObserved(), b.worstObserved()));
    }
}
