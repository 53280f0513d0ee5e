package org.spinnoise.calibration;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a run folder's threshold.csv: the one-row summary of the resistance mixture fit (threshold, guard band, both
 * states, the parallel weight and the read error rate) that the resistance-histogram plot draws over levels.csv.
 */
public final class ThresholdTable {
    public static final String HEADER = "threshold_ohms,guard_low_ohms,guard_high_ohms,parallel_ohms,"
            + "parallel_sigma_ohms,antiparallel_ohms,antiparallel_sigma_ohms,parallel_weight,read_error_rate";

    private ThresholdTable() {
    }

    public static void write(Path file, ResistanceMixture m) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(HEADER + "\n");
            out.write(m.thresholdOhms() + "," + m.guardLowOhms() + "," + m.guardHighOhms() + "," + m.parallelOhms()
                    + "," + m.parallelSigmaOhms() + "," + m.antiparallelOhms() + "," + m.antiparallelSigmaOhms() + ","
                    + m.parallelWeight() + "," + m.readErrorRate() + "\n");
        }
    }
}
