package org.spinnoise.entropy.condition;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * SHA-256 as a vetted conditioning component (SP 800-90B §3.1.5.1.1, Table 1): raw bits, packed most significant bit
 * first and each credited with its assessed min-entropy, are hashed in blocks; a block closes as soon as its bytes are
 * credited with 256 + 64 bits, which makes its 32-byte output full entropy ({@link ConditionedEntropy#isFullEntropy}).
 * Each output is SHA-256(prefix ‖ block counter ‖ raw bytes of the block); raw bytes beyond what a block needs open the
 * next block, so no raw byte is ever used twice. Bytes go straight from the caller's array into the digest; closed
 * blocks wait in an internal queue until squeezed. Not thread-safe.
 */
public final class Sha256Conditioner {

    /** Output block length, bytes. */
    public static final int OUTPUT_BYTES = 32;
    /** Min-entropy a block's raw input must be credited with: n_out + 64 bits. */
    public static final double CREDIT_PER_BLOCK_BITS = 8.0 * OUTPUT_BYTES + ConditionedEntropy.FULL_ENTROPY_MARGIN_BITS;

    /** Domain separation from every other SHA-256 use in spinnoise. */
    static final byte[] PREFIX = "SNc1".getBytes(StandardCharsets.US_ASCII);
    /**
     * Block counter width. A 4-byte prefix and a 6-byte counter leave 45 raw bytes in one 64-byte SHA-256 block after
     * padding, which covers 320 bits of credit down to 0.89 bits per bit in a single compression.
     */
    static final int COUNTER_BYTES = 6;
    private static final long MAX_BLOCKS = 1L << (8 * COUNTER_BYTES);
    // Per-byte credits are not exact binary fractions (0.9 × 8); a block is full when it is short by less than this.
    private static final double CREDIT_SLACK_BITS = 1e-9;

    private final MessageDigest sha256;
    private final byte[] header = new byte[PREFIX.length + COUNTER_BYTES];
    private byte[] closed = new byte[OUTPUT_BYTES * 64];
    private int closedHead;
    private int closedCount;
    private boolean blockOpen;
    private double blockCreditBits;
    private long blocksClosed;
    private long blocksOut;
    private long rawBitsAbsorbed;
    private double creditedEntropyIn;

    public Sha256Conditioner() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM offers no SHA-256, which every Java SE platform must", e);
        }
        System.arraycopy(PREFIX, 0, header, 0, PREFIX.length);
    }

    /**
     * Absorbs {@code lengthBytes} raw bytes, each bit credited with {@code entropyPerBit} bits of min-entropy.
     * Allocation-free unless the queue of closed blocks must grow.
     */
    public void absorb(byte[] packed, int offsetBytes, int lengthBytes, double entropyPerBit) {
        Objects.checkFromIndexSize(offsetBytes, lengthBytes, packed.length);
        if (!(entropyPerBit > 0 && entropyPerBit <= 1)) {
            throw new IllegalArgumentException("a raw bit is credited with more than 0 and at most 1 bit of min-entropy, got "
                    + entropyPerBit);
        }
        double creditPerByte = 8 * entropyPerBit;
        int offset = offsetBytes;
        int remaining = lengthBytes;
        while (remaining > 0) {
            if (!blockOpen) {
                openBlock();
            }
            int needed = (int) Math.ceil((CREDIT_PER_BLOCK_BITS - blockCreditBits) / creditPerByte - CREDIT_SLACK_BITS);
            int take = Math.min(Math.max(needed, 1), remaining);
            sha256.update(packed, offset, take);
            offset += take;
            remaining -= take;
            blockCreditBits += take * creditPerByte;
            creditedEntropyIn += take * creditPerByte;
            rawBitsAbsorbed += 8L * take;
            if (blockCreditBits >= CREDIT_PER_BLOCK_BITS - CREDIT_SLACK_BITS) {
                closeBlock();
            }
        }
    }

    private void openBlock() {
        if (blocksClosed >= MAX_BLOCKS) {
            throw new IllegalStateException("SHA-256 conditioner block counter exhausted after 2^48 blocks");
        }
        long counter = blocksClosed;
        for (int i = header.length - 1; i >= PREFIX.length; i--) {
            header[i] = (byte) counter;
            counter >>>= 8;
        }
        sha256.update(header);
        blockOpen = true;
        blockCreditBits = 0;
    }

    private void closeBlock() {
        if (closedCount * OUTPUT_BYTES == closed.length) {
            growQueue();
        }
        int slot = (closedHead + closedCount) % (closed.length / OUTPUT_BYTES);
        try {
            sha256.digest(closed, slot * OUTPUT_BYTES, OUTPUT_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 output does not fit 32 bytes", e);
        }
        closedCount++;
        blocksClosed++;
        blockOpen = false;
    }

    private void growQueue() {
        byte[] larger = new byte[closed.length * 2];
        int slots = closed.length / OUTPUT_BYTES;
        for (int i = 0; i < closedCount; i++) {
            System.arraycopy(closed, ((closedHead + i) % slots) * OUTPUT_BYTES, larger, i * OUTPUT_BYTES, OUTPUT_BYTES);
        }
        closed = larger;
        closedHead = 0;
    }

    /** Whether at least one full-entropy block is waiting. */
    public boolean ready() {
        return closedCount > 0;
    }

    /** Full-entropy blocks waiting to be squeezed. */
    public int blocksReady() {
        return closedCount;
    }

    /**
     * The oldest waiting block, 32 bytes of full entropy; each block is handed out once.
     *
     * @throws IllegalStateException when no block is ready
     */
    public byte[] squeeze() {
        byte[] out = new byte[OUTPUT_BYTES];
        squeezeInto(out, 0);
        return out;
    }

    /** As {@link #squeeze()}, into {@code out} at {@code offset}, without allocating. */
    public void squeezeInto(byte[] out, int offset) {
        Objects.checkFromIndexSize(offset, OUTPUT_BYTES, out.length);
        if (closedCount == 0) {
            throw new IllegalStateException("SHA-256 conditioner has no full-entropy block ready: it holds "
                    + blockCreditBits + " of the " + CREDIT_PER_BLOCK_BITS + " bits of credited input a block needs");
        }
        System.arraycopy(closed, closedHead * OUTPUT_BYTES, out, offset, OUTPUT_BYTES);
        java.util.Arrays.fill(closed, closedHead * OUTPUT_BYTES, (closedHead + 1) * OUTPUT_BYTES, (byte) 0);
        closedHead = (closedHead + 1) % (closed.length / OUTPUT_BYTES);
        closedCount--;
        blocksOut++;
    }

    public long rawBitsAbsorbed() {
        return rawBitsAbsorbed;
    }

    /** Min-entropy credited to all raw bits absorbed, bits. */
    public double creditedEntropyIn() {
        return creditedEntropyIn;
    }

    /** Blocks handed out by {@link #squeeze()} or {@link #squeezeInto(byte[], int)}. */
    public long blocksOut() {
        return blocksOut;
    }
}
