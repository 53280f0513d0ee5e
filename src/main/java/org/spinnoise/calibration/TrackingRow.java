package org.spinnoise.calibration;

/**
 * One drift-tracking estimate, as a row of a run folder's {@code tracking.csv}: where in the bit stream the window
 * ended, when, which junction, the window's bits and ones, its bias from the target probability with the standard
 * error of that bias, the write amplitude in force after the decision, and whether the amplitude moved.
 *
 * @param bitIndex            index of the first bit after the window (bits made so far)
 * @param timeSeconds         seconds since the tracker started (the source's read times when it has reads)
 * @param junction            junction index (0 for single-junction runs)
 * @param windowBits          bits in the window
 * @param windowOnes          ones among them
 * @param bias                ones / bits minus the target probability
 * @param biasStdErr          binomial standard error of {@code bias} at the target probability
 * @param writeAmplitudeVolts the write amplitude in force after this estimate
 * @param adjusted            true when the amplitude moved after this estimate
 */
public record TrackingRow(long bitIndex, double timeSeconds, int junction, long windowBits, long windowOnes,
                          double bias, double biasStdErr, double writeAmplitudeVolts, boolean adjusted) {

    /** The CSV header, as in the run-folder contract. */
    public static final String HEADER = "bit_index,time_seconds,junction,window_bits,window_ones,bias,bias_stderr,"
            + "write_amplitude_volts,adjusted";

    /** The row in CSV form (numbers in Java's Double.toString form), without line end. */
    public String csv() {
        return bitIndex + "," + timeSeconds + "," + junction + "," + windowBits + "," + windowOnes + "," + bias + ","
                + biasStdErr + "," + writeAmplitudeVolts + "," + (adjusted ? 1 : 0);
    }
}
