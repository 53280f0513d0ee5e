package org.spinnoise.calibration.board;

import java.io.IOException;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.calibration.CalibrationException;

/**
 * Counts ones on a {@link ComparatorSource} at its current setting. Bits the source confirmed under an earlier setting
 * (kept across the reconfiguration) come first and are skipped, so a count never mixes two settings; every pulse the
 * count cost, skipped bits included, is added to {@link #pulses()}.
 */
final class ComparatorCounts {
    private final ComparatorSource source;
    private long pulses;

    ComparatorCounts(ComparatorSource source) {
        this.source = source;
    }

    /** Ones among the next {@code cycles} bits made under the current setting. */
    int ones(int cycles) throws IOException {
        long settingStart = source.settingStartIndex();
        int taken = 0;
        int ones = 0;
        while (taken < cycles) {
            BitBatch batch = source.nextBatch(cycles - taken);
            if (batch.bitCount() == 0) {
                throw new CalibrationException("board calibration: " + source.describe() + " ended after "
                        + pulses + " pulses; give it a larger budget");
            }
            pulses += batch.bitCount();
            for (int i = 0; i < batch.bitCount() && taken < cycles; i++) {
                if (batch.firstIndex() + i < settingStart) {
                    continue;
                }
                ones += (batch.packed()[i >>> 3] >>> (7 - (i & 7))) & 1;
                taken++;
            }
        }
        return ones;
    }

    /** A scan point: the comparator moved to {@code code} and {@code cycles} bits counted there. */
    ScanPoint at(int code, int cycles) throws IOException {
        source.setComparator(code, 0);
        return new ScanPoint(code, cycles, ones(cycles));
    }

    long pulses() {
        return pulses;
    }

    ComparatorSource source() {
        return source;
    }
}
