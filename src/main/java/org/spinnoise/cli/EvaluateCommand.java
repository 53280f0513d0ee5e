package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.spinnoise.diffusion.model.SamplingModel;
import org.spinnoise.diffusion.data.FashionMnist;
import org.spinnoise.diffusion.data.LabelledImages;
import org.spinnoise.diffusion.quality.ComparisonTable;
import org.spinnoise.diffusion.quality.EvaluationReport;
import org.spinnoise.diffusion.quality.FeatureExtractor;
import org.spinnoise.diffusion.quality.EvaluationReference;
import org.spinnoise.diffusion.quality.ClassifierArchitecture;
import org.spinnoise.diffusion.quality.TrainedClassifier;
import org.spinnoise.diffusion.quality.KidDifference;
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
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise evaluate}: the paper's experiment. One trained model and one sampler generate images with each noise
 * source in turn, split over several seeds; KID (unbiased, with a bootstrap interval) and FID in the feature
 * extractor's features are measured against the Fashion-MNIST test set, each source is tested against prng with the
 * smallest difference the test could detect, and the normals each source drew are checked. Prints the table, the
 * tests and the claims they support; writes the table as JSON, a report and a sample grid per source.
 */
@Command(name = "evaluate", description = "KID-FMNIST of one model under each noise source (trng, drbg, prng, degraded), "
        + "each tested against prng.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise evaluate --out eval",
                "  spinnoise evaluate --out eval --sources prng,clt-4 --images 200 --seeds 2 \\",
                "      --steps 10",
                "  spinnoise evaluate --out eval \\",
                "      --sources prng,raw:runs/20261207-041500-board --seeds 2",
                "  spinnoise evaluate --out eval --checkpoint my-eps-net.onnx --sources trng,prng"})
final class EvaluateCommand implements Callable<Integer> {
    static final String TABLE = "evaluation.json";
    static final String DEFAULT_IMAGES = "8000";
    private static final double LEVEL = 0.95;
    private static final long STATISTICS_SEED = 19;
    private static final String BASELINE = "prng";
    /** This project's 2-core machine; see the README's evaluate section for how each figure was measured. */
    static final String IMAGES_COST = "Cost on this 2-core machine: about 0.2 s of CPU per image at 50 DDIM steps "
            + "(3.85 ms per image-step), so 8,000 images take about 13 min per source on both cores, plus about "
            + "1 min of statistics.";
    static final String BOOTSTRAP_COST = "A replicate costs about 0.63 N² multiply-adds over the kept kernel matrix "
            + "(N = --images): about 55 s of CPU for 1,000 at N = 8,000.";

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for evaluation.json and one grid per source.")
    Path out;

    @Option(names = "--sources", paramLabel = "SOURCE", defaultValue = "trng,drbg,prng,biased-0.6,clt-4",
            description = "Noise sources to compare: trng, drbg, prng; Gaussians from fewer bits clt-K, "
                    + "irwin-hall-KxB, inv-B; biased-P; raw:<run folder>, clt-K:raw:<run folder>, "
                    + "clt-K-fair:raw:<run folder>. The table states each one's bits per normal and correction "
                    + "(default: ${DEFAULT-VALUE}).")
    String sources;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "evaluate",
            description = "Name the pool accounts bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @OptionRange(min = 1)
    @Option(names = "--seeds", paramLabel = "N", defaultValue = "3",
            description = "Independent noise streams per source; the images are split over them and pooled for the "
                    + "statistics (default: ${DEFAULT-VALUE}).")
    int seedCount;

    @OptionRange(min = 2, max = 20_000)
    @Option(names = "--images", paramLabel = "N", defaultValue = DEFAULT_IMAGES,
            description = "Images per source, over all seeds (default: ${DEFAULT-VALUE}). " + IMAGES_COST)
    int images;

    @OptionRange(min = 10)
    @Option(names = "--bootstrap", paramLabel = "B", defaultValue = "1000",
            description = "Bootstrap replicates of each interval (default: ${DEFAULT-VALUE}). " + BOOTSTRAP_COST)
    int bootstrap;

    @OptionRange(min = 10)
    @Option(names = "--permutations", paramLabel = "N", defaultValue = "10000",
            description = "Relabellings of the permutation test against prng (default: ${DEFAULT-VALUE}).")
    int permutations;

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

    @Option(names = "--classifier", paramLabel = "FILE|ARCH", defaultValue = "cnn",
            description = "Whose features the metrics use: the built-in cnn (test accuracy 0.9075) or mlp "
                    + "(0.8705), or a weights file from 'spinnoise classifier train' (default: ${DEFAULT-VALUE}).")
    String classifierChoice;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        Instant started = Instant.now();
        String badSource = NoiseCandidates.problem(sources);
        if (badSource != null) {
            // Checked before the model, data and pool are touched: a typo costs no minutes.
            throw new ParameterException(spec.commandLine(), "--sources: " + badSource);
        }
        if (images < 2 * seedCount) {
            throw new ParameterException(spec.commandLine(), "--images " + images + " gives some of the " + seedCount
                    + " seeds fewer than 2 images: raise --images or lower --seeds");
        }
        try (SamplingModel model = models.load("ema")) {
            return evaluate(model, console, started);
        }
    }

    /** The experiment on {@code model}, once the options are known to be sound. */
    private int evaluate(SamplingModel model, PrintWriter console, Instant started) throws Exception {
        Sampler sampler = Samplers.byName(samplerName, model.schedule(), samplingSteps, eta);
        TrainedClassifier classifier = classifier();
        FeatureExtractor features = classifier.features();
        model.requireImageShape(features.shape(), "evaluate's Fashion-MNIST classifier");
        LabelledImages test = FashionMnist.load(data, FashionMnist.Split.TEST);
        long[] seeds = new long[seedCount];
        for (int i = 0; i < seedCount; i++) {
            seeds[i] = i + 1;
        }
        long normalsPerImage = sampler.normalsPerImage(model.denoiser().shape());
        long normalsPerSource = normalsPerImage * images;
        // The largest seed's share, for every seed: what a raw run must hold per part.
        long normalsPerSeedsShare = normalsPerImage * ((images + seedCount - 1) / seedCount) * seedCount;
        List<String> labels = Arrays.stream(sources.split(",")).map(NoiseCandidates::label).toList();
        long poolBytes = labels.stream().mapToLong(l -> NoiseCandidates.poolBytes(l, normalsPerSource, seedCount)).sum();
        boolean needsPool = poolBytes > 0;
        console.printf(Locale.ROOT, "evaluate %s: %s, %,d images per source over %d seeds, %,d normals per source; "
                        + "classifier test accuracy %.4f%n", model.name(),
                sampler.description(), images, seedCount, normalsPerSource, classifier.testAccuracy());
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
                    normalsPerSeedsShare, EvaluateCommand::rawBits);
            console.printf("reference: features of the %,d test images%n", test.count());
            console.flush();
            Progress progress = ProgressMode.of(spec);
            EvaluationReference reference = EvaluationReference.ofDataSet(features, test, test.count(), 500, progress);
            Files.createDirectories(out);
            ComparisonTable table;
            progress.begin("evaluate " + candidates.size() + " sources", (long) candidates.size() * images, "image");
            try {
                table = NoiseComparison.run(sampler, model.denoiser(), features, reference, candidates, seeds, images,
                        batch, new NoiseComparison.Statistics(bootstrap, LEVEL, permutations, STATISTICS_SEED, BASELINE),
                        gridsAndProgress(console, progress));
            } finally {
                progress.end();
            }
            table.write(out.resolve(TABLE));
            print(console, table);
            String poolLine = pool == null ? "not used (no source draws hardware bits)"
                    : String.format(Locale.ROOT, "%s: %,d bytes before, %,d after (consumer '%s')", poolDir,
                    poolBefore, pool.status().bytesAvailable(), consumer);
            Path report = EvaluationReport.write(out, table, new EvaluationReport.Context(
                    "spinnoise " + String.join(" ", spec.commandLine().getParseResult().originalArgs()),
                    CodeVersion.describe(),
                    model.name() + ": " + model.provenance(),
                    sampler.description(), poolLine, started, Duration.between(started, Instant.now())));
            console.printf("table %s, report %s, grids %s/<source>-grid.png%n", out.resolve(TABLE), report, out);
        }
        registered.end(sources);
        return 0;
    }

    /** The built-in classifier named by {@code --classifier}, or the weights file it names. */
    private TrainedClassifier classifier() throws java.io.IOException {
        for (ClassifierArchitecture a : ClassifierArchitecture.values()) {
            if (a.label().equals(classifierChoice)) {
                return a.builtIn();
            }
        }
        Path file = Path.of(classifierChoice);
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--classifier " + classifierChoice + ": neither a built-in "
                    + "classifier (" + ClassifierArchitecture.labels() + ") nor a weights file");
        }
        return ClassifierArchitecture.read(file);
    }

    /** A run folder's raw bits, one part per seed: the {@code raw:<run folder>} sources. */
    private static RawBitsNoise rawBits(Path runFolder, int seeds) throws java.io.IOException {
        RunBits bits = RunBits.of(runFolder);
        return RawBitsNoise.split(bits.file(), bits.bits(), seeds);
    }

    /** Prints each seed's distance and keeps the first batch of each source's first seed as a grid. */
    private NoiseComparison.Progress gridsAndProgress(PrintWriter console, Progress progress) {
        Map<String, Boolean> gridDone = new HashMap<>();
        return new NoiseComparison.Progress() {
            @Override
            public void seedDone(String label, long seed, double kid) {
                ConsoleProgressBar.clearLine(progress);
                console.printf(Locale.ROOT, "  %-12s seed %d  KID %.4g%n", label, seed, kid);
                console.flush();
            }

            @Override
            public void statistics(String what) {
                ConsoleProgressBar.clearLine(progress);
                console.printf("  statistics: %s%n", what);
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

    private static void print(PrintWriter console, ComparisonTable table) {
        int width = Math.max(12, table.rows().stream().mapToInt(r -> r.label().length()).max().orElse(0));
        console.printf(Locale.ROOT, "%n%-" + width + "s %-6s %10s %23s %9s %9s %13s %12s %19s  %s%n", "source", "mode",
                "KID", "95 % interval", "FID", "FID∞", "normals/image", "bits/normal", "hardware bits/image",
                "noise check");
        for (ComparisonTable.Row r : table.rows()) {
            console.printf(Locale.ROOT, "%-" + width + "s %-6s %10.4g [%10.4g, %10.4g] %9.3f %9.3f %13.0f %12s %19.0f  %s%n",
                    r.label(), r.mode(), r.kid(), r.kidLow(), r.kidHigh(), r.fid(), r.fidInfinity(),
                    r.normalsPerImage(), EvaluationReport.bitsPerNormal(r.bitsPerNormal()), r.hardwareBitsPerImage(),
                    r.noiseCheckBrief());
        }
        for (ComparisonTable.Row r : table.rows()) {
            if (r.construction() != null) {
                console.printf(Locale.ROOT, "  %-" + width + "s %s%n", r.label(), r.construction());
            }
        }
        if (!table.differences().isEmpty()) {
            console.printf(Locale.ROOT, "%ntwo-sample tests against %s (D = KID(source) - KID(%s); smallest "
                    + "detectable = 2.80 x SD of D under relabelling, alpha 0.05, power 0.8):%n", table.baseline(),
                    table.baseline());
            for (KidDifference d : table.differences()) {
                console.printf(Locale.ROOT, "  %-" + width + "s D %10.4g  95 %% interval [%10.4g, %10.4g]  p %.4f  "
                                + "smallest detectable %.4g%n", d.source(), d.difference(), d.low(), d.high(),
                        d.pValue(), d.smallestDetectable());
            }
        }
        console.println();
        for (String claim : table.claims()) {
            console.println("claim: " + claim);
        }
    }
}
