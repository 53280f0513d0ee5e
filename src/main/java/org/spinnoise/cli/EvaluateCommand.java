package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.SampleGrid;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.diffusion.Samplers;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.DiffusionModels;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.quality.ComparisonTable;
import org.spinnoise.diffusion.quality.EvaluationReport;
import org.spinnoise.diffusion.quality.FeatureExtractor;
import org.spinnoise.diffusion.quality.FeatureFits;
import org.spinnoise.diffusion.quality.FmnistClassifier;
import org.spinnoise.diffusion.quality.GaussianFit;
import org.spinnoise.diffusion.quality.NoiseCandidates;
import org.spinnoise.diffusion.quality.NoiseComparison;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.run.CodeVersion;
import org.spinnoise.noise.RawBitsNoise;
import org.spinnoise.run.RunBits;
import org.spinnoise.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise evaluate}: the paper's experiment. One trained model and one sampler generate images with each noise
 * source in turn, over several seeds; FID-FMNIST (the squared Fréchet distance in the built-in classifier's features)
 * is measured against the Fashion-MNIST test set. Prints the table and whether the claim holds, and writes the table
 * as JSON with a sample grid per source.
 */
@Command(name = "evaluate", description = "FID-FMNIST of one model under each noise source (trng, drbg, prng, degraded).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise evaluate --out eval",
                "  spinnoise evaluate --out eval --sources prng,clt-4 --images 100 --seeds 2 \\",
                "      --steps 10",
                "  spinnoise evaluate --out eval \\",
                "      --sources prng,raw:runs/20261207-041500-board --seeds 2"})
final class EvaluateCommand implements Callable<Integer> {
    static final String TABLE = "evaluation.json";

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "Checkpoint written by 'spinnoise train' (default: the built-in model).")
    Path checkpoint;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for evaluation.json and one grid per source.")
    Path out;

    @Option(names = "--sources", paramLabel = "SOURCE", defaultValue = "trng,drbg,prng,biased-0.6,clt-4",
            description = "Noise sources to compare: trng, drbg, prng, clt-K, biased-P, raw:<run folder> "
                    + "(default: ${DEFAULT-VALUE}).")
    String sources;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "evaluate",
            description = "Name the pool accounts bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @OptionRange(min = 2)
    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Seeds per source, at least 2 (default: ${DEFAULT-VALUE}).")
    int seedCount;

    @OptionRange(min = 2)
    @Option(names = "--images", paramLabel = "N", defaultValue = "500",
            description = "Images per source and seed (default: ${DEFAULT-VALUE}).")
    int images;

    @OptionRange(min = 1)
    @Option(names = "--batch", paramLabel = "N", defaultValue = "50",
            description = "Images per sampler run (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--sampler", paramLabel = "SAMPLER", defaultValue = "ddim",
            description = "ddim or ddpm (default: ${DEFAULT-VALUE}).")
    String samplerName;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "50",
            description = "DDIM steps S (default: ${DEFAULT-VALUE}).")
    int samplingSteps;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--eta", paramLabel = "ETA", defaultValue = "1",
            description = "DDIM η; 1 injects noise at every step (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--data", paramLabel = "DIR", defaultValue = "/usr/share/datasets/fashion-mnist",
            description = "Folder with the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "Classifier weights (default: the built-in ones).")
    Path classifierWeights;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Instant started = Instant.now();
        String badSource = NoiseCandidates.problem(sources);
        if (badSource != null) {
            // Checked before the model, data and pool are touched: a typo costs no minutes.
            throw new ParameterException(spec.commandLine(), "--sources: " + badSource);
        }
        DiffusionModels.Loaded model = BuiltInModel.loadOrBuiltIn(checkpoint, "ema");
        Sampler sampler = Samplers.byName(samplerName, model.schedule(), samplingSteps, eta);
        FmnistClassifier classifier = classifierWeights == null ? FmnistClassifier.builtIn()
                : FmnistClassifier.read(classifierWeights);
        FeatureExtractor features = classifier.features();
        LabelledImages test = FashionMnist.load(data, FashionMnist.Split.TEST);
        long[] seeds = new long[seedCount];
        for (int i = 0; i < seedCount; i++) {
            seeds[i] = i + 1;
        }
        long normalsPerSource = sampler.normalsPerImage(model.denoiser().shape()) * images * seedCount;
        List<String> labels = Arrays.stream(sources.split(",")).map(NoiseCandidates::label).toList();
        long poolBytes = labels.stream().mapToLong(l -> NoiseCandidates.poolBytes(l, normalsPerSource, seedCount)).sum();
        boolean needsPool = poolBytes > 0;
        console.printf(Locale.ROOT, "evaluate %s: %s, %d seeds × %d images per source, %,d normals per source; "
                        + "classifier test accuracy %.4f%n", checkpoint == null ? BuiltInModel.LABEL : checkpoint,
                sampler.description(), seedCount, images, normalsPerSource, classifier.testAccuracy());
        if (needsPool && !Files.isDirectory(poolDir)) {
            throw new IllegalArgumentException("sources " + sources + " need an entropy pool, and there is none at " + poolDir
                    + ": fill one with 'spinnoise demo' or 'spinnoise acquire', point --pool at it, or compare only prng "
                    + "and biased-P");
        }
        CatalogRegistration.Draw registered = CatalogRegistration.draw(needsPool ? poolDir : null, consumer);
        try (EntropyPool pool = needsPool ? EntropyPool.open(poolDir, PoolConfig.defaults()) : null) {
            long poolBefore = pool == null ? 0 : pool.status().bytesAvailable();
            if (pool != null && poolBefore < poolBytes) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the pool at %s holds %,d bytes; these sources "
                        + "need about %,d: ingest more runs, lower --images or --seeds, use --eta 0, or drop trng/clt",
                        poolDir, pool.status().bytesAvailable(), poolBytes));
            }
            List<NoiseComparison.Candidate> candidates = NoiseCandidates.parse(sources, pool, consumer, seedCount,
                    normalsPerSource, EvaluateCommand::rawBits);
            console.printf("reference: features of the %,d test images%n", test.count());
            console.flush();
            Progress progress = ProgressMode.of(spec);
            GaussianFit reference = FeatureFits.ofDataSet(features, test, test.count(), 500, progress);
            Files.createDirectories(out);
            ComparisonTable table;
            progress.begin("evaluate " + candidates.size() + " sources", (long) candidates.size() * seedCount * images,
                    "image");
            try {
                table = NoiseComparison.run(sampler, model.denoiser(), features, reference, test.count(),
                        candidates, seeds, images, batch, gridsAndProgress(console, progress));
            } finally {
                progress.end();
            }
            table.write(out.resolve(TABLE));
            ComparisonTable.Verdict verdict = verdict(table, labels);
            print(console, table, verdict);
            String poolLine = pool == null ? "not used (no source draws hardware bits)"
                    : String.format(Locale.ROOT, "%s: %,d bytes before, %,d after (consumer '%s')", poolDir,
                    poolBefore, pool.status().bytesAvailable(), consumer);
            Path report = EvaluationReport.write(out, table, new EvaluationReport.Context(
                    "spinnoise " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                    CodeVersion.describe(),
                    (checkpoint == null ? BuiltInModel.LABEL : checkpoint.toString()) + ": "
                            + BuiltInModel.provenance(model.checkpoint().header()),
                    sampler.description(), poolLine, started,
                    Duration.between(started, Instant.now()), verdict));
            console.printf("table %s, report %s, grids %s/<source>-grid.png%n", out.resolve(TABLE), report, out);
        }
        registered.end(sources);
        return 0;
    }

    /** A run folder's raw bits, one part per seed: the {@code raw:<run folder>} sources. */
    private static RawBitsNoise rawBits(Path runFolder, int seeds) throws java.io.IOException {
        RunBits bits = RunBits.of(runFolder);
        return RawBitsNoise.split(bits.file(), bits.bits(), seeds);
    }

    /** The paper's claim on the table, when it has both trng and prng (degraded: the clt-K, biased-P and raw rows). */
    private static ComparisonTable.Verdict verdict(ComparisonTable table, List<String> labels) {
        if (!labels.contains("trng") || !labels.contains("prng")) {
            return null;
        }
        List<String> degraded = new ArrayList<>();
        for (String l : labels) {
            if (NoiseCandidates.degraded(l)) {
                degraded.add(l);
            }
        }
        return table.verdict("trng", "prng", degraded);
    }

    /** Prints each seed's distance and keeps the first batch of each source's first seed as a grid. */
    private NoiseComparison.Progress gridsAndProgress(PrintWriter console, Progress progress) {
        Map<String, Boolean> gridDone = new HashMap<>();
        return new NoiseComparison.Progress() {
            @Override
            public void seedDone(String label, long seed, double distance) {
                ConsoleProgressBar.clearLine(progress);
                console.printf(Locale.ROOT, "  %-12s seed %d  FID-FMNIST %.4f%n", label, seed, distance);
                console.flush();
            }

            @Override
            public void batchDone(String label, long seed, SampleRun run) {
                progress.step(run.batch());
                if (gridDone.putIfAbsent(label, true) == null) {
                    int n = Math.min(run.batch(), 64);
                    try {
                        SampleGrid.writePng(run.images(), n, run.shape(), (int) Math.ceil(Math.sqrt(n)), 2,
                                out.resolve(label + "-grid.png"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        };
    }

    private static void print(PrintWriter console, ComparisonTable table, ComparisonTable.Verdict verdict) {
        int width = Math.max(12, table.rows().stream().mapToInt(r -> r.label().length()).max().orElse(0));
        String row = "%-" + width + "s %-6s %13.4f ± %6.4f %14.0f %19.0f%n";
        console.printf("%n%-" + width + "s %-6s %22s %14s %19s%n", "source", "mode", "FID-FMNIST mean ± std",
                "normals/image", "hardware bits/image");
        for (ComparisonTable.Row r : table.rows()) {
            console.printf(Locale.ROOT, row, r.label(), r.mode(), r.distanceMean(), r.distanceStd(),
                    r.normalsPerImage(), r.hardwareBitsPerImage());
        }
        if (verdict != null) {
            console.printf("claim (trng within the seed spread of prng; degraded sources clearly worse): %s%n  %s%n",
                    verdict.holds() ? "HOLDS" : "DOES NOT HOLD", verdict.explanation());
        }
    }
}
