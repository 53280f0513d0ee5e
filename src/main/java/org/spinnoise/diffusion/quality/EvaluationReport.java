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
 * and its provenance, sampler, classifier and its test accuracy, pool), the table with every seed's distance, the
 * verdict on the paper's claim in words, and each source's sample grid, so the result can be read and checked
 * without the JSON. The evaluate command prints; this writes. It lives beside the comparison it reports on.
 */
public final class EvaluationReport {
    public static final String FILE = "evaluation-report.md";

    /**
     * What the table alone does not say.
     *
     * @param codeVersion the code that ran the evaluation (diffusion does not know the build, its caller does)
     * @param verdict     null when the table lacks trng or prng, so the claim cannot be judged
     */
    public record Context(String commandLine, String codeVersion, String model, String sampler, String pool,
                   Instant started, Duration wall, ComparisonTable.Verdict verdict) {
    }

    private EvaluationReport() {
    }

    /** Writes {@value #FILE} into {@code folder} and returns it. */
    public static Path write(Path folder, ComparisonTable table, Context context) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("# Noise-source evaluation (FID-FMNIST)\n\n");
        md.append("| | |\n| --- | --- |\n");
        row(md, "command", "`" + context.commandLine() + "`");
        row(md, "started", context.started().toString());
        row(md, "wall time", String.format(Locale.ROOT, "%.1f min", context.wall().toMillis() / 60_000.0));
        row(md, "code", context.codeVersion());
        row(md, "model", context.model());
        row(md, "sampler", context.sampler());
        row(md, "metric", table.metric() + "; the features are those of the project's own Fashion-MNIST classifier, "
                + "so this is FID-FMNIST, not Inception FID");
        row(md, "reference", String.format(Locale.ROOT, "%,d Fashion-MNIST test images", table.referenceImages()));
        row(md, "images", String.format(Locale.ROOT, "%,d per source and seed; seeds %s", table.imagesPerSeed(),
                java.util.Arrays.toString(table.seeds())));
        row(md, "pool", context.pool());
        md.append("\nEverything but the noise source is fixed: the same model, sampler, seeds and images per seed.\n\n");
        md.append("| source | mode | FID-FMNIST mean | seed spread (std) | per seed | normals / image | hardware bits / image |\n");
        md.append("| --- | --- | ---: | ---: | --- | ---: | ---: |\n");
        for (ComparisonTable.Row r : table.rows()) {
            String perSeed = java.util.Arrays.stream(r.distancePerSeed())
                    .mapToObj(d -> String.format(Locale.ROOT, "%.3f", d)).collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %s | %,.0f | %,.0f |%n", r.label(),
                    r.mode(), r.distanceMean(), r.distanceStd(), perSeed, r.normalsPerImage(),
                    r.hardwareBitsPerImage()));
        }
        md.append('\n');
        table.rows().stream().filter(r -> r.mode() != null).map(r -> r.mode()).distinct()
                .forEach(m -> md.append("- `").append(m).append("`: ")
                        .append(NoiseMode.parse(m).generator()).append('\n'));
        md.append('\n');
        if (context.verdict() == null) {
            md.append("The claim is not judged: the table needs both trng and prng.\n");
        } else {
            md.append("**Claim (trng within the seed spread of prng; degraded sources clearly worse): ")
                    .append(context.verdict().holds() ? "HOLDS" : "DOES NOT HOLD").append("**. ")
                    .append(context.verdict().explanation()).append(".\n");
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

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
    }
}
