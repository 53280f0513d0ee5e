package org.spinnoise.report.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Per-client rates in a service snapshot: each element of its {@code client_list} array (an object with a
 * {@code name}) gets {@code NAME_per_s} beside each counter named, by a {@link CounterRates} of its own; a client
 * that left is forgotten.
 */
public final class ClientRates {
    private final List<String> counters;
    private final long minIntervalNanos;
    private final LongSupplier clock;
    private final Map<String, CounterRates> byClient = new HashMap<>();

    public ClientRates(List<String> counters, long minIntervalNanos, LongSupplier clock) {
        this.counters = List.copyOf(counters);
        this.minIntervalNanos = minIntervalNanos;
        this.clock = clock;
    }

    /** {@code snapshot} (copied) with the rates added to each element of its client list. */
    public synchronized ObjectNode withRates(JsonNode snapshot) {
        ObjectNode out = snapshot.deepCopy();
        JsonNode list = out.path("client_list");
        if (!list.isArray()) {
            return out;
        }
        ArrayNode rated = out.putArray("client_list");
        Set<String> seen = new HashSet<>();
        for (JsonNode client : list) {
            String name = client.path("name").asText();
            seen.add(name);
            rated.add(byClient.computeIfAbsent(name, n -> new CounterRates(counters, minIntervalNanos, clock))
                    .withRates(client));
        }
        byClient.keySet().retainAll(seen);
        return out;
    }
}
