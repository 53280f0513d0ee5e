package org.spinnoise.firmware.wire;

import java.util.Objects;

/** CONFIGURE_ACK (0x82): the settings the board applied, widths rounded to its timer resolution (PROTOCOL.md §4.3–4.4). */
public record ConfigureAck(BoardSettings settings) implements Message {
    public ConfigureAck {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public MessageType type() {
        return MessageType.CONFIGURE_ACK;
    }

    @Override
    public int payloadBytes() {
        return BoardSettings.BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        settings.write(dst, off);
    }
}
