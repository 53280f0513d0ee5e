package org.spinnoise.diffusion.nn;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Part of {@code spinnoise bench sampler}: the built-in U-Net's forward time per image per sampling step on three
 * engines in one run — the Java kernels, ONNX Runtime on the model {@link UNetOnnxExport} writes, and PyTorch on
 * the same weights ({@link TorchUNetProcess}, when a python with torch is found) — at the large batch on one thread
 * and at batch 1 on one and on two threads. Rounds are interleaved (every engine and case once per round), so a
 * machine shared with other work slows all of them alike; each figure is the best round, with the median beside it
 * as a measure of the noise, and the CPU time the engine used (the Java and ONNX Runtime calling thread for one
 * thread, the whole process for two). First each engine's output on the same four images is compared with Java's.
 */
public final class UNetRuntimeComparison {

    /** One engine at one batch size and thread count; seconds are per call, CPU seconds NaN where not measured. */
    public record Figure(String engine, int batch, int threads, double bestSeconds, double medianSeconds,
                         double bestCpuSeconds, double[] roundSeconds) {

        public double msPerImage() {
            return bestSeconds * 1e3 / batch;
        }

        public double medianMsPerImage() {
            return medianSeconds * 1e3 / batch;
        }

        public double cpuMsPerImage() {
            return bestCpuSeconds * 1e3 / batch;
        }

        /** The JSON key stem, e.g. {@code java_b1_t2}. */
        public String key() {
            return engine + "_b" + batch + (batch == 1 ? "_t" + threads : "");
        }
    }

    /** The figures, and each other engine's largest difference from the Java forward on the same images. */
    public record Result(List<Figure> figures, Map<String, Double> maxAbsDiffFromJava, String torchVersion) {

        /** The figure of one engine and case, or null when that engine did not run. */
        public Figure figure(String engine, int batch, int threads) {
            return figures.stream().filter(f -> f.engine().equals(engine) && f.batch() == batch
                    && f.threads() == threads).findFirst().orElse(null);
        }

        /**
         * The median over rounds of Java's time over {@code engine}'s in the same round, or NaN when either did not
         * run. Each round runs the engines one after the other within a second, so a machine whose speed drifts
         * (other work, a neighbour on the host) moves both alike, which the ratio of the best rounds does not ensure.
         */
        public double pairedMedianRatio(String engine, int batch, int threads) {
            Figure java = figure("java", batch, threads);
            Figure other = figure(engine, batch, threads);
            if (java == null || other == null) {
                return Double.NaN;
            }
            double[] ratios = new double[java.roundSeconds().length];
            for (int round = 0; round < ratios.length; round++) {
                ratios[round] = java.roundSeconds()[round] / other.roundSeconds()[round];
            }
            return median(ratios);
        }

        /** JSON members (no braces) of every figure and difference. */
        public String jsonMembers() {
            StringBuilder json = new StringBuilder();
            for (Figure f : figures) {
                json.append(String.format(Locale.ROOT, ",\"ms_per_image_step_%s\":%.4f,\"median_ms_per_image_step_%s\""
                        + ":%.4f,\"cpu_ms_per_image_step_%s\":%s", f.key(), f.msPerImage(), f.key(),
                        f.medianMsPerImage(), f.key(), Double.isNaN(f.bestCpuSeconds()) ? "null"
                                : String.format(Locale.ROOT, "%.4f", f.cpuMsPerImage())));
            }
            for (Figure f : figures) {
                Figure torch = figure("torch", f.batch(), f.threads());
                if (f.engine().equals("java") && torch != null) {
                    String key = f.key().substring(5);
                    json.append(String.format(Locale.ROOT, ",\"java_to_torch_%s\":%.3f", key,
                            f.msPerImage() / torch.msPerImage()));
                    json.append(String.format(Locale.ROOT, ",\"java_to_torch_paired_median_%s\":%.3f", key,
                            pairedMedianRatio("torch", f.batch(), f.threads())));
                }
            }
            maxAbsDiffFromJava.forEach((engine, diff) -> json.append(String.format(Locale.ROOT,
                    ",\"max_abs_diff_%s_vs_java\":%.3g", engine, diff)));
            json.append(",\"torch_version\":").append(torchVersion == null ? "null" : "\"" + torchVersion + "\"");
            return json.toString();
        }
    }

    private static final int[][] CASES = {{0, 1}, {1, 1}, {1, 2}};
    private static final int WARM_UP_ROUNDS = 2;
    /**
     * Batch-1 calls per round: a round then lasts about as long as one call at batch 16, and long enough (some 50 ms
     * and more) that the process CPU clock of the two-thread cases, which Linux counts in 10 ms ticks, means something.
     */
    private static final int SINGLE_IMAGE_CALLS = 16;

    private UNetRuntimeComparison() {
    }

    /**
     * @param params the weights (the built-in ones in the bench) of {@code net}
     * @param torch  the PyTorch rebuild on the same weights, or null to leave PyTorch out
     */
    public static Result run(UNet net, float[] params, int batch, int rounds, TorchUNetProcess torch,
                             Consumer<String> progress) throws IOException, OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        byte[] model = UNetOnnxExport.export(net, params);
        try (OrtSession onnx1 = session(env, model, 1); OrtSession onnx2 = session(env, model, 2)) {
            Map<String, Double> diffs = new LinkedHashMap<>();
            int[] checkSteps = {999, 500, 37, 0};
            float[] checkImages = normals(new SplittableRandom(19), checkSteps.length * net.config().image().values());
            float[] java = predict(new UNetDenoiser(net, params, Kernels.best(), 1), checkImages, checkSteps);
            diffs.put("onnx", maxAbsDiff(onnx(env, onnx1, net, checkImages, checkSteps), java));
            if (torch != null) {
                diffs.put("torch", maxAbsDiff(torch.predict(checkImages, checkSteps), java));
            }
            progress.accept("same images, max abs diff from the Java forward: " + diffs);

            List<String> names = new ArrayList<>();
            List<Stage> stages = new ArrayList<>();
            for (int[] c : CASES) {
                int images = c[0] == 0 ? batch : 1;
                int threads = c[1];
                int calls = images == 1 ? SINGLE_IMAGE_CALLS : 1;
                SplittableRandom random = new SplittableRandom(2);
                float[] x = normals(random, images * net.config().image().values());
                int[] steps = random.ints(images, 0, 1000).toArray();
                UNetDenoiser denoiser = new UNetDenoiser(net, params, Kernels.best(), threads);
                float[] out = new float[x.length];
                stages.add(new Stage("java", images, threads, calls, () -> denoiser.predictNoise(x, images, steps,
                        out)));
                OrtSession session = threads == 1 ? onnx1 : onnx2;
                stages.add(new Stage("onnx", images, threads, calls, () -> onnx(env, session, net, x, steps)));
                if (torch != null) {
                    stages.add(new Stage("torch", images, threads, calls, null));
                }
            }
            for (Stage s : stages) {
                names.add(String.format(Locale.ROOT, "%-5s batch %2d, %d thread%s", s.engine, s.batch, s.threads,
                        s.threads == 1 ? "" : "s"));
            }
            double[][] wall = new double[stages.size()][rounds];
            double[][] cpu = new double[stages.size()][rounds];
            for (int round = -WARM_UP_ROUNDS; round < rounds; round++) {
                for (int s = 0; s < stages.size(); s++) {
                    double[] measured = stages.get(s).measure(torch);
                    if (round >= 0) {
                        wall[s][round] = measured[0];
                        cpu[s][round] = measured[1];
                        progress.accept(String.format(Locale.ROOT, "round %d/%d %s  %8.3f ms/image/step (CPU %8.3f)",
                                round + 1, rounds, names.get(s), measured[0] * 1e3 / stages.get(s).batch,
                                measured[1] * 1e3 / stages.get(s).batch));
                    }
                }
                if (round < 0) {
                    progress.accept("warm-up round " + (round + WARM_UP_ROUNDS + 1) + "/" + WARM_UP_ROUNDS + " done");
                }
            }
            List<Figure> figures = new ArrayList<>();
            for (int s = 0; s < stages.size(); s++) {
                Stage stage = stages.get(s);
                figures.add(new Figure(stage.engine, stage.batch, stage.threads, min(wall[s]), median(wall[s]),
                        min(cpu[s]), wall[s].clone()));
            }
            return new Result(figures, diffs, torch == null ? null : torch.version());
        }
    }

    /** One engine and case; {@code call} null means the PyTorch child, which times its own calls. */
    private record Stage(String engine, int batch, int threads, int calls, Call call) {

        /** Wall and CPU seconds per call. */
        double[] measure(TorchUNetProcess torch) throws IOException, OrtException {
            if (call == null) {
                TorchUNetProcess.Round r = torch.time(batch, threads, calls);
                return new double[] {r.wallSeconds() / calls, r.cpuSeconds() / calls};
            }
            ThreadMXBean bean = ManagementFactory.getThreadMXBean();
            com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = threads == 1 ? bean.getCurrentThreadCpuTime() : os.getProcessCpuTime();
            long start = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                call.run();
            }
            long elapsed = System.nanoTime() - start;
            long cpuEnd = threads == 1 ? bean.getCurrentThreadCpuTime() : os.getProcessCpuTime();
            return new double[] {elapsed / 1e9 / calls, (cpuEnd - cpuStart) / 1e9 / calls};
        }
    }

    @FunctionalInterface
    private interface Call {
        void run() throws OrtException;
    }

    private static OrtSession session(OrtEnvironment env, byte[] model, int threads) throws OrtException {
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            // Its worker threads would otherwise spin after each call, waiting for more work, on the core the next
            // engine in the round then runs on: PyTorch on two threads measured 7.7–9.7 ms per image after a spinning
            // session and 6.4–6.7 after a quiet one, on this project's 2-core machine.
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            return env.createSession(model, options);
        }
    }

    private static float[] onnx(OrtEnvironment env, OrtSession session, UNet net, float[] images, int[] timesteps)
            throws OrtException {
        var image = net.config().image();
        long[] steps = Arrays.stream(timesteps).asLongStream().toArray();
        try (OnnxTensor x = OnnxTensor.createTensor(env, FloatBuffer.wrap(images),
                new long[] {timesteps.length, image.channels(), image.height(), image.width()});
             OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(steps), new long[] {timesteps.length});
             OrtSession.Result result = session.run(Map.of(UNetOnnxExport.IMAGES, x, UNetOnnxExport.TIMESTEPS, t))) {
            return ((OnnxTensor) result.get(0)).getFloatBuffer().array();
        }
    }

    private static float[] predict(UNetDenoiser denoiser, float[] images, int[] timesteps) {
        float[] eps = new float[images.length];
        denoiser.predictNoise(images, timesteps.length, timesteps, eps);
        return eps;
    }

    private static float[] normals(SplittableRandom random, int length) {
        float[] values = new float[length];
        for (int i = 0; i < length; i++) {
            // Box–Muller: inputs like a sampler's, standard normal.
            values[i] = (float) (Math.sqrt(-2 * Math.log(1 - random.nextDouble()))
                    * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return values;
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
