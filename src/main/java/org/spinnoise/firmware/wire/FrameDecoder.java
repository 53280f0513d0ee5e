package org.spinnoise.firmware.wire;

import java.util.zip.CRC32C;

/**
 * Streaming receiver of PROTOCOL.md §1–2: feed it bytes as they arrive, in chunks of any size, and it hands every
 * delimited frame to a {@link FrameListener} with its {@link FrameStatus}. COBS is undone as bytes arrive into one
 * reusable buffer, so a good frame costs no allocation and a corrupt one costs only itself: decoding resumes at the
 * next 0x00. Not thread-safe; one decoder per receiving direction.
 */
public final class FrameDecoder {
    private final int maxPayloadBytes;
    private final byte[] buffer;
    private final CRC32C crc = new CRC32C();
    private final Frame view = new Frame();

    private int decoded;
    private int wireBytes;
    private int blockRemaining;
    private boolean zeroPending;
    private boolean overflow;

    private long goodFrames;
    private long corruptFrames;

    /** A decoder that accepts payloads up to the protocol's 4096 bytes. */
    public FrameDecoder() {
        this(WireLimits.MAX_PAYLOAD_BYTES);
    }

    /**
     * A decoder that reports frames with payloads above {@code maxPayloadBytes} as {@link FrameStatus#OVERSIZED}
     * (a host announces its limit in HELLO; a board may accept far less, PROTOCOL.md §2.4). Check 1 of §2.3 uses the
     * same limit: more than 10 + {@code maxPayloadBytes} decoded bytes is OVERSIZED before any other check.
     */
    public FrameDecoder(int maxPayloadBytes) {
        if (maxPayloadBytes < 0 || maxPayloadBytes > WireLimits.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload limit must be 0.." + WireLimits.MAX_PAYLOAD_BYTES
                    + " bytes, got " + maxPayloadBytes);
        }
        this.maxPayloadBytes = maxPayloadBytes;
        this.buffer = new byte[maxPayloadBytes + WireLimits.MIN_FRAME_BYTES];
    }

    /** Consumes {@code data[off, off + len)}, calling {@code listener} once per frame completed by a delimiter. */
    public void feed(byte[] data, int off, int len, FrameListener listener) {
        int i = off;
        int end = off + len;
        byte[] buf = buffer;
        while (i < end) {
            if (blockRemaining > 0 && !overflow && decoded < buf.length && data[i] != 0) {
                // Inside a COBS block: copy data bytes until the block ends, the chunk ends or a delimiter appears.
                int run = Math.min(blockRemaining, end - i);
                int room = buf.length - decoded;
                if (run > room) {
                    run = room;
                }
                int k = 0;
                int d = decoded;
                while (k < run) {
                    byte b = data[i + k];
                    if (b == 0) {
                        break;
                    }
                    buf[d + k] = b;
                    k++;
                }
                i += k;
                decoded += k;
                wireBytes += k;
                blockRemaining -= k;
                continue;
            }
            byte b = data[i++];
            if (b == 0) {
                finishFrame(listener);
                continue;
            }
            wireBytes++;
            if (overflow) {
                continue;
            }
            if (blockRemaining > 0) {
                // Only reached with a full buffer: one more data byte than a frame can hold.
                overflow = true;
                continue;
            }
            int code = b & 0xFF;
            if (zeroPending) {
                if (decoded == buf.length) {
                    overflow = true;
                    continue;
                }
                buf[decoded++] = 0;
            }
            blockRemaining = code - 1;
            zeroPending = code != 0xFF;
        }
    }

    /** Frames decoded good since this decoder was made. */
    public long goodFrames() {
        return goodFrames;
    }

    /** Corrupt frames (any status but GOOD) since this decoder was made. */
    public long corruptFrames() {
        return corruptFrames;
    }

    /** True when bytes of an unfinished frame are waiting for their delimiter. */
    public boolean midFrame() {
        return wireBytes > 0;
    }

    /** Forgets an unfinished frame, as after a reopened port. */
    public void reset() {
        decoded = 0;
        wireBytes = 0;
        blockRemaining = 0;
        zeroPending = false;
        overflow = false;
    }

    private void finishFrame(FrameListener listener) {
        if (wireBytes == 0) {
            return; // Empty frame between two delimiters: padding, ignored (§1).
        }
        FrameStatus status;
        if (overflow) {
            status = FrameStatus.OVERSIZED;
        } else if (blockRemaining > 0) {
            status = FrameStatus.BAD_COBS;
        } else {
            status = check(decoded);
        }
        int decodedBytes = overflow ? 0 : decoded;
        int frameWireBytes = wireBytes + 1;
        reset();
        if (status == FrameStatus.GOOD) {
            goodFrames++;
        } else {
            corruptFrames++;
        }
        view.set(buffer, decodedBytes, frameWireBytes, status);
        listener.frame(view);
    }

    /** The checks of §2.3, in order, on a frame whose COBS decoding succeeded. */
    private FrameStatus check(int n) {
        if (n < WireLimits.MIN_FRAME_BYTES) {
            return FrameStatus.TRUNCATED;
        }
        int length = LittleEndian.u16(buffer, 4);
        if (length > maxPayloadBytes) {
            return FrameStatus.OVERSIZED;
        }
        int carried = n - WireLimits.MIN_FRAME_BYTES;
        if (carried < length) {
            return FrameStatus.TRUNCATED;
        }
        if (carried > length) {
            return FrameStatus.LENGTH_MISMATCH;
        }
        crc.reset();
        crc.update(buffer, 0, n - WireLimits.CRC_BYTES);
        if ((int) crc.getValue() != (int) LittleEndian.u32(buffer, n - WireLimits.CRC_BYTES)) {
            return FrameStatus.BAD_CRC;
        }
        MessageType type = MessageType.ofCode(buffer[0] & 0xFF);
        if (type == null) {
            return FrameStatus.UNKNOWN_TYPE;
        }
        if (!type.flagsAllowed(buffer[1] & 0xFF)) {
            return FrameStatus.BAD_FLAGS;
        }
        return FrameStatus.GOOD;
    }
}
