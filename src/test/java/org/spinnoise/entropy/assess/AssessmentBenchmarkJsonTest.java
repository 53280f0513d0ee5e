package org.spinnoise.entropy.assess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.progress.Progress;

/** The bench's JSON figures: the old keys kept, the run's and each estimator's figures at both sizes added. */
class AssessmentBenchmarkJsonTest {

    @Test
    void jsonHoldsTheSuiteAndRunFiguresWithEveryEstimatorBySection() throws Exception {
        List<String> lines = new ArrayList<>();
        AssessmentBenchmark.Result r = AssessmentBenchmark.run(5_000, 7_001, lines::add, Progress.NONE);
        JsonNode json = new ObjectMapper().readTree("{" + r.jsonMembers() + "}");
        for (String key : List.of("estimator_bits", "suite_cpu_s", "suite_wall_s", "suite_cold_cpu_s",
                "suite_cold_wall_s", "read_sample_cpu_s", "min_entropy_per_bit", "nist_ea_non_iid_cpu_s",
                "nist_ea_non_iid_wall_s", "run_bits", "run_assess_wall_s", "run_assess_cpu_s", "run_read_wall_s",
                "run_read_cpu_s", "run_min_entropy_per_bit", "run_cpu_per_core_s", "run_cpu_ns_per_bit", "cores")) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertEquals(7_001, json.get("run_bits").asLong());
        List<String> sections = List.of("6.3.1", "6.3.2", "6.3.3", "6.3.4", "6.3.5", "6.3.6", "6.3.7", "6.3.8",
                "6.3.9", "6.3.10");
        for (String section : sections) {
            assertTrue(json.get("run_estimator_wall_s").get(section).asDouble() >= 0, section);
        }
        for (String section : sections) {
            // 5,000 bits are too few only for the compression estimate.
            assertEquals(!section.equals("6.3.4"), json.get("estimator_wall_s").has(section), section);
        }
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("assessment of 7,001 run bits:")
                && l.contains("baseline unpacking")), String.join("\n", lines));
    }
}
