package org.spinnoise.entropy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolThroughputBenchmarkTest {

    @Test
    void reportsEveryStageAsOneLineOfJson() throws Exception {
        List<String> progress = new ArrayList<>();
        PoolThroughputBenchmark.Result result = PoolThroughputBenchmark.run(1, progress::add);
        assertEquals(4 * PoolThroughputBenchmark.TIMED_PASSES, progress.size());
        assertTrue(progress.get(0).startsWith("raw SHA-256 pass 1/"), progress.get(0));
        String json = result.json();
        assertTrue(!json.contains("\n"), json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("pool", node.get("bench").asText());
        for (String key : List.of("raw_sha256_gbit_per_s", "health_gbit_per_s", "condition_gbit_per_s",
                "health_and_condition_gbit_per_s")) {
            assertTrue(node.get(key).asDouble() > 0, key + " in " + json);
        }
        assertTrue(result.healthAndConditionGbitPerS() >= result.healthAndConditionMedianGbitPerS());
        assertThrows(IllegalArgumentException.class, () -> PoolThroughputBenchmark.run(0, s -> { }));
    }
}
