package org.spinnoise.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.manifest.SimulatedBench;
import picocli.CommandLine;

/**
 * The demo's last stage: a grid of garments sampled by the built-in model with every normal drawn from the pool in
 * {@code trng} mode. It works out the pool bytes the grid needs (32 bits per float normal); when the pool holds fewer,
 * it tops the pool up from the board emulator, as {@code spinnoise board --emulate} would, because the SCPI bench
 * yields only kbit/s. The sampling itself is {@code spinnoise sample --mode trng}, and a short Markdown report in the
 * run folder ties the stages together.
 */
final class DemoGrid {
    static final String GRID = "pool-samples.png";
    static final String RECORD = "pool-samples.json";
    static final String REPORT = "demo-report.md";
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

    /** Tops up the pool if needed, samples the grid into {@code runFolder} and writes the report; returns the exit code. */
    int run(Path runFolder) throws Exception {
        DiffusionModels.Loaded model = BuiltInModel.load();
        DdimSampler sampler = new DdimSampler(model.schedule(), plan.samplingSteps(), plan.eta(), true);
        long normals = sampler.normalsPerImage(model.denoiser().shape()) * plan.images();
        long neededBytes = normals * Float.BYTES;
        out.printf(Locale.ROOT, "%n* sampling %d images from the pool: %s needs %,d normals = %,d pool bytes%n",
                plan.images(), sampler.description(), normals, neededBytes);
        out.printf("  model: %s, %s%n", BuiltInModel.LABEL, BuiltInModel.provenance(model.checkpoint().header()));
        out.flush();
        long before = available();
        StringBuilder boardRuns = new StringBuilder();
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
            boardRuns.append(boardRuns.length() == 0 ? "" : ", ").append(newestBoardRun());
        }
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
        Path report = runFolder.resolve(REPORT);
        Files.writeString(report, report(runFolder, model, record, before, boardRuns.toString()), StandardCharsets.UTF_8);
        out.printf("%nsample grid    %s%nsample record  %s (normals drawn, pool bits used)%ndemo report    %s%n", grid,
                runFolder.resolve(RECORD), report);
        out.flush();
        return 0;
    }

    private long available() throws IOException {
        try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
            return pool.status().bytesAvailable();
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

    /** What the simulated junction felt and the rate a real bench would show, from the run's manifest. */
    private static String simulatedBenchRows(Path runFolder) {
        SimulatedBench bench;
        try {
            bench = RunFolder.open(runFolder).manifest().simulatedBench();
        } catch (IOException e) {
            return "";
        }
        if (bench == null || bench.junctions().isEmpty()) {
            return "";
        }
        SimulatedBench.Junction junction = bench.junctions().get(0);
        Map<String, SimulatedBench.Level> levels = junction.levels();
        SimulatedBench.Level none = new SimulatedBench.Level(0, 0);
        return String.format(Locale.ROOT, "| simulated junction | largest |V| %.4f V; between pulses: pulse ch1 %.4f V, "
                        + "pulse ch2 %.4f V, SMU %.4f V; %s |%n| rate a real bench would show | %.0f bits/s "
                        + "(%.2f ms per read, instrument times modelled from the manuals) |%n",
                junction.stress().maxAbsVolts(),
                levels.getOrDefault("pulse ch1", none).largestVolts(),
                levels.getOrDefault("pulse ch2", none).largestVolts(),
                levels.getOrDefault("smu ch1", none).largestVolts(),
                junction.stress().brokenDown() ? "BROKEN DOWN" : "intact",
                bench.modelledBitsPerSecond(), 1e3 * bench.modelledSecondsPerRead())
                .replace("|V|", "\\|V\\|");
    }

    private String report(Path runFolder, DiffusionModels.Loaded model, JsonNode record, long poolBytesBefore,
                          String boardRuns) {
        StringBuilder r = new StringBuilder();
        r.append("# spinnoise demo\n\n");
        r.append("![garments sampled with pool noise](").append(GRID).append(")\n\n");
        r.append("| stage | result |\n| --- | --- |\n");
        r.append("| SCPI bench acquisition and calibration | this folder: `manifest.json`, `reads.csv`, `bits.bin` |\n");
        r.append(simulatedBenchRows(runFolder));
        r.append(String.format(Locale.ROOT, "| pool before sampling | %,d bytes at `%s` |%n", poolBytesBefore, poolDir));
        r.append("| board emulator top-up | ").append(boardRuns.isEmpty() ? "not needed" : "`" + boardRuns + "`")
                .append(" |\n");
        r.append("| model | ").append(BuiltInModel.LABEL).append(": ")
                .append(BuiltInModel.provenance(model.checkpoint().header()).replace("|", "\\|")).append(" |\n");
        r.append("| sampler | ").append(record.path("sampler").asText()).append(" |\n");
        r.append("| noise | ").append(record.path("mode").asText()).append(": every normal from the pool |\n");
        r.append(String.format(Locale.ROOT, "| images | %d in `%s` |%n", record.path("images").asInt(), GRID));
        r.append(String.format(Locale.ROOT, "| normals drawn | %,d |%n", record.path("normals").asLong()));
        r.append(String.format(Locale.ROOT, "| pool bits used | %,d (%,.0f per image, 32 per normal) |%n",
                record.path("pool_bits").asLong(), record.path("pool_bits_per_image").asDouble()));
        r.append("\nThe run record of the sampling is `").append(RECORD).append("`; each board run's folder has its own ")
                .append("manifest, health tests and assessment.\n");
        return r.toString();
    }
}
