package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NoiseBenchmarkTest {
    @TempDir
    Path tmp;

    @Test
    void measuresEveryModeBesideTheJdkAndEndsInOneJsonLine() throws Exception {
        List<String> progress = new ArrayList<>();
        NoiseBenchmark.Result result = NoiseBenchmark.run(NoiseBenchmark.BATCH, tmp.resolve("pool"), progress::add);
        assertEquals(5 * NoiseBenchmark.TIMED_PASSES, progress.size());
        String json = result.json();
        assertTrue(!json.contains("\n"), json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("noise", node.get("bench").asText());
        for (String key : List.of("trng_mnormals_per_s", "drbg_mnormals_per_s", "prng_mnormals_per_s",
                "jdk_mnormals_per_s", "drbg_over_jdk", "trng_without_pool_mnormals_per_s", "jdk_cpu_mnormals_per_s",
                "drbg_over_jdk_cpu")) {
            assertTrue(node.get(key).asDouble() > 0, key + " in " + json);
        }
        assertEquals(32.0, node.get("trng_bits_per_normal").asDouble(), 0);
        assertTrue(node.get("drbg_hardware_bits_per_normal").asDouble() < 0.01, json);
        // The service adds its figures to the same line.
        NoiseBenchmark.Result extended = result.with("service_one_client_mnormals_per_s", 1.5);
        assertTrue(extended.json().endsWith(",\"service_one_client_mnormals_per_s\":1.5000}"), extended.json());
        assertThrows(IllegalArgumentException.class, () -> NoiseBenchmark.run(10, tmp.resolve("p2"), s -> { }));
    }
}
