package org.spinnoise.diffusion.quality;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spinnoise.noise.NoiseMode;

/**
 * The result of a {@link NoiseComparison}: one row per noise candidate with its distance for every seed, their mean
 * and spread, and the noise it cost per image. Written as JSON; {@link #verdict} states whether the paper's claim
 * holds on it.
 *
 * @param metric          what the distances are
 * @param referenceImages images in the reference fit
 */
public record ComparisonTable(String metric, String sampler, String features, int imagesPerSeed, long[] seeds,
                             int referenceImages, List<Row> rows) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One noise candidate.
     *
     * @param distancePerSeed the distance of each seed's images, in the order of the table's seeds
     * @param distanceStd     sample standard deviation over seeds, the seed-to-seed spread
     */
    public record Row(String label, String mode, double[] distancePerSeed, double distanceMean, double distanceStd,
                      double normalsPerImage, double hardwareBitsPerImage) {

        /** The generator behind the row's mode, written beside it in the JSON (issue 18: one DRBG, recorded). */
        @JsonProperty("generator")
        public String generator() {
            return mode == null ? null : NoiseMode.parse(mode).generator();
        }
    }

    /** Whether a claim holds, and the numbers that decide it in one sentence. */
    public record Verdict(boolean holds, String explanation) {
    }

    public Row row(String label) {
        for (Row r : rows) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("the comparison has no noise source '" + label + "'");
    }

    /**
     * The claim of the paper on this table: the hardware source and the software baseline differ by less than the
     * seed-to-seed spread (the larger of their two standard deviations), and every degraded source is clearly worse:
     * its mean exceeds the baseline's by more than three times that spread.
     */
    public Verdict verdict(String hardware, String baseline, List<String> degraded) {
        Row h = row(hardware);
        Row b = row(baseline);
        double spread = Math.max(h.distanceStd(), b.distanceStd());
        double gap = Math.abs(h.distanceMean() - b.distanceMean());
        boolean holds = gap < spread;
        List<String> parts = new ArrayList<>();
        parts.add(String.format(Locale.ROOT, "%s vs %s: |%.4g - %.4g| = %.3g %s spread %.3g", hardware, baseline,
                h.distanceMean(), b.distanceMean(), gap, gap < spread ? "<" : ">=", spread));
        for (String label : degraded) {
            Row d = row(label);
            boolean worse = d.distanceMean() - b.distanceMean() > 3 * spread;
            holds &= worse;
            parts.add(String.format(Locale.ROOT, "%s %.4g is %s worse than %s%s", label, d.distanceMean(),
                    worse ? "clearly" : "NOT clearly", baseline, worse ? "" : " (this metric does not tell them apart)"));
        }
        return new Verdict(holds, String.join("; ", parts));
    }

    public String toJson() throws IOException {
        return JSON.writeValueAsString(this);
    }

    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        JSON.writeValue(file.toFile(), this);
    }
}
