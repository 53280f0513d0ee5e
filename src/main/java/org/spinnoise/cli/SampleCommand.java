package org.spinnoise.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.DdpmSampler;
import org.spinnoise.diffusion.SampleGrid;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise sample}: generates images from a trained checkpoint with DDPM or DDIM, every Gaussian drawn from
 * the chosen noise mode, and writes them as a PNG grid with a JSON record of the run (sampler, mode, normals and pool
 * bits used). In {@code trng} mode the pool is checked for the whole run's bytes before the first step.
 */
@Command(name = "sample", description = "Generate images from a trained model with trng, drbg or prng noise.")
final class SampleCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(names = "--checkpoint", description = "Checkpoint written by 'spinnoise train' (default: the built-in model).")
    Path checkpoint;

    @Option(names = "--mode", required = true, description = "Noise mode: trng, drbg or prng.")
    String mode;

    @Option(names = "--pool", defaultValue = "pool", description = "Pool directory for trng and drbg (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--consumer", defaultValue = "sample", description = "Name the pool accounts the bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of prng noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--sampler", defaultValue = "ddim", description = "ddim or ddpm (default: ${DEFAULT-VALUE}).")
    String samplerName;

    @Option(names = "--sampling-steps", defaultValue = "50", description = "DDIM steps S (default: ${DEFAULT-VALUE}).")
    int samplingSteps;

    @Option(names = "--eta", defaultValue = "0", description = "DDIM stochasticity η (default: ${DEFAULT-VALUE}).")
    double eta;

    @Option(names = "--weights", defaultValue = "ema", description = "ema (averaged) or parameters (raw) (default: ${DEFAULT-VALUE}).")
    String weights;

    @Option(names = "--count", defaultValue = "16", description = "Images to generate (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", required = true, description = "PNG grid to write; the run record goes beside it as .json.")
    Path out;

    @Override
    public Integer call() throws Exception {
        PrintWriter console = spec.commandLine().getOut();
        NoiseMode noiseMode = NoiseMode.parse(mode);
        if (count < 1) {
            throw new IllegalArgumentException("--count must be at least 1, got " + count);
        }
        if (!weights.equals("ema") && !weights.equals("parameters")) {
            throw new IllegalArgumentException("--weights must be ema or parameters, not '" + weights + "'");
        }
        if (checkpoint == null && !weights.equals(BuiltInModel.WEIGHTS)) {
            throw new IllegalArgumentException("the built-in model has only ema weights: drop --weights or give --checkpoint");
        }
        DiffusionModels.Loaded model = BuiltInModel.loadOrBuiltIn(checkpoint, weights);
        Sampler sampler = switch (samplerName.toLowerCase(Locale.ROOT)) {
            case "ddim" -> new DdimSampler(model.schedule(), samplingSteps, eta, true);
            case "ddpm" -> DdpmSampler.forImages(model.schedule());
            default -> throw new IllegalArgumentException("--sampler must be ddim or ddpm, not '" + samplerName + "'");
        };
        long normals = sampler.normalsPerImage(model.denoiser().shape()) * count;
        console.printf(Locale.ROOT, "%s, %s weights of %s (step %,d): %d images, %,d normals from %s noise%n",
                sampler.description(), weights, modelName(), model.checkpoint().header().step(), count, normals,
                noiseMode.label());
        console.flush();
        SampleRun run;
        if (noiseMode == NoiseMode.PRNG) {
            try (NoiseSource noise = NoiseSources.open(NoiseMode.PRNG, null, null, seed)) {
                run = sampler.sample(model.denoiser(), count, noise);
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
                            + "the %,d this run needs (%,d normals × 4): ingest more runs, lower --count, or use --mode drbg",
                            poolDir, available, neededBytes, normals));
                }
                try (NoiseSource noise = NoiseSources.open(noiseMode, pool, consumer, seed)) {
                    run = sampler.sample(model.denoiser(), count, noise);
                }
            }
            registered.end(noiseMode.label());
        }
        SampleGrid.writePng(run.images(), count, run.shape(), (int) Math.ceil(Math.sqrt(count)), 3, out);
        Path record = out.resolveSibling(stripExtension(out.getFileName().toString()) + ".json");
        JSON.writeValue(record.toFile(), record(run, model.checkpoint().header().step()));
        console.printf(Locale.ROOT, "drew %,d normals, %,d pool bits (%,.0f per image); grid %s, record %s%n",
                run.normals(), run.hardwareBits(), run.hardwareBitsPerImage(), out, record);
        return 0;
    }

    private Map<String, Object> record(SampleRun run, long checkpointStep) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("checkpoint", modelName());
        r.put("checkpoint_step", checkpointStep);
        r.put("weights", weights);
        r.put("sampler", run.sampler());
        r.put("mode", run.mode().label());
        r.put("seed", run.mode() == NoiseMode.PRNG ? seed : null);
        r.put("pool", run.mode() == NoiseMode.PRNG ? null : poolDir.toString());
        r.put("images", run.batch());
        r.put("normals", run.normals());
        r.put("pool_bits", run.hardwareBits());
        r.put("pool_bits_per_image", run.hardwareBitsPerImage());
        r.put("denoiser_calls", run.denoiserCalls());
        r.put("grid", out.toString());
        return r;
    }

    private String modelName() {
        return checkpoint == null ? BuiltInModel.LABEL : checkpoint.toString();
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
