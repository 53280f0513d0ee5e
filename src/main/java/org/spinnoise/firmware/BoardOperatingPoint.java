package org.spinnoise.firmware;

import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;

/**
 * Where the board should run its junctions, in physical units: the write pulse (amplitude near V50, width), the reset
 * pulse (negative amplitude, width), the delay from write to read, the comparator threshold and guard band in
 * read-DAC codes, and which junctions. A write amplitude of exactly 0 V is write code 0, which CONFIGURE allows
 * (PROTOCOL.md §4.3: write code 0 … 2^W − 1): the write pulse is off and each cycle is reset then read, which holds the
 * junction in P (a threshold scan of the P state). {@link #toSettings} turns it into the {@code CONFIGURE} codes of one
 * board with that board's DAC scale (code = volts / full scale × (2^bits − 1), rounded), refusing what the board cannot do;
 * {@link #ofSettings} turns the codes a board applied back into volts for the run's provenance.
 */
public record BoardOperatingPoint(double writeVolts, double writeWidthSeconds, double resetVolts,
                                  double resetWidthSeconds, double readDelaySeconds, int thresholdCode,
                                  int guardBandCodes, long junctionMask) {

    public BoardOperatingPoint {
        if (!(writeVolts >= 0) || !Double.isFinite(writeVolts)) {
            throw new IllegalArgumentException("write amplitude must be a positive voltage (0: write off), got "
                    + writeVolts + " V");
        }
        if (!(resetVolts < 0) || !Double.isFinite(resetVolts)) {
            throw new IllegalArgumentException("reset amplitude must be a negative voltage, got " + resetVolts + " V");
        }
        if (!(writeWidthSeconds > 0) || !(resetWidthSeconds > 0)) {
            throw new IllegalArgumentException("pulse widths must be positive, got write " + writeWidthSeconds
                    + " s, reset " + resetWidthSeconds + " s");
        }
        if (!(readDelaySeconds >= 0)) {
            throw new IllegalArgumentException("read delay must be >= 0, got " + readDelaySeconds + " s");
        }
        if (thresholdCode < 0 || thresholdCode > 0xFFFF || guardBandCodes < 0 || guardBandCodes > 0xFFFF) {
            throw new IllegalArgumentException("threshold and guard band are read-DAC codes 0..65535, got "
                    + thresholdCode + " and " + guardBandCodes);
        }
        if (junctionMask <= 0 || junctionMask > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(String.format("junction mask must select 1..32 junctions, got 0x%X",
                    junctionMask));
        }
    }

    /**
     * The {@code CONFIGURE} codes for this board.
     *
     * @throws BoardException naming the value and the board's limit when the board cannot do it
     */
    public BoardSettings toSettings(HelloReply board, String address) throws BoardException {
        double fullScaleVolts = board.writeDacFullScaleMillivolts() / 1000.0;
        int writeCode = writeVolts == 0 ? 0 : dacCode("write amplitude", writeVolts, fullScaleVolts, board, address);
        int resetCode = dacCode("reset amplitude", -resetVolts, fullScaleVolts, board, address);
        long writePs = picoseconds("write pulse width", writeWidthSeconds, board, address);
        long resetPs = picoseconds("reset pulse width", resetWidthSeconds, board, address);
        long delayNs = Math.round(readDelaySeconds * 1e9);
        if (delayNs > 0xFFFF_FFFFL) {
            throw new BoardException("board at " + address + ": read delay " + readDelaySeconds
                    + " s does not fit the protocol (at most 4.29 s)");
        }
        BoardSettings settings = new BoardSettings(junctionMask, writeCode, writePs, resetCode, resetPs, delayNs,
                thresholdCode, guardBandCodes);
        try {
            settings.checkAgainst(board);
        } catch (IllegalArgumentException e) {
            throw new BoardException("board at " + address + ": " + e.getMessage());
        }
        return settings;
    }

    /** The physical values of codes a board applied (its {@code CONFIGURE_ACK}). */
    public static BoardOperatingPoint ofSettings(BoardSettings applied, HelloReply board) {
        double voltsPerCode = board.writeDacFullScaleMillivolts() / 1000.0 / board.maxWriteCode();
        return new BoardOperatingPoint(applied.writeCode() * voltsPerCode, applied.writeWidthPicoseconds() * 1e-12,
                -applied.resetCode() * voltsPerCode, applied.resetWidthPicoseconds() * 1e-12,
                applied.readDelayNanoseconds() * 1e-9, applied.thresholdCode(), applied.guardBandCodes(),
                applied.junctionMask());
    }

    /** The same point with another write pulse (amplitude 0: write off). */
    public BoardOperatingPoint withWrite(double newWriteVolts, double newWriteWidthSeconds) {
        return new BoardOperatingPoint(newWriteVolts, newWriteWidthSeconds, resetVolts, resetWidthSeconds,
                readDelaySeconds, thresholdCode, guardBandCodes, junctionMask);
    }

    /** The same point with another comparator threshold and guard band, in read-DAC codes. */
    public BoardOperatingPoint withComparator(int newThresholdCode, int newGuardBandCodes) {
        return new BoardOperatingPoint(writeVolts, writeWidthSeconds, resetVolts, resetWidthSeconds, readDelaySeconds,
                newThresholdCode, newGuardBandCodes, junctionMask);
    }

    /** The same point on other junctions. */
    public BoardOperatingPoint withJunctionMask(long newJunctionMask) {
        return new BoardOperatingPoint(writeVolts, writeWidthSeconds, resetVolts, resetWidthSeconds, readDelaySeconds,
                thresholdCode, guardBandCodes, newJunctionMask);
    }

    private static int dacCode(String what, double volts, double fullScaleVolts, HelloReply board, String address)
            throws BoardException {
        long code = Math.round(volts / fullScaleVolts * board.maxWriteCode());
        if (code > board.maxWriteCode()) {
            throw new BoardException(String.format("board at %s: %s %.4f V is beyond the write DAC's full scale "
                    + "%.3f V", address, what, volts, fullScaleVolts));
        }
        if (code == 0) {
            throw new BoardException(String.format("board at %s: %s %.6f V is below one step of the write DAC "
                    + "(%.6f V)", address, what, volts, fullScaleVolts / board.maxWriteCode()));
        }
        return (int) code;
    }

    private static long picoseconds(String what, double seconds, HelloReply board, String address)
            throws BoardException {
        long ps = Math.round(seconds * 1e12);
        if (ps < board.minPulsePicoseconds() || ps > board.maxPulsePicoseconds()) {
            throw new BoardException(String.format("board at %s: %s %.4g s is outside the board's %.4g .. %.4g s",
                    address, what, seconds, board.minPulsePicoseconds() * 1e-12, board.maxPulsePicoseconds() * 1e-12));
        }
        return ps;
    }
}
