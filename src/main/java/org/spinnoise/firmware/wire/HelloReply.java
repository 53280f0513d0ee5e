package org.spinnoise.firmware.wire;

/**
 * HELLO_REPLY (0x81): the board's version, identity and capabilities (PROTOCOL.md §4.2). The host refuses a board that
 * does not speak version 1 and keeps every CONFIGURE and START within these limits.
 */
public record HelloReply(int version, String serial, String firmware, int junctions, int writeDacBits,
                         int writeDacFullScaleMillivolts, int readDacBits, int readDacFullScaleMillivolts,
                         long minPulsePicoseconds, long maxPulsePicoseconds, int maxStreamPayloadBytes,
                         long pulsesPerSecond) implements Message {
    static final int TEXT_BYTES = 16;
    static final int BYTES = 1 + TEXT_BYTES + TEXT_BYTES + 1 + 1 + 2 + 1 + 2 + 4 + 4 + 2 + 4;

    public HelloReply {
        Fields.range("HELLO_REPLY version", version, 1, 255);
        Fields.ascii("board serial number", serial, 1, TEXT_BYTES);
        Fields.ascii("firmware version", firmware, 1, TEXT_BYTES);
        Fields.range("junction count", junctions, 1, WireLimits.MAX_JUNCTIONS);
        Fields.range("write DAC resolution (bits)", writeDacBits, 8, 16);
        Fields.range("write DAC full scale (mV)", writeDacFullScaleMillivolts, 1, 0xFFFF);
        Fields.range("read DAC resolution (bits)", readDacBits, 8, 16);
        Fields.range("read DAC full scale (mV)", readDacFullScaleMillivolts, 1, 0xFFFF);
        Fields.range("shortest pulse (ps)", minPulsePicoseconds, 1, Fields.U32_MAX);
        Fields.range("longest pulse (ps)", maxPulsePicoseconds, minPulsePicoseconds, Fields.U32_MAX);
        Fields.range("largest STREAM payload", maxStreamPayloadBytes, WireLimits.MIN_STREAM_PAYLOAD_BYTES,
                WireLimits.MAX_PAYLOAD_BYTES);
        Fields.range("pulses per second", pulsesPerSecond, 1, Fields.U32_MAX);
    }

    /** Largest write or reset DAC code: 2^writeDacBits − 1 (full scale). */
    public int maxWriteCode() {
        return (1 << writeDacBits) - 1;
    }

    /** Largest comparator threshold code: 2^readDacBits − 1 (full scale). */
    public int maxReadCode() {
        return (1 << readDacBits) - 1;
    }

    static HelloReply read(byte[] b, int off) {
        int p = off + 1;
        String serial = Fields.readPadded("board serial number", b, p, TEXT_BYTES);
        String firmware = Fields.readPadded("firmware version", b, p + TEXT_BYTES, TEXT_BYTES);
        p += 2 * TEXT_BYTES;
        return new HelloReply(LittleEndian.u8(b, off), serial, firmware, LittleEndian.u8(b, p),
                LittleEndian.u8(b, p + 1), LittleEndian.u16(b, p + 2), LittleEndian.u8(b, p + 4),
                LittleEndian.u16(b, p + 5), LittleEndian.u32(b, p + 7), LittleEndian.u32(b, p + 11),
                LittleEndian.u16(b, p + 15), LittleEndian.u32(b, p + 17));
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO_REPLY;
    }

    @Override
    public int payloadBytes() {
        return BYTES;
    }

    @Override
    public void writePayload(byte[] dst, int off) {
        LittleEndian.put8(dst, off, version);
        Fields.writePadded(serial, dst, off + 1, TEXT_BYTES);
        Fields.writePadded(firmware, dst, off + 1 + TEXT_BYTES, TEXT_BYTES);
        int p = off + 1 + 2 * TEXT_BYTES;
        LittleEndian.put8(dst, p, junctions);
        LittleEndian.put8(dst, p + 1, writeDacBits);
        LittleEndian.put16(dst, p + 2, writeDacFullScaleMillivolts);
        LittleEndian.put8(dst, p + 4, readDacBits);
        LittleEndian.put16(dst, p + 5, readDacFullScaleMillivolts);
        LittleEndian.put32(dst, p + 7, minPulsePicoseconds);
        LittleEndian.put32(dst, p + 11, maxPulsePicoseconds);
        LittleEndian.put16(dst, p + 15, maxStreamPayloadBytes);
        LittleEndian.put32(dst, p + 17, pulsesPerSecond);
    }
}
