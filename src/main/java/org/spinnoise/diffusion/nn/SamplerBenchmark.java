package org.spinnoise.diffusion.nn;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Core of {@code spinnoise bench sampler}: the U-Net's forward time per image per sampling step and its training-step
 * time (forward and backward) per image, with the GFLOP/s they achieve (FLOPs counted analytically by
 * {@link UNet#forwardFlopsPerImage()}), beside this JVM's single-precision matrix-multiply peak measured in the same
 * run: the best vector kernel on an n×n×n product that fits in cache, and a naive triple loop on the same matrices.
 * The headline figures use one thread, like the peak; with more threads the batch is split as in sampling and
 * training. Measurements are interleaved round by round, so a machine shared with other work slows all of them
 * alike, and the best round of each is reported (the medians too), in wall-clock time and, for the single-thread
 * stages, in the thread's CPU time, which leaves out the slices other processes took.
 */
public final class SamplerBenchmark {

    /** What to measure: network, images per call, timed rounds, matrix size, threads for the parallel figures. */
    public record Settings(UNetConfig config, int batch, int rounds, int matmulSize, int threads) {

        public Settings {
            Objects.requireNonNull(config, "config");
            if (batch < 1 || rounds < 1 || matmulSize < 1 || threads < 1) {
                throw new IllegalArgumentException("batch, rounds, matrix size and threads must be positive");
            }
        }

        /** The built-in Fashion-MNIST U-Net, 16 images, 5 rounds, 256³ matrices, every processor. */
        public static Settings standard() {
            return new Settings(UNetConfig.fashionMnist(), 16, 5, 256, Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * Seconds per run of one stage over the timed rounds: the best and median wall-clock time, and the best CPU time
     * of the measuring thread (single-thread stages only, else NaN). On a machine shared with other work, CPU time
     * leaves out the time slices other processes took, so it is the steadier figure there.
     */
    public record Timing(double bestSeconds, double medianSeconds, double bestCpuSeconds) {
    }

    /** Figures of one run; FLOP counts per image, timings per call (of {@code batch} images or of the matmuls). */
    public record Result(String kernels, int parameters, long forwardFlopsPerImage, long trainingFlopsPerImage,
                         int batch, int rounds, int matmulSize, long matmulFlopsPerCall, int threads,
                         double naiveMatmulGflopPerS, Timing matmul, Timing forward, Timing training,
                         Timing forwardThreads, Timing trainingThreads) {

        public double matmulPeakGflopPerS() {
            return matmulFlopsPerCall / matmul.bestSeconds() / 1e9;
        }

        public double matmulPeakCpuGflopPerS() {
            return matmulFlopsPerCall / matmul.bestCpuSeconds() / 1e9;
        }

        public double msPerImage(Timing t) {
            return t.bestSeconds() * 1e3 / batch;
        }

        public double cpuMsPerImage(Timing t) {
            return t.bestCpuSeconds() * 1e3 / batch;
        }

        public double forwardGflopPerS() {
            return forwardFlopsPerImage * batch / forward.bestSeconds() / 1e9;
        }

        public double forwardCpuGflopPerS() {
            return forwardFlopsPerImage * batch / forward.bestCpuSeconds() / 1e9;
        }

        public double trainingGflopPerS() {
            return trainingFlopsPerImage * batch / training.bestSeconds() / 1e9;
        }

        public double trainingCpuGflopPerS() {
            return trainingFlopsPerImage * batch / training.bestCpuSeconds() / 1e9;
        }

        /** U-Net forward rate over the matrix-multiply peak, both in CPU time (the goal is at least 0.3). */
        public double forwardToPeak() {
            return forwardCpuGflopPerS() / matmulPeakCpuGflopPerS();
        }

        /** The same ratio in wall-clock time, which other processes on the machine disturb more. */
        public double forwardToPeakWall() {
            return forwardGflopPerS() / matmulPeakGflopPerS();
        }

        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"sampler\",\"kernels\":\"%s\",\"parameters\":%d,"
                            + "\"forward_mflop_per_image\":%.2f,\"training_mflop_per_image\":%.2f,\"batch\":%d,"
                            + "\"rounds\":%d,\"matmul_size\":%d,\"matmul_peak_gflop_per_s\":%.2f,"
                            + "\"matmul_peak_cpu_gflop_per_s\":%.2f,\"naive_matmul_gflop_per_s\":%.3f,"
                            + "\"forward_ms_per_image\":%.3f,\"forward_cpu_ms_per_image\":%.3f,"
                            + "\"forward_gflop_per_s\":%.2f,\"forward_cpu_gflop_per_s\":%.2f,"
                            + "\"forward_to_matmul_peak\":%.3f,\"forward_to_matmul_peak_wall\":%.3f,"
                            + "\"training_ms_per_image\":%.3f,\"training_cpu_ms_per_image\":%.3f,"
                            + "\"training_gflop_per_s\":%.2f,\"training_cpu_gflop_per_s\":%.2f,"
                            + "\"forward_median_ms_per_image\":%.3f,\"training_median_ms_per_image\":%.3f,"
                            + "\"threads\":%d,\"forward_threads_ms_per_image\":%.3f,"
                            + "\"training_threads_ms_per_image\":%.3f}",
                    kernels, parameters, forwardFlopsPerImage / 1e6, trainingFlopsPerImage / 1e6, batch, rounds,
                    matmulSize, matmulPeakGflopPerS(), matmulPeakCpuGflopPerS(), naiveMatmulGflopPerS,
                    msPerImage(forward), cpuMsPerImage(forward), forwardGflopPerS(), forwardCpuGflopPerS(),
                    forwardToPeak(), forwardToPeakWall(), msPerImage(training), cpuMsPerImage(training),
                    trainingGflopPerS(), trainingCpuGflopPerS(), forward.medianSeconds() * 1e3 / batch,
                    training.medianSeconds() * 1e3 / batch, threads, msPerImage(forwardThreads),
                    msPerImage(trainingThreads));
        }
    }

    private static final int WARM_UP_ROUNDS = 3;
    private static volatile float sink;

    private SamplerBenchmark() {
    }

    /** Runs the measurements on {@link Kernels#best()}; {@code progress} receives one line per round. */
    public static Result run(Settings settings, Consumer<String> progress) {
        Objects.requireNonNull(progress, "progress");
        Kernels kernels = Kernels.best();
        UNet net = new UNet(settings.config());
        float[] params = net.layout().initialValues(1);
        int batch = settings.batch();
        SplittableRandom random = new SplittableRandom(2);
        float[] x = gaussian(random, net.config().image().values(batch));
        float[] eps = gaussian(random, x.length);
        int[] timesteps = new int[batch];
        for (int n = 0; n < batch; n++) {
            timesteps[n] = random.nextInt(1000);
        }
        float[] out = new float[x.length];
        float[] grads = new float[params.length];
        UNetDenoiser single = new UNetDenoiser(net, params, kernels, 1);
        UNetDenoiser parallel = new UNetDenoiser(net, params, kernels, settings.threads());

        int size = settings.matmulSize();
        float[] a = gaussian(random, size * size);
        float[] b = gaussian(random, size * size);
        float[] c = new float[size * size];
        double matmulFlops = 2.0 * size * size * size;
        int repeats = (int) Math.max(1, Math.min(1000, 2e8 / matmulFlops));

        Runnable peak = () -> {
            for (int r = 0; r < repeats; r++) {
                kernels.gemm().multiply(size, size, size, a, 0, size, 1, b, 0, size, c, 0, size, false);
            }
            sink += c[0];
        };
        Runnable forward = () -> {
            single.predictNoise(x, batch, timesteps, out);
            sink += out[0];
        };
        Runnable training = () -> sink += (float) single.lossAndGradient(x, batch, timesteps, eps, grads);
        Runnable forwardThreads = () -> {
            parallel.predictNoise(x, batch, timesteps, out);
            sink += out[0];
        };
        Runnable trainingThreads = () -> sink += (float) parallel.lossAndGradient(x, batch, timesteps, eps, grads);
        Runnable[] stages = {peak, forward, training, forwardThreads, trainingThreads};
        boolean[] singleThread = {true, true, true, false, false};
        String[] names = {"matmul " + size + "³ (" + kernels.name() + ")", "U-Net forward, 1 thread",
                "U-Net training step, 1 thread", "U-Net forward, " + settings.threads() + " threads",
                "U-Net training step, " + settings.threads() + " threads"};

        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            for (Runnable stage : stages) {
                stage.run();
            }
            progress.accept("warm-up round " + (round + 1) + "/" + WARM_UP_ROUNDS + " done");
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuClock = cpu.isCurrentThreadCpuTimeSupported();
        double[][] wall = new double[stages.length][settings.rounds()];
        double[][] busy = new double[stages.length][settings.rounds()];
        for (int round = 0; round < settings.rounds(); round++) {
            for (int s = 0; s < stages.length; s++) {
                long cpuStart = cpuClock ? cpu.getCurrentThreadCpuTime() : 0;
                long start = System.nanoTime();
                stages[s].run();
                wall[s][round] = (System.nanoTime() - start) / 1e9;
                busy[s][round] = cpuClock && singleThread[s] ? (cpu.getCurrentThreadCpuTime() - cpuStart) / 1e9
                        : Double.NaN;
                String figure = s == 0
                        ? String.format(Locale.ROOT, "%8.2f GFLOP/s (CPU time %8.2f)", repeats * matmulFlops
                                / wall[s][round] / 1e9, repeats * matmulFlops / busy[s][round] / 1e9)
                        : String.format(Locale.ROOT, "%8.3f ms/image (CPU time %8.3f)", wall[s][round] * 1e3 / batch,
                                busy[s][round] * 1e3 / batch);
                progress.accept(String.format(Locale.ROOT, "round %d/%d %-32s %s", round + 1, settings.rounds(),
                        names[s], figure));
            }
        }
        double naive = naiveGflopPerS(a, b, c, size);
        progress.accept(String.format(Locale.ROOT, "naive triple-loop matmul %d³: %.3f GFLOP/s", size, naive));
        Timing[] timings = new Timing[stages.length];
        for (int s = 0; s < stages.length; s++) {
            timings[s] = new Timing(best(wall[s]), median(wall[s]), best(busy[s]));
        }
        return new Result(kernels.name(), net.parameterCount(), net.forwardFlopsPerImage(),
                net.trainingFlopsPerImage(), batch, settings.rounds(), size, (long) (repeats * matmulFlops),
                settings.threads(), naive, timings[0], timings[1], timings[2], timings[3], timings[4]);
    }

    /** The textbook i-j-p loop with a scalar dot product per element, which the JIT does not vectorise. */
    static double naiveGflopPerS(float[] a, float[] b, float[] c, int size) {
        long start = System.nanoTime();
        for (int i = 0; i < size; i++) {
            for (int j = 0; j < size; j++) {
                float sum = 0f;
                for (int p = 0; p < size; p++) {
                    sum += a[i * size + p] * b[p * size + j];
                }
                c[i * size + j] = sum;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        sink += c[size * size - 1];
        return 2.0 * size * size * size / elapsed / 1e9;
    }

    private static double best(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static float[] gaussian(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            // Sum of uniforms: a cheap bell shape; the benchmark needs plausible magnitudes, not exact normals.
            values[i] = (float) (random.nextDouble() + random.nextDouble() + random.nextDouble() - 1.5) * 2f;
        }
        return values;
    }
}
