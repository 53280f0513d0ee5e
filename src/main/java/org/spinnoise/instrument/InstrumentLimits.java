package org.spinnoise.instrument;

import java.util.List;

/**
 * What one instrument model can do, as its manual states it: each limit with its value and where it was read (or
 * "not found"), and whether it can take part in hardware-triggered batches. Printed by {@code spinnoise identify}.
 */
public record InstrumentLimits(String kind, List<Limit> limits, boolean batched, String batchedHow) {

    /** One limit, e.g. "pulse width" / "16 ns to 1,000,000 s" / "33500 Series guide p. 69". */
    public record Limit(String name, String value, String cite) {
    }

    public InstrumentLimits {
        limits = List.copyOf(limits);
    }
}
