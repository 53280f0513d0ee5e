package org.spinnoise.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.DiffusionModels;
import org.spinnoise.diffusion.nn.Kernels;
import org.spinnoise.diffusion.nn.SamplerBenchmark;
import org.spinnoise.diffusion.nn.TorchUNetProcess;
import org.spinnoise.diffusion.nn.UNetConfig;
import org.spinnoise.diffusion.nn.UNetRuntimeComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise bench sampler}: the built-in U-Net's forward time per image per sampling step and training-step
 * time per image, with achieved GFLOP/s, beside the same JVM's matrix-multiply peak and a naive triple loop measured
 * in the same run; then the built-in U-Net on the Java kernels, ONNX Runtime and PyTorch side by side, rounds
 * interleaved ({@link UNetRuntimeComparison}, printed by {@link RuntimeComparisonTable}); then the wall time of
 * {@code spinnoise demo} in a fresh JVM ({@link DemoWallClock}).
 */
@Command(name = "sampler", description = "U-Net forward and training-step speed beside the JVM's matmul peak, "
        + "ONNX Runtime and PyTorch.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise bench sampler",
                "  spinnoise bench sampler --rounds 2 --threads 1 --no-demo",
                "  spinnoise bench sampler --no-demo --python /usr/bin/python3"})
final class SamplerBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @OptionRange(min = 1, max = 1024)
    @Option(names = "--batch", paramLabel = "N", defaultValue = "16",
            description = "Images per network call (default: ${DEFAULT-VALUE}).")
    int batch;

    @OptionRange(min = 1, max = 100)
    @Option(names = "--rounds", paramLabel = "N", defaultValue = "5",
            description = "Timed rounds after warm-up (default: ${DEFAULT-VALUE}).")
    int rounds;

    @OptionRange(min = 16, max = 2048)
    @Option(names = "--matmul-size", paramLabel = "N", defaultValue = "256",
            description = "n of the n×n×n peak matrix product (default: ${DEFAULT-VALUE}).")
    int matmulSize;

    @OptionRange(min = 1, max = 256)
    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the parallel figures (default: all processors).")
    Integer threads;

    @Option(names = "--no-demo", description = "Skip timing 'spinnoise demo' in a fresh JVM.")
    boolean noDemo;

    @Option(names = "--python", paramLabel = "COMMAND",
            description = "Python with torch for the PyTorch figures (default: python3, else /usr/bin/python3; "
                    + "left out when neither imports torch).")
    String python;

    @Override
    public Integer call() throws Exception {
        if (batch < 1 || batch > 1024 || rounds < 1 || rounds > 100 || matmulSize < 16 || matmulSize > 2048) {
            throw new IllegalArgumentException(
                    "bench sampler: --batch must be 1..1024, --rounds 1..100, --matmul-size 16..2048");
        }
        int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1 || threadCount > 256) {
            throw new IllegalArgumentException("bench sampler: --threads must be 1..256");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (!Kernels.vectorAvailable()) {
            out.println("note: this JVM lacks jdk.incubator.vector, so the scalar kernels run; bin/spinnoise adds"
                    + " --add-modules jdk.incubator.vector");
        }
        SamplerBenchmark.Settings settings = new SamplerBenchmark.Settings(UNetConfig.fashionMnist(), batch, rounds,
                matmulSize, threadCount);
        out.printf("%s, kernels %s, batch %d%n", settings.config(), Kernels.best().name(), batch);
        out.flush();
        SamplerBenchmark.Result r = SamplerBenchmark.run(settings, line -> {
            out.println("  " + line);
            out.flush();
        });
        out.printf("parameters                %,d (%.1f MB as float32)%n", r.parameters(), r.parameters() * 4 / 1e6);
        out.printf("FLOPs per image           forward %.1f MFLOP, training step %.1f MFLOP%n",
                r.forwardFlopsPerImage() / 1e6, r.trainingFlopsPerImage() / 1e6);
        out.printf("                          wall clock                          CPU time of the thread%n");
        out.printf("matmul %4d³ peak         %6.1f GFLOP/s                      %6.1f GFLOP/s%n", matmulSize,
                r.matmulPeakGflopPerS(), r.matmulPeakCpuGflopPerS());
        out.printf("naive triple-loop matmul  %6.2f GFLOP/s%n", r.naiveMatmulGflopPerS());
        out.printf("U-Net forward, 1 thread   %6.3f ms/image/step %6.1f GFLOP/s  %6.3f ms/image/step %6.1f GFLOP/s%n",
                r.msPerImage(r.forward()), r.forwardGflopPerS(), r.cpuMsPerImage(r.forward()),
                r.forwardCpuGflopPerS());
        out.printf("  of the matmul peak      %5.0f%%                              %5.0f%% (goal: at least 30%%)%n",
                100 * r.forwardToPeakWall(), 100 * r.forwardToPeak());
        out.printf("training step, 1 thread   %6.3f ms/image      %6.1f GFLOP/s  %6.3f ms/image      %6.1f GFLOP/s%n",
                r.msPerImage(r.training()), r.trainingGflopPerS(), r.cpuMsPerImage(r.training()),
                r.trainingCpuGflopPerS());
        out.printf("with %d threads            forward %.3f ms/image/step, training step %.3f ms/image (wall clock)%n",
                threadCount, r.msPerImage(r.forwardThreads()), r.msPerImage(r.trainingThreads()));
        String json = r.json();
        json = json.substring(0, json.length() - 1) + compareEngines(out) + "}";
        if (!noDemo) {
            out.println("spinnoise demo, fresh JVM and empty pool (build not counted) ...");
            out.flush();
            double demoSeconds = DemoWallClock.seconds();
            // Beside it, the U-Net work of its default grid alone at this run's forward speed.
            double gridSeconds = r.msPerImage(r.forwardThreads()) * DemoCommand.GRID_IMAGES * DemoCommand.GRID_STEPS
                    / 1e3;
            out.printf("demo wall time            %.1f s (goal: under 300 s); its grid's U-Net forwards alone %.1f s%n",
                    demoSeconds, gridSeconds);
            json = json.substring(0, json.length() - 1) + String.format(java.util.Locale.ROOT,
                    ",\"demo_wall_s\":%.1f,\"demo_grid_forward_s\":%.2f}", demoSeconds, gridSeconds);
        }
        out.println(json);
        out.flush();
        return 0;
    }

    /** Java, ONNX Runtime and PyTorch on the built-in weights, interleaved; returns the JSON members. */
    private String compareEngines(PrintWriter out) throws Exception {
        out.println("Java kernels, ONNX Runtime and PyTorch on the built-in weights, rounds interleaved ...");
        out.flush();
        DiffusionModels.Loaded builtIn = BuiltInModel.load();
        Path weights = Files.createTempFile("spinnoise-unet", ".ckpt");
        try {
            builtIn.checkpoint().write(weights);
            List<String> pythons = python != null ? List.of(python) : List.of("python3", "/usr/bin/python3");
            try (TorchUNetProcess torch = TorchUNetProcess.start(weights, pythons)) {
                UNetRuntimeComparison.Result r = UNetRuntimeComparison.run(builtIn.denoiser().network(),
                        builtIn.denoiser().parameters(), batch, rounds, torch, line -> {
                            out.println("  " + line);
                            out.flush();
                        });
                RuntimeComparisonTable.print(out, r, batch);
                return r.jsonMembers();
            }
        } finally {
            Files.deleteIfExists(weights);
        }
    }
}
