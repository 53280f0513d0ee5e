package org.spinnoise.sim.board;

import java.io.ByteArrayOutputStream;

/**
 * The emulated board's own account of what it put on the line, for tests to hold the host to: every STREAM frame and
 * what was done to it, how many corrupt chunks (bytes between two delimiters that no receiver can take as a frame) the
 * damage made, and, when recording, the bits of every frame that went out intact, in order and once each — exactly the
 * bits a correct host hands on. Thread safe.
 */
public final class SentRecord {
    private final boolean keepBits;
    private final ByteArrayOutputStream intactBits = new ByteArrayOutputStream();
    private long framesSent;
    private long framesIntact;
    private long bitsSent;
    private long bitsIntact;
    private long garbageBursts;
    private long truncated;
    private long flipped;
    private long dropped;
    private long duplicated;
    private long corruptChunks;

    SentRecord(boolean keepBits) {
        this.keepBits = keepBits;
    }

    synchronized void intact(byte[] bits, int offset, int bitCount, boolean twice) {
        framesSent++;
        framesIntact++;
        bitsSent += bitCount;
        bitsIntact += bitCount;
        if (twice) {
            duplicated++;
        }
        if (keepBits) {
            if (bitCount % 8 != 0) {
                throw new IllegalStateException("the record keeps whole bytes; the emulator sends full frames");
            }
            intactBits.write(bits, offset, bitCount / 8);
        }
    }

    synchronized void lost(int bitCount, Damage damage, int chunks) {
        framesSent++;
        bitsSent += bitCount;
        corruptChunks += chunks;
        switch (damage) {
            case TRUNCATE -> truncated++;
            case FLIP_BIT -> flipped++;
            case DROP -> dropped++;
            default -> throw new IllegalArgumentException("not a damage that loses a frame: " + damage);
        }
    }

    synchronized void garbage(int chunks) {
        garbageBursts++;
        corruptChunks += chunks;
    }

    /** The kinds of damage. */
    enum Damage { GARBAGE, TRUNCATE, FLIP_BIT, DROP, DUPLICATE }

    public synchronized long framesSent() {
        return framesSent;
    }

    public synchronized long framesIntact() {
        return framesIntact;
    }

    public synchronized long bitsSent() {
        return bitsSent;
    }

    public synchronized long bitsIntact() {
        return bitsIntact;
    }

    public synchronized long garbageBursts() {
        return garbageBursts;
    }

    public synchronized long truncated() {
        return truncated;
    }

    public synchronized long flipped() {
        return flipped;
    }

    public synchronized long dropped() {
        return dropped;
    }

    public synchronized long duplicated() {
        return duplicated;
    }

    /** Chunks between delimiters that are not valid frames: what a correct host counts as corrupt frames. */
    public synchronized long corruptChunks() {
        return corruptChunks;
    }

    /** Frames whose sequence number never arrives intact: what a correct host counts as missing. */
    public synchronized long framesLost() {
        return truncated + flipped + dropped;
    }

    /** The bits of the intact frames, packed MSB first (empty unless the emulator was asked to keep them). */
    public synchronized byte[] intactBits() {
        return intactBits.toByteArray();
    }
}
