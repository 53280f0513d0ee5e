package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a simulated bench spends time, from its bench file's {@code "timing"} object: in {@code modelled} mode each
 * instrument waits as long as the real one would (integration from NPLC and the line frequency, bursts) before it
 * answers, so a run shows a real bench's bit rate; in {@code instant} mode (the default, for fast tests) it answers at
 * once but still books the modelled time, which {@link SimulatedBench#modelledSeconds} reports. The line frequency
 * is the lab's mains, which sets an SMU's power-line cycle.
 */
public record BenchTiming(
        @JsonProperty("mode") String mode,
        @JsonProperty("lineFrequencyHz") double lineFrequencyHz) {

    public static final String MODELLED = "modelled";
    public static final String INSTANT = "instant";

    public BenchTiming {
        mode = mode == null ? INSTANT : mode;
        if (!mode.equals(MODELLED) && !mode.equals(INSTANT)) {
            throw new IllegalArgumentException("timing field 'mode' must be \"modelled\" or \"instant\", was \"" + mode + "\"");
        }
        lineFrequencyHz = lineFrequencyHz == 0 ? 60 : lineFrequencyHz;
        if (lineFrequencyHz != 50 && lineFrequencyHz != 60) {
            throw new IllegalArgumentException("timing field 'lineFrequencyHz' must be 50 or 60, was " + lineFrequencyHz);
        }
    }

    /** Instant answers on 60 Hz mains. */
    public static BenchTiming instant() {
        return new BenchTiming(INSTANT, 60);
    }

    /** True when instruments wait their modelled time before answering. */
    boolean waits() {
        return mode.equals(MODELLED);
    }
}
