package org.spinnoise.entropy.ingest;

/**
 * How raw bits are taken into the pool: the min-entropy credited per raw bit (from the assessment), the health tests'
 * false-alarm rate α, the block in which bits are tested and quarantined together, how many bits a start-up (or
 * re-) test must pass before bits count, and how much conditioned output is gathered per durable append.
 */
public record IngestConfig(double entropyPerBit, double alpha, int blockBytes, int startupBits, int appendBatchBytes) {

    /** SP 800-90B §4.3 asks for a start-up test over at least 1024 samples. */
    public static final int MIN_STARTUP_BITS = 1024;

    public IngestConfig {
        if (!(entropyPerBit > 0) || entropyPerBit > 1) {
            throw new IllegalArgumentException("entropy per raw bit must be in (0, 1], got " + entropyPerBit);
        }
        if (!(alpha > 0) || alpha >= 1) {
            throw new IllegalArgumentException("false-alarm rate must be in (0, 1), got " + alpha);
        }
        if (blockBytes < 16) {
            throw new IllegalArgumentException("block of " + blockBytes + " bytes is too small");
        }
        if (startupBits < MIN_STARTUP_BITS) {
            throw new IllegalArgumentException("start-up test needs at least " + MIN_STARTUP_BITS + " bits, got "
                    + startupBits);
        }
        if (appendBatchBytes < 32) {
            throw new IllegalArgumentException("append batch of " + appendBatchBytes + " bytes is too small");
        }
    }

    /** Defaults: 4096-bit blocks, start-up over one block, 64 KiB of output per durable append. */
    public static IngestConfig of(double entropyPerBit, double alpha) {
        return new IngestConfig(entropyPerBit, alpha, 512, 4096, 64 * 1024);
    }

    /** Whole blocks the start-up test covers. */
    int startupBlocks() {
        int blockBits = blockBytes * 8;
        return (startupBits + blockBits - 1) / blockBits;
    }
}
