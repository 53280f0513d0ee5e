package org.spinnoise.calibration.board;

/**
 * One comparator setting of a threshold scan: {@code pulses} cycles with the comparator at {@code thresholdCode}, of
 * which {@code ones} read above it. With the junction held in one state, {@code ones / pulses} estimates that state's
 * upper read tail at the code.
 */
public record ScanPoint(int thresholdCode, int pulses, int ones) {
    public ScanPoint {
        if (pulses <= 0 || ones < 0 || ones > pulses) {
            throw new IllegalArgumentException("scan point at code " + thresholdCode + ": " + ones + " ones of "
                    + pulses + " pulses");
        }
    }

    public double fraction() {
        return (double) ones / pulses;
    }
}
