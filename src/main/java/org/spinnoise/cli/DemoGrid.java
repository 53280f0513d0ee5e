package org.spinnoise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.DiffusionModels;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.report.DemoReport;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.manifest.DemoSample;
import picocli.CommandLine;

/**
 * The demo's last stage: a grid of garments sampled by the built-in model with every normal drawn from the pool in
 * {@code trng} mode. It works out the pool bytes the grid needs (32 bits per float normal); when the pool holds fewer,
 * it tops the pool up from the board emulator, as {@code spinnoise board --emulate} would, because the SCPI bench
 * yields only kbit/s. The sampling itself is {@code spinnoise sample --mode trng}; the stage is recorded in the run's
 * manifest ({@link DemoSample}) and a short Markdown report written from it ({@link DemoReport}) ties the stages
 * together. This class only runs the other commands as stages and prints; the figures come from the pool's status.
 */
final class DemoGrid {
    static final String GRID = "pool-samples.png";
    static final String RECORD = "pool-samples.json";
    static final String REPORT = DemoReport.FILE;
    /** The name the pool accounts the grid's draw to. */
    static final String CONSUMER = "demo";
    /** Credited pool output per raw board bit the top-up plans for: 256 output bits per 320 credited, at ≥ 0.85 credited. */
    private static final double POOL_BITS_PER_BOARD_BIT = 0.85 * 256 / 320;
    private static final int MAX_TOP_UPS = 3;

    /** What to sample: images, DDIM steps S and η. */
    record Plan(int images, int samplingSteps, double eta, long seed) {
    }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Plan plan;
    private final Path runsDir;
    private final Path poolDir;

    DemoGrid(PrintWriter out, PrintWriter err, Plan plan, Path runsDir, Path poolDir) {
        this.out = out;
        this.err = err;
        this.plan = plan;
        this.runsDir = runsDir;
        this.poolDir = poolDir;
    }

    /**
     * Tops up the pool if needed, samples the grid into {@code runFolder}, records the stage in the run's manifest
     * ({@link DemoSample}: the pool's bytes at each step as its own status gave them) and writes the Markdown report
     * from that record; returns the exit code.
     */
    int run(Path runFolder) throws Exception {
        DiffusionModels.Loaded model = BuiltInModel.load();
        DdimSampler sampler = new DdimSampler(model.schedule(), plan.samplingSteps(), plan.eta(), true);
        long normals = sampler.normalsPerImage(model.denoiser().shape()) * plan.images();
        long neededBytes = normals * Float.BYTES;
        out.printf(Locale.ROOT, "%n* sampling %d images from the pool: %s needs %,d normals = %,d pool bytes%n",
                plan.images(), sampler.description(), normals, neededBytes);
        out.printf("  model: %s, %s%n", BuiltInModel.LABEL, BuiltInModel.provenance(model.checkpoint().header()));
        out.flush();
        long beforeTopUp = available();
        List<String> boardRuns = new ArrayList<>();
        for (int round = 0; available() < neededBytes; round++) {
            if (round == MAX_TOP_UPS) {
                throw new IllegalStateException(String.format(Locale.ROOT, "the pool at %s still holds %,d of the %,d "
                        + "bytes the grid needs after %d board runs: see their run folders under %s", poolDir,
                        available(), neededBytes, MAX_TOP_UPS, runsDir));
            }
            long deficitBits = (neededBytes - available()) * 8;
            long boardBits = (long) Math.ceil(deficitBits / POOL_BITS_PER_BOARD_BIT / 1e6) * 1_000_000L;
            out.printf(Locale.ROOT, "%n* the pool holds %,d bytes, %,d short: streaming %,d bits from the emulated "
                    + "pulser board into it%n", available(), neededBytes - available(), boardBits);
            out.flush();
            // Each top-up round its own seed: the same seed would stream the same bits again.
            long boardSeed = new SplittableRandom(plan.seed()).split().nextLong() + round;
            int code = stage(new BoardCommand(), "--emulate", "--seed", Long.toString(boardSeed), "--bits",
                    Long.toString(boardBits), "--runs", runsDir.toString(), "--pool", poolDir.toString(), "--name",
                    "demo-board");
            if (code != 0) {
                return code;
            }
            boardRuns.add(newestBoardRun());
        }
        long beforeSampling = available();
        long takenBefore = takenBy(CONSUMER);
        out.printf(Locale.ROOT, "%n* sampling (trng: every normal from the pool at %s)%n", poolDir);
        out.flush();
        Path grid = runFolder.resolve(GRID);
        int code = stage(new SampleCommand(), "--mode", "trng", "--pool", poolDir.toString(), "--consumer", "demo",
                "--sampler", "ddim", "--steps", Integer.toString(plan.samplingSteps()), "--eta",
                Double.toString(plan.eta()), "--images", Integer.toString(plan.images()), "--out", grid.toString());
        if (code != 0) {
            return code;
        }
        JsonNode record = new ObjectMapper().readTree(runFolder.resolve(RECORD).toFile());
        DemoSample sample = new DemoSample(poolDir.toAbsolutePath().toString(), beforeTopUp, boardRuns, beforeSampling,
                CONSUMER, BuiltInModel.LABEL + ": " + BuiltInModel.provenance(model.checkpoint().header()),
                record.path("sampler").asText(), record.path("mode").asText(), record.path("images").asInt(),
                record.path("normals").asLong(), record.path("pool_bits").asLong() / Byte.SIZE,
                takenBy(CONSUMER) - takenBefore, available(), GRID, RECORD,
                record.path(SampleCommand.NOISE_CHECK_SUMMARY).asText(null));
        RunFolder run = RunFolder.open(runFolder);
        run.update(m -> m.withDemo(sample));
        run.saveManifest();
        Path report = DemoReport.write(runFolder, run.manifest());
        out.printf("%nsample grid    %s%nsample record  %s (normals drawn, pool bits used)%ndemo report    %s%n", grid,
                runFolder.resolve(RECORD), report);
        out.printf(Locale.ROOT, "pool bytes     %,d used by the normals, %,d taken by '%s' (%,d taken but "
                        + "unused); %,d available before sampling, %,d after%n", sample.poolBytesUsed(),
                sample.poolBytesTaken(), CONSUMER, sample.poolBytesTakenUnused(), beforeSampling,
                sample.poolBytesAfterSampling());
        out.flush();
        return 0;
    }

    private long available() throws IOException {
        try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
            return pool.status().bytesAvailable();
        }
    }

    private long takenBy(String consumer) throws IOException {
        try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
            return pool.status().bytesOutByConsumer().getOrDefault(consumer, 0L);
        }
    }

    private String newestBoardRun() throws IOException {
        try (var list = Files.list(runsDir)) {
            return list.filter(p -> p.getFileName().toString().endsWith("-demo-board")).map(Path::toString).sorted()
                    .reduce((a, b) -> b).orElse("?");
        }
    }

    /** Runs another command of this CLI as a stage of the demo, on the demo's console. */
    private int stage(Callable<Integer> command, String... args) throws Exception {
        CommandLine cli = new CommandLine(command);
        cli.setOut(out);
        cli.setErr(err);
        cli.parseArgs(args);
        return command.call();
    }
}
