package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.spinnoise.noise.NoiseMode;

/**
 * The run report of {@code spinnoise evaluate} ({@code evaluation-report.md}): what was compared and with what (model
 * and its provenance, sampler, feature extractor, pool), the table (KID with its bootstrap interval, the KID of each
 * seed's share, FID and FID∞, bits per normal, the noise check), each source's two-sample test against the baseline,
 * the claims the table supports in those numbers, each source's noise check in full and its sample grid, so the result
 * can be read and checked without the JSON. The evaluate command prints; this writes.
 */
public final class EvaluationReport {
    public static final String FILE = "evaluation-report.md";

    /**
     * What the table alone does not say.
     *
     * @param codeVersion the code that ran the evaluation (diffusion does not know the build, its caller does)
     */
    public record Context(String commandLine, String codeVersion, String model, String sampler, String pool,
                          Instant started, Duration wall) {
    }

    private EvaluationReport() {
    }

    /** Writes {@value #FILE} into {@code folder} and returns it. */
    public static Path write(Path folder, ComparisonTable table, Context context) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Noise-source evaluation (KID-FMNIST)\n\n");
        md.append("| | |\n| --- | --- |\n");
        row(md, "command", "`" + context.commandLine() + "`");
        row(md, "started", context.started().toString());
        row(md, "wall time", String.format(Locale.ROOT, "%.1f min", context.wall().toMillis() / 60_000.0));
        row(md, "code", context.codeVersion());
        row(md, "model", context.model());
        row(md, "sampler", context.sampler());
        row(md, "metric", table.metric() + "; KID as in Bińkowski et al., Demystifying MMD GANs, ICLR 2018; its "
                + "estimate is unbiased, so more images narrow its interval without moving it. FID (squared Fréchet "
                + "distance) and FID∞ (extrapolated in 1/N, Chong and Forsyth, CVPR 2020) beside it");
        row(md, "reference", String.format(Locale.ROOT, "%,d Fashion-MNIST test images", table.referenceImages()));
        row(md, "images", String.format(Locale.ROOT, "%,d per source, pooled over seeds %s (each seed its own noise "
                + "stream)", table.imagesPerSource(), java.util.Arrays.toString(table.seeds())));
        row(md, "intervals", String.format(Locale.ROOT, "bootstrap percentile, B = %,d, level %.0f %%: images "
                + "resampled with replacement, the reference resampled to first order (shared by all sources)",
                table.bootstrapReplicates(), 100 * table.level()));
        row(md, "pool", context.pool());
        md.append("\nEverything but the noise source is fixed: the same model, sampler, seeds and images per source.\n\n");
        md.append("| source | mode | KID | 95 % interval | KID per seed | FID | FID∞ | normals / image "
                + "| bits / normal | hardware bits / image | noise check |\n");
        md.append("| --- | --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (ComparisonTable.Row r : table.rows()) {
            String perSeed = java.util.Arrays.stream(r.kidPerSeed())
                    .mapToObj(d -> String.format(Locale.ROOT, "%.4g", d)).collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT, "| %s | %s | %.4g | [%.4g, %.4g] | %s | %.3f | %.3f | %,.0f | %s "
                            + "| %,.0f | %s |%n", r.label(), r.mode(), r.kid(), r.kidLow(), r.kidHigh(), perSeed, r.fid(), r.fidInfinity(), r.normalsPerImage(),
                    bitsPerNormal(r.bitsPerNormal()), r.hardwareBitsPerImage(), r.noiseCheckBrief()));
        }
        md.append('\n');
        table.rows().stream().filter(r -> r.mode() != null).map(r -> r.mode()).distinct()
                .forEach(m -> md.append("- `").append(m).append("`: ")
                        .append(NoiseMode.parse(m).generator()).append('\n'));
        table.rows().stream().filter(r -> r.construction() != null)
                .forEach(r -> md.append("- ").append(r.label()).append(": ").append(r.construction()).append('\n'));
        md.append("- bits / normal: 8 × the bytes of the source's bit stream it consumed, per normal (a DRBG: its "
                + "output generated, in 64 KiB blocks); prng's account counts values, not bits, so it shows —.\n");
        md.append('\n');
        if (table.differences().isEmpty()) {
            md.append("No two-sample test: the table has no ").append(table.baseline()).append(" row.\n");
        } else {
            md.append("## Two-sample tests against ").append(table.baseline()).append("\n\n");
            md.append("D = KID(source) − KID(").append(table.baseline()).append("); p from a permutation test of the "
                    + "pooled images; smallest detectable = (z₀.₉₇₅ + z₀.₈) × SD of D under relabelling = "
                    + "2.80 × SD (α = 0.05, power 0.8).\n\n");
            md.append("| source | D | 95 % interval | p | smallest detectable | MMD² between the two |\n");
            md.append("| --- | ---: | --- | ---: | ---: | ---: |\n");
            for (KidDifference d : table.differences()) {
                md.append(String.format(Locale.ROOT, "| %s | %.4g | [%.4g, %.4g] | %.4f | %.4g | %.4g |%n",
                        d.source(), d.difference(), d.low(), d.high(), d.pValue(), d.smallestDetectable(),
                        d.mmdSquaredBetween()));
            }
        }
        md.append("\n## What this supports\n\n");
        for (String claim : table.claims()) {
            md.append("- ").append(claim).append(".\n");
        }
        md.append("\n## Noise checks (the normals each seed drew)\n\n");
        for (ComparisonTable.Row r : table.rows()) {
            for (int s = 0; s < r.noiseCheck().size(); s++) {
                md.append("- ").append(r.label()).append(", seed ").append(table.seeds()[s]).append(": ")
                        .append(r.noiseCheck().get(s)).append('\n');
            }
        }
        md.append("\n## Sample grids (first batch of the first seed)\n\n");
        List<String> labels = table.rows().stream().map(ComparisonTable.Row::label).toList();
        for (String label : labels) {
            md.append("**").append(label).append("**\n\n![").append(label).append("](").append(label)
                    .append("-grid.png)\n\n");
        }
        Path file = folder.resolve(FILE);
        Files.writeString(file, md.toString());
        return file;
    }

    /** Bits per normal for a table cell: a dash when the source's account does not count bits. */
    public static String bitsPerNormal(double bits) {
        return Double.isNaN(bits) ? "—" : String.format(Locale.ROOT, "%.2f", bits);
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }
}
