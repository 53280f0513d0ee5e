package org.spinnoise.report.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rates from successive counter snapshots, the service's and each client's, on a clock the test sets. */
class CounterRatesTest {
    private long nowNanos;

    @Test
    void ratesAreOverTheIntervalSinceTheLastSnapshotOldEnough() {
        CounterRates rates = new CounterRates(List.of("requests"), 500_000_000L, () -> nowNanos);
        assertEquals(0.0, rates.withRates(snapshot(100, 3)).get("requests_per_s").asDouble());
        nowNanos = 2_000_000_000L;
        ObjectNode two = rates.withRates(snapshot(300, 4));
        assertEquals(100.0, two.get("requests_per_s").asDouble(), 1e-9);
        assertEquals(4, two.get("clients").asLong(), "gauges pass through");
        nowNanos += 100_000_000L; // too soon: the last rate stands
        assertEquals(100.0, rates.withRates(snapshot(310, 4)).get("requests_per_s").asDouble(), 1e-9);
        nowNanos += 900_000_000L;
        assertEquals(10.0, rates.withRates(snapshot(310, 4)).get("requests_per_s").asDouble(), 1e-9);
        nowNanos += 1_000_000_000L; // a restarted service's counters go back: no negative rate
        assertEquals(0.0, rates.withRates(snapshot(5, 1)).get("requests_per_s").asDouble());
    }

    @Test
    void eachClientGetsItsOwnRatesAndAClientThatLeftIsForgotten() {
        ClientRates rates = new ClientRates(List.of("requests"), 0, () -> nowNanos);
        rates.withRates(clients(new String[] {"a", "b"}, new long[] {10, 100}));
        nowNanos = 1_000_000_000L;
        ObjectNode next = rates.withRates(clients(new String[] {"a", "b"}, new long[] {15, 300}));
        assertEquals(5.0, next.get("client_list").get(0).get("requests_per_s").asDouble(), 1e-9);
        assertEquals(200.0, next.get("client_list").get(1).get("requests_per_s").asDouble(), 1e-9);
        assertEquals("b", next.get("client_list").get(1).get("name").asText());
        nowNanos = 2_000_000_000L;
        rates.withRates(clients(new String[] {"a"}, new long[] {20}));
        nowNanos = 3_000_000_000L;
        // "b" left and came back (a new session of the same name): its rate starts again from its first snapshot.
        assertEquals(0.0, rates.withRates(clients(new String[] {"b"}, new long[] {5})).get("client_list").get(0)
                .get("requests_per_s").asDouble());
    }

    private static ObjectNode clients(String[] names, long[] requests) {
        ObjectNode n = JsonNodeFactory.instance.objectNode().put("clients", names.length);
        for (int i = 0; i < names.length; i++) {
            n.withArray("client_list").addObject().put("name", names[i]).put("requests", requests[i]);
        }
        return n;
    }

    private static ObjectNode snapshot(long requests, long clients) {
        return JsonNodeFactory.instance.objectNode().put("requests", requests).put("clients", clients);
    }
}
