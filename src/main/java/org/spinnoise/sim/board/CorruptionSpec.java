package org.spinnoise.sim.board;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Damage the emulated board does to its own {@code STREAM} frames, each a chance per frame (at most one kind per
 * frame, drawn from a seeded stream): {@code garbage} puts a burst of 1 … {@code garbageMaxBytes} random bytes and a
 * delimiter on the line before the frame; {@code truncate} sends only the first part of the frame; {@code flipBit}
 * flips one bit of the encoded frame; {@code drop} never sends it (its sequence number is used up);
 * {@code duplicate} sends it twice. Replies to requests are never damaged. All chances default to 0.
 */
public record CorruptionSpec(
        @JsonProperty("garbage") double garbage,
        @JsonProperty("truncate") double truncate,
        @JsonProperty("flipBit") double flipBit,
        @JsonProperty("drop") double drop,
        @JsonProperty("duplicate") double duplicate,
        @JsonProperty("garbageMaxBytes") int garbageMaxBytes) {

    /** No damage. */
    public static final CorruptionSpec NONE = new CorruptionSpec(0, 0, 0, 0, 0, 0);

    public CorruptionSpec {
        if (garbageMaxBytes == 0) {
            garbageMaxBytes = 64;
        }
        for (double p : new double[] {garbage, truncate, flipBit, drop, duplicate}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("corruption chances must be in 0..1, got " + p);
            }
        }
        if (garbage + truncate + flipBit + drop + duplicate > 1) {
            throw new IllegalArgumentException("corruption chances add up to more than 1");
        }
        if (garbageMaxBytes < 1) {
            throw new IllegalArgumentException("garbageMaxBytes must be at least 1, was " + garbageMaxBytes);
        }
    }

    /** The same chance of each of the five kinds of damage. */
    public static CorruptionSpec everyKind(double chanceEach) {
        return new CorruptionSpec(chanceEach, chanceEach, chanceEach, chanceEach, chanceEach, 0);
    }

    public boolean any() {
        return garbage + truncate + flipBit + drop + duplicate > 0;
    }
}
