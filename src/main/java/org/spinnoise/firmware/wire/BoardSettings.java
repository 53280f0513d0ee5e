package org.spinnoise.firmware.wire;

/**
 * The 24-byte body shared by CONFIGURE and CONFIGURE_ACK (PROTOCOL.md §4.3): which junctions, the write and reset
 * pulses (DAC code and width), when to read, the comparator threshold and its guard band. The constructor checks the
 * limits that hold for every board; the board's own limits (junction count, DAC resolution, pulse widths from
 * HELLO_REPLY) are checked by {@link #checkAgainst(HelloReply)}.
 */
public record BoardSettings(long junctionMask, int writeCode, long writeWidthPicoseconds, int resetCode,
                            long resetWidthPicoseconds, long readDelayNanoseconds, int thresholdCode,
                            int guardBandCodes) {
    static final int BYTES = 24;

    public BoardSettings {
        Fields.range("junction mask", junctionMask, 1, Fields.U32_MAX);
        Fields.u16("write DAC code", writeCode);
        Fields.range("write pulse width (ps)", writeWidthPicoseconds, 1, Fields.U32_MAX);
        Fields.u16("reset DAC code", resetCode);
        Fields.range("reset pulse width (ps)", resetWidthPicoseconds, 1, Fields.U32_MAX);
        Fields.u32("read delay (ns)", readDelayNanoseconds);
        Fields.u16("threshold code", thresholdCode);
        Fields.u16("guard band (codes)", guardBandCodes);
    }

    /** Checks these settings against a board's capabilities, as the board itself does before applying them. */
    public void checkAgainst(HelloReply board) {
        long present = board.junctions() == 32 ? Fields.U32_MAX : (1L << board.junctions()) - 1;
        if ((junctionMask & ~present) != 0) {
            throw new IllegalArgumentException(String.format("junction mask 0x%08X selects junctions the board "
                    + "does not have (it has %d)", junctionMask, board.junctions()));
        }
        Fields.range("write DAC code", writeCode, 0, board.maxWriteCode());
        Fields.range("reset DAC code", resetCode, 0, board.maxWriteCode());
        Fields.range("threshold code", thresholdCode, 0, board.maxReadCode());
        Fields.range("guard band (codes)", guardBandCodes, 0, board.maxReadCode());
        Fields.range("write pulse width (ps)", writeWidthPicoseconds, board.minPulsePicoseconds(),
                board.maxPulsePicoseconds());
        Fields.range("reset pulse width (ps)", resetWidthPicoseconds, board.minPulsePicoseconds(),
                board.maxPulsePicoseconds());
    }

    static BoardSettings read(byte[] b, int off) {
        return new BoardSettings(LittleEndian.u32(b, off), LittleEndian.u16(b, off + 4), LittleEndian.u32(b, off + 6),
                LittleEndian.u16(b, off + 10), LittleEndian.u32(b, off + 12), LittleEndian.u32(b, off + 16),
                LittleEndian.u16(b, off + 20), LittleEndian.u16(b, off + 22));
    }

    void write(byte[] dst, int off) {
        LittleEndian.put32(dst, off, junctionMask);
        LittleEndian.put16(dst, off + 4, writeCode);
        LittleEndian.put32(dst, off + 6, writeWidthPicoseconds);
        LittleEndian.put16(dst, off + 10, resetCode);
        LittleEndian.put32(dst, off + 12, resetWidthPicoseconds);
        LittleEndian.put32(dst, off + 16, readDelayNanoseconds);
        LittleEndian.put16(dst, off + 20, thresholdCode);
        LittleEndian.put16(dst, off + 22, guardBandCodes);
    }
}
