package org.spinnoise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.SampleGrid;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.diffusion.Samplers;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.SamplingModel;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.DiagnosedNoiseSource;
import org.spinnoise.noise.NoiseDiagnostics;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.progress.Progress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise sample}: generates images from a trained model (the built-in U-Net, a {@code spinnoise train}
 * checkpoint or a user's ε-network exported to ONNX) with DDPM or DDIM, every Gaussian drawn from
 * the chosen noise mode, and writes them as a PNG grid with a JSON record of the run (sampler, mode, normals and pool
 * bits used). In {@code trng} mode the pool is checked for the whole run's bytes before the first step.
 */
@Command(name = "sample", description = "Generate images from a trained model with trng, drbg or prng noise.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise sample --mode prng --out grid.png",
                "  spinnoise sample --mode drbg --images 4 --steps 25 --eta 1 --out drbg.png",
                "  spinnoise sample --checkpoint runs/unet/checkpoint.ckpt --mode drbg \\",
                "      --sampler ddpm --out ddpm.png",
                "  spinnoise sample --checkpoint my-eps-net.onnx --mode trng --images 4 \\",
                "      --eta 1 --out onnx.png"})
final class SampleCommand implements Callable<Integer> {
    /** The record's one-line verdict of the noise check, which the demo's report repeats. */
    static final String NOISE_CHECK_SUMMARY = "noise_check_summary";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions models;

    @Option(names = "--mode", paramLabel = "MODE", required = true, description = "Noise mode: trng, drbg or prng.")
    String mode;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory for trng and drbg (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "sample",
            description = "Name the pool accounts the bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of prng noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sampler", paramLabel = "SAMPLER", defaultValue = "ddim",
            description = "ddim or ddpm (default: ${DEFAULT-VALUE}).")
    String samplerName;

    @OptionRange(min = 1)
    @Option(names = "--steps", paramLabel = "N", defaultValue = "50",
            description = "DDIM steps S (default: ${DEFAULT-VALUE}).")
    int samplingSteps;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--eta", paramLabel = "ETA", defaultValue = "0",
            description = "DDIM stochasticity η (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--weights", paramLabel = "WEIGHTS", defaultValue = "ema",
            description = "Checkpoints only: ema (averaged) or parameters (raw) (default: ${DEFAULT-VALUE}).")
    String weights;

    @OptionRange(min = 1)
    @Option(names = "--images", paramLabel = "N", defaultValue = "16",
            description = "Images to generate (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "PNG grid to write; the run record goes beside it as .json.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        NoiseMode noiseMode = NoiseMode.parse(mode);
        if (count < 1) {
            throw new IllegalArgumentException("--images must be at least 1, got " + count);
        }
        if (!weights.equals("ema") && !weights.equals("parameters")) {
            throw new IllegalArgumentException("--weights must be ema or parameters, not '" + weights + "'");
        }
        if (models.checkpoint == null && !weights.equals(BuiltInModel.WEIGHTS)) {
            throw new IllegalArgumentException("the built-in model has only ema weights: drop --weights or give --checkpoint");
        }
        try (SamplingModel model = models.load(weights)) {
            if (model.onnx() && spec.commandLine().getParseResult().hasMatchedOption("--weights")) {
                throw new IllegalArgumentException("--weights applies to spinnoise checkpoints; " + model.name()
                        + " is an ONNX model with one set of weights: drop --weights");
            }
            return sampleWith(console, noiseMode, model);
        }
    }

    private int sampleWith(PrintWriter console, NoiseMode noiseMode, SamplingModel model) throws Exception {
        Sampler sampler = Samplers.byName(samplerName, model.schedule(), samplingSteps, eta);
        long normals = sampler.normalsPerImage(model.denoiser().shape()) * count;
        String from = model.trainingStep().isPresent()
                ? String.format(Locale.ROOT, "%s weights of %s (step %,d)", weights, model.name(),
                model.trainingStep().getAsLong())
                : String.format(Locale.ROOT, "%s (%s)", model.name(), model.provenance());
        console.printf(Locale.ROOT, "%s, %s: %d images, %,d normals from %s noise%n", sampler.description(), from, count,
                normals, noiseMode.label());
        console.flush();
        SampleRun run;
        NoiseDiagnostics diagnostics;
        Progress progress = ProgressMode.of(spec);
        if (noiseMode == NoiseMode.PRNG) {
            try (DiagnosedNoiseSource noise = new DiagnosedNoiseSource(NoiseSources.open(NoiseMode.PRNG, null, null,
                    seed))) {
                run = sample(sampler, model.denoiser(), count, noise, progress);
                diagnostics = noise.diagnostics();
            }
        } else {
            if (!Files.isDirectory(poolDir)) {
                throw new IllegalArgumentException("no entropy pool at " + poolDir + ": fill one with 'spinnoise demo' or "
                        + "'spinnoise acquire', point --pool at it, or use --mode prng");
            }
            CatalogRegistration.Draw registered = CatalogRegistration.draw(poolDir, consumer);
            try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
                long neededBytes = normals * Float.BYTES;
                long available = pool.status().bytesAvailable();
                if (noiseMode == NoiseMode.TRNG && available < neededBytes) {
                    throw new IllegalStateException(String.format(Locale.ROOT, "the pool at %s holds %,d bytes, fewer than "
                            + "the %,d this run needs (%,d normals × 4): ingest more runs, lower --images, or use --mode drbg",
                            poolDir, available, neededBytes, normals));
                }
                try (DiagnosedNoiseSource noise = new DiagnosedNoiseSource(NoiseSources.open(noiseMode, pool,
                        consumer, seed))) {
                    run = sample(sampler, model.denoiser(), count, noise, progress);
                    diagnostics = noise.diagnostics();
                }
            }
            registered.end(noiseMode.label());
        }
        SampleGrid.writePng(run.images(), count, run.shape(), (int) Math.ceil(Math.sqrt(count)), 3, out);
        Path record = out.resolveSibling(stripExtension(out.getFileName().toString()) + ".json");
        JSON.writeValue(record.toFile(), record(run, model, diagnostics));
        console.printf(Locale.ROOT, "drew %,d normals, %,d pool bits (%,.0f per image); grid %s, record %s%n",
                run.normals(), run.hardwareBits(), run.hardwareBitsPerImage(), out, record);
        console.println("noise check: " + diagnostics.summary());
        return 0;
    }

    /** Samples {@code count} images, showing the denoising steps on {@code progress}. */
    static SampleRun sample(Sampler sampler, Denoiser denoiser, int count, NoiseSource noise, Progress progress)
            throws IOException {
        // The sampler says how many steps it takes with the first; the task starts there, counting the rest.
        boolean[] begun = {false};
        try {
            return sampler.sample(denoiser, count, noise, (done, total) -> {
                if (!begun[0]) {
                    begun[0] = true;
                    progress.begin("sample " + count + (count == 1 ? " image" : " images"), total - done, "step");
                }
                progress.advance(done - 1);
            });
        } finally {
            if (begun[0]) {
                progress.end();
            }
        }
    }

    private Map<String, Object> record(SampleRun run, SamplingModel model, NoiseDiagnostics diagnostics) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("checkpoint", model.name());
        r.put("checkpoint_step", model.trainingStep().isPresent() ? model.trainingStep().getAsLong() : null);
        r.put("weights", model.onnx() ? null : weights);
        r.put("model", model.provenance());
        r.put("sampler", run.sampler());
        r.put("mode", run.mode().label());
        r.put("generator", run.mode().generator());
        r.put("seed", run.mode() == NoiseMode.PRNG ? seed : null);
        r.put("pool", run.mode() == NoiseMode.PRNG ? null : poolDir.toString());
        r.put("images", run.batch());
        r.put("normals", run.normals());
        r.put("pool_bits", run.hardwareBits());
        r.put("pool_bits_per_image", run.hardwareBitsPerImage());
        r.put("denoiser_calls", run.denoiserCalls());
        r.put("grid", out.toString());
        r.put(NOISE_CHECK_SUMMARY, diagnostics.summary());
        r.put("noise_check", diagnostics.figures().stream().map(f -> {
            Map<String, Object> figure = new LinkedHashMap<>();
            figure.put("figure", f.name());
            figure.put("value", f.value());
            figure.put("low", f.low());
            figure.put("high", f.high());
            figure.put("flagged", f.flagged());
            return figure;
        }).toList());
        return r;
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
