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
 * The result of a {@link NoiseComparison}: one row per noise source with its KID (and its bootstrap interval), the KID
 * of each seed's share, FID and FID∞, what its noise cost, and the check of the normals it drew; and one
 * {@link KidDifference} per source against the baseline. Written as JSON; {@link #claims} states what it supports.
 *
 * @param metric              what the primary figure is
 * @param imagesPerSource     images of each source, pooled over its seeds for the statistics
 * @param referenceImages     images in the reference
 * @param bootstrapReplicates B of every bootstrap interval
 * @param level               confidence level of the intervals
 */
public record ComparisonTable(String metric, String sampler, String features, int imagesPerSource, long[] seeds,
                              int referenceImages, int bootstrapReplicates, double level, String baseline,
                              List<Row> rows, List<KidDifference> differences) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * One noise source.
     *
     * @param kidPerSeed           KID of each seed's share of the images, in the order of the table's seeds
     * @param kid                  unbiased KID of all the source's images
     * @param kidLow               lower end of its bootstrap interval
     * @param bitsPerNormal        construction bits per normal (8 × the source's stream bytes / normals; NaN for
     *                             prng, whose account counts values, not bits)
     * @param hardwareBitsPerImage pool bits per image, every bit the source took (a DRBG's seed included)
     * @param noiseFlagged         whether the check of the drawn normals flagged any seed
     * @param noiseCheck           the check's one-line summary for each seed
     * @param construction         how the source makes a normal from bits, with its exact correction (null: unstated)
     */
    public record Row(String label, String mode, int images, double[] kidPerSeed, double kid, double kidLow,
                      double kidHigh, double fid, double fidInfinity, double normalsPerImage,
                      double hardwareBitsPerImage, double bitsPerNormal, boolean noiseFlagged,
                      List<String> noiseCheck, String construction) {

        /** The generator behind the row's mode, written beside it in the JSON (issue 18: one DRBG, recorded). */
        @JsonProperty("generator")
        public String generator() {
            return mode == null ? null : NoiseMode.parse(mode).generator();
        }

        /** The noise check in a few words: "pass" or "FLAGGED" with the first flagged seed's findings. */
        public String noiseCheckBrief() {
            if (!noiseFlagged) {
                return "pass";
            }
            String first = noiseCheck.stream().filter(s -> s.contains("NOT like")).findFirst().orElse("");
            int colon = first.indexOf("NOT like N(0, 1) draws:");
            return "FLAGGED" + (colon < 0 ? "" : ":" + first.substring(colon + "NOT like N(0, 1) draws:".length()));
        }
    }

    public Row row(String label) {
        for (Row r : rows) {
            if (r.label().equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("the comparison has no noise source '" + label + "'");
    }

    /** The test of {@code label} against the baseline, or null when there is none (the baseline itself). */
    public KidDifference difference(String label) {
        return differences.stream().filter(d -> d.source().equals(label)).findFirst().orElse(null);
    }

    /**
     * What the table supports, one sentence per source compared with the baseline (in table order), each in the
     * test's own numbers, then one per source whose noise check flagged the normals it drew.
     */
    public List<String> claims() {
        List<String> out = new ArrayList<>();
        for (Row r : rows) {
            KidDifference d = difference(r.label());
            if (d != null) {
                out.add(d.claim());
            }
        }
        for (Row r : rows) {
            if (r.noiseFlagged()) {
                out.add(String.format(Locale.ROOT, "the noise %s drew is NOT like N(0, 1) draws, whatever its "
                        + "images score%s", r.label(), r.noiseCheckBrief().substring("FLAGGED".length())));
            }
        }
        return out;
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
