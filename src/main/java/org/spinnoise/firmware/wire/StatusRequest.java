package org.spinnoise.firmware.wire;

/** STATUS (0x06, host → board): asks for a STATUS_REPLY (PROTOCOL.md §4.9). Empty payload. */
public record StatusRequest() implements Message {
    @Override
    public MessageType type() {
        return MessageType.STATUS;
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
