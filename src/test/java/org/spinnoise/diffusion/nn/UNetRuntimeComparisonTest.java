package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine comparison run tiny (the small test U-Net, two images, one round, no PyTorch): Java and ONNX Runtime
 * measured in every case, rounds reported as they go, ONNX Runtime agreeing with Java on the same images, and JSON
 * members with units in their keys.
 */
class UNetRuntimeComparisonTest {

    @Test
    void measuresJavaAndOnnxRuntimeInEveryCase() throws Exception {
        UNet net = new UNet(UNetGradientTest.tiny());
        List<String> progress = new ArrayList<>();
        UNetRuntimeComparison.Result result = UNetRuntimeComparison.run(net, net.layout().initialValues(3), 2, 1,
                null, progress::add);
        assertEquals(6, result.figures().size(), "" + result.figures());
        assertEquals(6, progress.stream().filter(line -> line.startsWith("round 1/1")).count(), "" + progress);
        for (String engine : List.of("java", "onnx")) {
            for (int[] c : new int[][] {{2, 1}, {1, 1}, {1, 2}}) {
                UNetRuntimeComparison.Figure f = result.figure(engine, c[0], c[1]);
                assertNotNull(f, engine + " " + c[0] + " " + c[1]);
                assertTrue(f.msPerImage() > 0 && f.medianMsPerImage() >= f.msPerImage(), f.toString());
            }
        }
        assertNull(result.figure("torch", 2, 1));
        assertTrue(result.maxAbsDiffFromJava().get("onnx") < 1e-4, "" + result.maxAbsDiffFromJava());
        JsonNode json = new ObjectMapper().readTree("{\"bench\":\"sampler\"" + result.jsonMembers() + "}");
        for (String key : List.of("ms_per_image_step_java_b2", "ms_per_image_step_onnx_b2",
                "ms_per_image_step_java_b1_t1", "ms_per_image_step_onnx_b1_t2", "cpu_ms_per_image_step_java_b1_t1",
                "median_ms_per_image_step_onnx_b1_t1")) {
            assertTrue(json.get(key).asDouble() > 0, key + " in " + json);
        }
        assertTrue(json.get("max_abs_diff_onnx_vs_java").asDouble() < 1e-4, json.toString());
        assertTrue(json.get("torch_version").isNull(), json.toString());
    }

    @Test
    void thePairedRatioIsTheMedianOfEachRoundsOwnRatio() {
        // Best over best would be 2/1; round by round Java took 2, 3 and 3 times PyTorch's time.
        UNetRuntimeComparison.Result result = new UNetRuntimeComparison.Result(List.of(
                new UNetRuntimeComparison.Figure("java", 1, 1, 2, 6, 2, new double[] {2, 9, 6}),
                new UNetRuntimeComparison.Figure("torch", 1, 1, 1, 2, 1, new double[] {1, 3, 2})), Map.of(), "1.13");
        assertEquals(3.0, result.pairedMedianRatio("torch", 1, 1), 1e-12);
        assertTrue(Double.isNaN(result.pairedMedianRatio("onnx", 1, 1)));
        assertTrue(Double.isNaN(result.pairedMedianRatio("torch", 16, 1)));
    }
}
