package org.spinnoise.firmware.wire;

/** STOP_ACK (0x85): sent after the last STREAM frame of a stream (PROTOCOL.md §4.8). Empty payload. */
public record StopAck() implements Message {
    @Override
    public MessageType type() {
        return MessageType.STOP_ACK;
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
