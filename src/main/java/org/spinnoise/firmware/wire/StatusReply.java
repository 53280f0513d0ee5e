package org.spinnoise.firmware.wire;

/**
 * STATUS_REPLY (0x86): the board's temperature (centi-degrees Celsius, {@link #NO_SENSOR} without a sensor), error
 * flags, uptime, corrupt frames it received and bits streamed since START (PROTOCOL.md §4.9).
 */
public record StatusReply(int temperatureCentiCelsius, long errorFlags, long uptimeMillis, long corruptFramesReceived,
                          long bitsStreamed) implements Message {
    static final int BYTES = 22;
    /** Temperature value of a board without a sensor. */
    public static final int NO_SENSOR = Short.MIN_VALUE;
    public static final long DAC_FAULT = 1;
    public static final long COMPARATOR_FAULT = 2;
    public static final long OVER_TEMPERATURE = 4;
    public static final long RECEIVE_OVERRUN = 8;
    static final long KNOWN_FLAGS = DAC_FAULT | COMPARATOR_FAULT | OVER_TEMPERATURE | RECEIVE_OVERRUN;

    public StatusReply {
        Fields.range("temperature (centi-degrees C)", temperatureCentiCelsius, Short.MIN_VALUE, Short.MAX_VALUE);
        Fields.range("error flags", errorFlags, 0, KNOWN_FLAGS);
        if ((errorFlags & ~KNOWN_FLAGS) != 0) {
            throw new IllegalArgumentException(String.format("error flags 0x%X set reserved bits", errorFlags));
        }
        Fields.u32("uptime (ms)", uptimeMillis);
        Fields.u32("corrupt frames received", corruptFramesReceived);
        Fields.range("bits streamed", bitsStreamed, 0, Long.MAX_VALUE);
    }

    static StatusReply read(byte[] b, int off) {
        return new StatusReply((short) LittleEndian.u16(b, off), LittleEndian.u32(b, off + 2),
                LittleEndian.u32(b, off + 6), LittleEndian.u32(b, off + 10), LittleEndian.u64(b, off + 14));
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS_REPLY;
    }

    @Override
    public int payloadBytes() {
        return BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put16(dst, off, temperatureCentiCelsius);
        LittleEndian.put32(dst, off + 2, errorFlags);
        LittleEndian.put32(dst, off + 6, uptimeMillis);
        LittleEndian.put32(dst, off + 10, corruptFramesReceived);
        LittleEndian.put64(dst, off + 14, bitsStreamed);
    }
}
