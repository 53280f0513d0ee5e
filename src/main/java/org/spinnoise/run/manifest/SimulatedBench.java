package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/**
 * What a simulated bench recorded of a run: each junction's stress and each output's level between pulses, the time
 * the real instruments would have spent, and the problems found (a junction held off 0 V, a voltage beyond the limit,
 * a breakdown). Its own records, so the controller's manifest does not depend on the simulator.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SimulatedBench(List<Junction> junctions, Map<String, Double> modelledSecondsByRole, long reads,
                             double modelledSecondsPerRead, double modelledBitsPerSecond, List<String> problems) {

    /** One junction: what it went through and, by output (e.g. "pulse ch2"), the level it was held at between pulses. */
    public record Junction(int index, Stress stress, Map<String, Level> levels) {
    }

    /** Largest voltage, pulses, DC held between pulses and breakdown. */
    public record Stress(double maxAbsVolts, long pulses, double largestHeldVolts, double secondsHeldNonZero,
                         long switchesWhileHeld, boolean brokenDown, double breakdownAtVolts) {
    }

    /** An output's largest level between pulses and how long it was not 0 V. */
    public record Level(double largestVolts, double secondsNonZero) {
    }
}
