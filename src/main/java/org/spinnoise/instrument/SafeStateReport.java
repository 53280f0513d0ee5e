package org.spinnoise.instrument;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What putting a bench in its safe state did, output by output: {@code "pulse ch1" → "off, low 0 V, high 0.002 V"},
 * {@code "pulse ch2" → "FAILED: off FAILED (…)"}. Every output was attempted whatever became of the others; the run
 * manifest records this map so an operator knows which output may still be live.
 */
public record SafeStateReport(Map<String, String> outputs) {
    /** The prefix of an output's outcome when any of its steps failed. */
    public static final String FAILED = "FAILED: ";

    public SafeStateReport {
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
    }

    /** True when every output is off and at zero. */
    public boolean allSafe() {
        return outputs.values().stream().noneMatch(v -> v.startsWith(FAILED));
    }

    /** The failed outputs and why, one clause each; empty when all are safe. */
    public String failures() {
        StringBuilder b = new StringBuilder();
        outputs.forEach((output, outcome) -> {
            if (outcome.startsWith(FAILED)) {
                b.append(b.length() == 0 ? "" : "; ").append(output).append(": ")
                        .append(outcome.substring(FAILED.length()));
            }
        });
        return b.toString();
    }
}
