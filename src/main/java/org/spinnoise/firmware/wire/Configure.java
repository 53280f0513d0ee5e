package org.spinnoise.firmware.wire;

import java.util.Objects;

/** CONFIGURE (0x02, host → board): settings to apply; refused with ERROR while streaming or when outside the board's limits (PROTOCOL.md §4.3–4.4). */
public record Configure(BoardSettings settings) implements Message {
    public Configure {
        Objects.requireNonNull(settings, "settings");
    }

    @Override
    public MessageType type() {
        return MessageType.CONFIGURE;
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
