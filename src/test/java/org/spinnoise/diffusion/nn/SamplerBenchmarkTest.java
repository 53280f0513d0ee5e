package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sampler benchmark run tiny: every stage reported each round, one line of JSON with positive figures. */
class SamplerBenchmarkTest {

    @Test
    void reportsEveryStageAndOneLineOfJson() throws Exception {
        List<String> progress = new ArrayList<>();
        SamplerBenchmark.Settings settings = new SamplerBenchmark.Settings(UNetGradientTest.tiny(), 2, 2, 32, 2);
        SamplerBenchmark.Result result = SamplerBenchmark.run(settings, progress::add);
        assertEquals(2 * 5, progress.stream().filter(line -> line.startsWith("round ")).count(), "" + progress);
        assertTrue(progress.get(progress.size() - 1).startsWith("naive triple-loop matmul 32³"), "" + progress);
        String json = result.json();
        assertFalse(json.contains("\n"), json);
        JsonNode node = new ObjectMapper().readTree(json);
        assertEquals("sampler", node.get("bench").asText());
        assertEquals(new UNet(UNetGradientTest.tiny()).parameterCount(), node.get("parameters").asInt());
        for (String key : List.of("matmul_peak_gflop_per_s", "matmul_peak_cpu_gflop_per_s",
                "naive_matmul_gflop_per_s", "forward_ms_per_image", "forward_cpu_ms_per_image", "forward_gflop_per_s",
                "forward_to_matmul_peak", "training_ms_per_image", "training_gflop_per_s",
                "forward_threads_ms_per_image", "training_threads_ms_per_image")) {
            assertTrue(node.get(key).asDouble() > 0, key + " in " + json);
        }
        assertEquals(result.forwardCpuGflopPerS() / result.matmulPeakCpuGflopPerS(), result.forwardToPeak(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> new SamplerBenchmark.Settings(UNetGradientTest.tiny(), 0, 1, 32, 1));
    }
}
