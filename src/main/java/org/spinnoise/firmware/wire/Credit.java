package org.spinnoise.firmware.wire;

/**
 * CREDIT (0x04, host → board): the new frame limit, counted from START modulo 2^32: the board may send STREAM frames
 * while it has sent fewer than this since START. Absolute rather than additive, so a lost or repeated CREDIT does no
 * harm and the host may resend it (PROTOCOL.md §6). No reply.
 */
public record Credit(long frameLimit) implements Message {
    static final int BYTES = 4;

    public Credit {
        Fields.u32("frame limit", frameLimit);
    }

    static Credit read(byte[] b, int off) {
        return new Credit(LittleEndian.u32(b, off));
    }

    @Override
    public MessageType type() {
        return MessageType.CREDIT;
    }

    @Override
    public int payloadBytes() {
        return BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put32(dst, off, frameLimit);
    }
}
