package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The memory figures of {@code bench serve} come from a real backlog: the service's queue fills within its bound. */
class BacklogBenchmarkTest {

    @Test
    void stalledClientsFillTheQueueWithinItsBound() throws Exception {
        List<String> lines = new ArrayList<>();
        BacklogBenchmark.Result r = BacklogBenchmark.run(4, 16, 1 << 20, lines::add);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(r.queuedBytes() > 0 && r.peakQueuedBytes() <= r.queueBoundBytes(), r.toString());
        assertTrue(r.baselineHeapMb() > 0 && r.stalledHeapMb() > 0, r.toString());
        JsonNode node = new ObjectMapper().readTree("{" + r.jsonMembers() + "}");
        assertEquals(4, node.get("backlog_clients").asInt());
        assertTrue(node.get("backlog_queued_mb").asDouble() > 0, node.toString());
    }
}
