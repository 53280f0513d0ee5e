package org.spinnoise.sim;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One instrument of a bench file: its model name (a file under {@code models/}), the transport it is served over
 * ({@code tcp}, the default, or {@code serial} over a socat pseudo-terminal pair) and its wiring, which maps each
 * output or measurement channel number to the index of the junction it is connected to.
 */
public record InstrumentSpec(
        @JsonProperty(value = "model", required = true) String model,
        @JsonProperty("transport") String transport,
        @JsonProperty(value = "wiring", required = true) Map<Integer, Integer> wiring) {

    public static final String TCP = "tcp";
    public static final String SERIAL = "serial";

    public InstrumentSpec {
        transport = transport == null ? TCP : transport.toLowerCase(java.util.Locale.ROOT);
        if (!transport.equals(TCP) && !transport.equals(SERIAL)) {
            throw new IllegalArgumentException("instrument field 'transport' must be \"tcp\" or \"serial\", was \"" + transport + "\"");
        }
        wiring = Map.copyOf(wiring);
    }
}
