package org.spinnoise.firmware.wire;

/** STOP (0x05, host → board): end the stream; answered by STOP_ACK even when no stream runs (PROTOCOL.md §4.8). Empty payload. */
public record Stop() implements Message {
    @Override
    public MessageType type() {
        return MessageType.STOP;
    }

    @Override
    public int payloadBytes() {
        return 0;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        // No payload.
    }
}
