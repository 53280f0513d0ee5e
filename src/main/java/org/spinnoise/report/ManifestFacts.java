package org.spinnoise.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few calibration figures a plot takes from a run's manifest.json when the CSV files lack them: the fitted V50
 * with its standard error, the threshold, and the two states' medians and spreads. Read as a plain JSON tree (the
 * report does not need the run package's typed manifest); a missing or unreadable manifest just yields no figures,
 * since the plots draw from the CSV files first.
 */
final class ManifestFacts {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestFacts.class);

    private final JsonNode calibration;

    private ManifestFacts(JsonNode calibration) {
        this.calibration = calibration;
    }

    static ManifestFacts read(Path runFolder) {
        Path file = runFolder.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            return new ManifestFacts(null);
        }
        try {
            JsonNode tree = new ObjectMapper().readTree(file.toFile());
            return new ManifestFacts(tree == null ? null : tree.get("calibration"));
        } catch (IOException e) {
            LOG.warn("plots: {} is unreadable ({}); drawing from the CSV files alone", file, e.getMessage());
            return new ManifestFacts(null);
        }
    }

    /** calibration.sweep_fit.v50_volts, or NaN. */
    double v50Volts() {
        return number("sweep_fit", "v50_volts");
    }

    /** calibration.sweep_fit.v50_std_err_volts, or NaN. */
    double v50StdErrVolts() {
        return number("sweep_fit", "v50_std_err_volts");
    }

    /** calibration.threshold_ohms, or NaN. */
    double thresholdOhms() {
        return number("threshold_ohms");
    }

    /** calibration.levels.{parallel|antiparallel}.{median_ohms|sigma_ohms}, or NaN. */
    double level(String state, String field) {
        return number("levels", state, field);
    }

    private double number(String... path) {
        JsonNode node = calibration;
        for (String key : path) {
            if (node == null) {
                return Double.NaN;
            }
            node = node.get(key);
        }
        return node != null && node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
