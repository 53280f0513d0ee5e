package org.spinnoise.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Per-second rates of a service's counters, from successive snapshots: each snapshot (a JSON object of counters, such
 * as the noise service's telemetry) is returned with {@code NAME_per_s} beside each counter named, over the interval
 * since the previous snapshot at least {@code minIntervalNanos} older (so two requests a moment apart do not show a
 * rate of noise). Gauges pass through unchanged.
 */
public final class CounterRates {
    private final List<String> counters;
    private final long minIntervalNanos;
    private final LongSupplier clock;
    private JsonNode previous;
    private long previousNanos;
    private ObjectNode lastRates;

    public CounterRates(List<String> counters, long minIntervalNanos, LongSupplier clock) {
        this.counters = List.copyOf(counters);
        this.minIntervalNanos = minIntervalNanos;
        this.clock = clock;
    }

    /** {@code snapshot} (copied) with the rates added; the first snapshot's rates are 0. */
    public synchronized ObjectNode withRates(JsonNode snapshot) {
        long now = clock.getAsLong();
        ObjectNode out = snapshot.deepCopy();
        if (previous == null) {
            previous = snapshot;
            previousNanos = now;
        } else if (now - previousNanos >= minIntervalNanos) {
            double seconds = (now - previousNanos) / 1e9;
            lastRates = out.objectNode();
            for (String c : counters) {
                lastRates.put(c + "_per_s", Math.max(0, snapshot.path(c).asLong() - previous.path(c).asLong())
                        / seconds);
            }
            previous = snapshot;
            previousNanos = now;
        }
        for (String c : counters) {
            out.put(c + "_per_s", lastRates == null ? 0.0 : lastRates.path(c + "_per_s").asDouble());
        }
        return out;
    }
}
