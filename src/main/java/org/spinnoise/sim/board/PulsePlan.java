package org.spinnoise.sim.board;

import java.util.List;

/**
 * What the emulated board does for each bit, in physical units, after it has applied a {@code CONFIGURE}: reset
 * pulse (negative amplitude), write pulse, read, and the comparator's threshold and guard band in read-DAC codes,
 * taking the selected junctions in turn.
 */
record PulsePlan(double writeVolts, double writeWidthSeconds, double resetVolts, double resetWidthSeconds,
                 int thresholdCode, int guardBandCodes, List<Integer> junctions) {
    PulsePlan {
        junctions = List.copyOf(junctions);
        if (junctions.isEmpty()) {
            throw new IllegalArgumentException("a pulse plan needs at least one junction");
        }
    }
}
