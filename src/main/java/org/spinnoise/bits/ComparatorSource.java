package org.spinnoise.bits;

import java.io.IOException;

/**
 * A {@link BitSource} whose bits are a comparator's verdict on each read (a pulser board), so its reads are never seen
 * as resistances: calibration learns the read distributions by moving the comparator threshold (in read-DAC codes) and
 * counting ones, with the junction held in P (write off: reset, then read) or written into AP. Each setter takes
 * effect from the next batch; bits already confirmed under the old setting are handed out first, in batches of their
 * own, so a batch never mixes two settings. {@link #settingStartIndex()} says where the current setting's bits begin.
 */
public interface ComparatorSource extends BitSource {

    /** The largest comparator threshold code (2^R − 1 for an R-bit read DAC). */
    int maxThresholdCode();

    /** Volts at the comparator per read-DAC code (full scale / (2^R − 1)). */
    double readVoltsPerCode();

    /** Volts per write-DAC code: the steps in which the write amplitude can move. */
    double writeVoltsPerCode();

    /** The largest write amplitude this source may fire: the lower of the DAC's full scale and the safety limit. */
    double maxWriteVolts();

    /** Comparator threshold and guard band in force, read-DAC codes. */
    int thresholdCode();

    /** Guard band in force, read-DAC codes either side of the threshold. */
    int guardBandCodes();

    /** Moves the comparator threshold and guard band (read-DAC codes). */
    void setComparator(int thresholdCode, int guardBandCodes) throws IOException;

    /** Turns the write pulse off (write code 0): each cycle is reset then read, so every read is of state P. */
    void setWriteOff() throws IOException;

    /** True while the write pulse is off. */
    boolean writeOff();

    /** Index of the first bit made under the current setting (bits before it were made under earlier ones). */
    long settingStartIndex();
}
