package org.spinnoise.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few figures a plot takes from a run's manifest.json when the CSV files lack them: the fitted V50 with its
 * standard error, the sweep's pulse width, the threshold, the two states' medians and spreads, and the health tests'
 * cutoffs. Read as a plain JSON tree (the
 * report does not need the run package's typed manifest); a missing or unreadable manifest just yields no figures,
 * since the plots draw from the CSV files first.
 */
final class ManifestFacts {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestFacts.class);

    private final JsonNode root;

    private ManifestFacts(JsonNode root) {
        this.root = root;
    }

    /** No figures: for a junction's own files in an array run, whose manifest figures are not per junction. */
    static ManifestFacts none() {
        return new ManifestFacts(null);
    }

    static ManifestFacts read(Path runFolder) {
        Path file = runFolder.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return new ManifestFacts(null);
        }
        try {
            JsonNode tree = new ObjectMapper().readTree(file.toFile());
            return new ManifestFacts(tree);
        } catch (IOException e) {
            LOG.warn("plots: {} is unreadable ({}); drawing from the CSV files alone", file, e.getMessage());
            return new ManifestFacts(null);
        }
    }

    /** calibration.sweep_fit.v50_volts, or NaN. */
    double v50Volts() {
        return number("calibration", "sweep_fit", "v50_volts");
    }

    /** calibration.sweep_fit.v50_std_err_volts, or NaN. */
    double v50StdErrVolts() {
        return number("calibration", "sweep_fit", "v50_std_err_volts");
    }

    /** plan.sweep.width_seconds: the width of a sweep whose CSV file has no width column; or NaN. */
    double sweepWidthSeconds() {
        return number("plan", "sweep", "width_seconds");
    }

    /** calibration.threshold_ohms, or NaN. */
    double thresholdOhms() {
        return number("calibration", "threshold_ohms");
    }

    /** calibration.levels.{parallel|antiparallel}.{median_ohms|sigma_ohms}, or NaN. */
    double level(String state, String field) {
        return number("calibration", "levels", state, field);
    }

    /** The cutoff of the acquisition's health test named {@code test} (health_tests[].cutoff), or NaN. */
    double healthCutoff(String test) {
        JsonNode tests = root == null ? null : root.get("health_tests");
        if (tests != null && tests.isArray()) {
            for (JsonNode t : tests) {
                if (test.equals(t.path("test").asText()) && t.path("cutoff").isNumber()) {
                    return t.path("cutoff").asDouble();
                }
            }
        }
        return Double.NaN;
    }

    /**
     * The number at a path of keys, each written snake_case here and found in either spelling: the manifest's own
     * fields are snake_case, the records nested in it (the fit, the plan) keep their Java names, e.g. v50Volts.
     */
    private double number(String... path) {
        JsonNode node = root;
        for (String key : path) {
            if (node == null) {
                return Double.NaN;
            }
            JsonNode next = node.get(key);
            node = next != null ? next : node.get(camelCase(key));
        }
        return node != null && node.isNumber() ? node.asDouble() : Double.NaN;
    }

    static String camelCase(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
