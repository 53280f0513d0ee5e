package org.spinnoise.sim;

import java.util.List;
import java.util.Map;

/**
 * What a simulated bench went through, for a run's manifest and report: for each junction its stress and each
 * wired output's level between pulses, and for each instrument the time the real one would have spent on what was
 * asked of it (modelled from the manuals), in seconds.
 */
public record BenchRecord(List<JunctionRecord> junctions, Map<String, Double> modelledSecondsByRole) {

    /** One junction: its stress and, by output (e.g. {@code "pulse ch2"}), the level it held between pulses. */
    public record JunctionRecord(int index, JunctionStress stress, Map<String, JunctionNode.SourceRecord> levels) {
    }

    /** The largest voltage any junction saw, pulses included. */
    public double maxAbsVolts() {
        return junctions.stream().mapToDouble(j -> j.stress().maxAbsVolts()).max().orElse(0);
    }
}
