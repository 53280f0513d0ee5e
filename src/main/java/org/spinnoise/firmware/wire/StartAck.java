package org.spinnoise.firmware.wire;

/** START_ACK (0x83): the board accepted START; STREAM frames follow while it has credit (PROTOCOL.md §4.5). Empty payload. */
public record StartAck() implements Message {
    @Override
    public MessageType type() {
        return MessageType.START_ACK;
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
