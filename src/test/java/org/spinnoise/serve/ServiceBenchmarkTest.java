package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The service benchmark, run tiny: every figure present and positive, one JSON line, passes reported. */
class ServiceBenchmarkTest {

    @Test
    void reportsServiceBesideRawJeroMqForOneAndFourClients() throws Exception {
        List<String> progress = new ArrayList<>();
        ServiceBenchmark.Result r = ServiceBenchmark.run(2, 64 << 10, 4, progress::add);
        int passesPerConfiguration = ServiceBenchmark.WARM_UP_PASSES + ServiceBenchmark.TIMED_PASSES;
        assertEquals(1 + 2 * passesPerConfiguration, progress.size(), progress.toString());
        assertTrue(progress.get(1).startsWith("1 client warm-up: raw JeroMQ "), progress.get(1));
        String json = r.json();
        assertTrue(!json.contains("\n"));
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("serve", node.get("bench").asText());
        for (String key : List.of("serve_generator_mb_per_s", "serve_jdk_next_gaussian_mb_per_s",
                "serve_raw_1_client_mb_per_s", "serve_1_client_mb_per_s",
                "serve_ratio_1_client", "serve_raw_4_clients_mb_per_s", "serve_4_clients_mb_per_s",
                "serve_ratio_4_clients", "serve_4_clients_mnormals_per_s", "serve_raw_1_client_cpu_ms_per_mb",
                "serve_4_clients_cpu_ms_per_mb", "serve_bytes_1_client_mb_per_s", "serve_bytes_ratio_1_client",
                "serve_bytes_4_clients_mb_per_s", "serve_bytes_ratio_4_clients", "serve_bytes_4_clients_cpu_ms_per_mb",
                "serve_cpu_ceiling_ratio_1_client", "serve_cpu_ceiling_ratio_4_clients",
                "serve_cpu_parity_ratio_1_client", "serve_cpu_parity_ratio_4_clients", "serve_cores")) {
            assertTrue(node.get(key).asDouble() > 0, key + " in " + json);
        }
        assertEquals(r.one().serviceMbPerS() / 4, node.get("serve_1_client_mnormals_per_s").asDouble(), 0.01);
        assertEquals(Runtime.getRuntime().availableProcessors(), node.get("serve_cores").asInt());
        assertThrows(IllegalArgumentException.class, () -> ServiceBenchmark.run(1, 100, 1, s -> { }));
    }
}
