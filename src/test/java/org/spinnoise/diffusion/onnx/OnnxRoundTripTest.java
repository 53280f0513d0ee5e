package org.spinnoise.diffusion.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.DdpmSampler;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.Sampler;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.SamplingModel;
import org.spinnoise.testing.Python;
import org.spinnoise.testing.TorchFixtures;

/**
 * Issue 19 deliverable 5: a small ε-network built in PyTorch and exported to ONNX (clients/python/tests/
 * onnx_round_trip.py) runs through {@link OnnxDenoiser} in the Java samplers. From the same x_T and the same noise z,
 * one DDPM step and one DDIM step (η = 1) in Java must agree with the same steps in PyTorch to float32 rounding; the
 * schedule comes from the model's metadata; a model with a fixed batch of 1 and float timesteps gives the same ε; and
 * models that do not fit are refused with one line naming the file, the input or output, what was declared and what
 * is expected.
 */
class OnnxRoundTripTest {
    /** Float32 rounding through a few convolutions, with room: a wrong timestep or schedule moves values by 1e-2 and more. */
    private static final double TOLERANCE = 1e-4;
    private static final int BATCH = 2;

    @TempDir
    static Path dir;

    @BeforeAll
    static void export() throws Exception {
        TorchFixtures.write(dir, false);
    }

    @Test
    void theNetworksNoiseMatchesPyTorch() throws Exception {
        try (OnnxDenoiser onnx = OnnxDenoiser.open(dir.resolve("eps-net.onnx"), ScheduleOverride.NONE)) {
            assertEquals(new ImageShape(1, 28, 28), onnx.shape());
            assertEquals("the model's metadata", onnx.scheduleSource());
            NoiseSchedule expected = NoiseSchedule.linear(1000, 1e-4, 0.02);
            assertEquals(1000, onnx.schedule().steps());
            for (int t = 0; t < 1000; t++) {
                assertEquals(expected.beta(t), onnx.schedule().beta(t), 1e-15, "beta_" + t);
            }
            float[] x = TorchFixtures.floats(dir.resolve("x.bin"));
            float[] eps = new float[x.length];
            onnx.predictNoise(x, BATCH, new int[]{999, 999}, eps);
            float[] torchEps = TorchFixtures.floats(dir.resolve("eps.bin"));
            assertClose(torchEps, eps, "ε at t = 999");
            // Baseline in the same run: the network one DDIM stride earlier differs by far more than the tolerance,
            // so a timestep off by that much (or a wrong schedule index) cannot pass for agreement.
            float[] earlier = new float[x.length];
            onnx.predictNoise(x, BATCH, new int[]{899, 899}, earlier);
            double shift = maxDifference(torchEps, earlier);
            System.out.printf(Locale.ROOT, "baseline: ε at t = 899 vs PyTorch's at t = 999 max |difference| %.3g%n",
                    shift);
            assertTrue(shift > 100 * TOLERANCE, "ε barely depends on t: " + shift);
        }
    }

    @Test
    void oneDdpmStepInJavaMatchesTheSameStepInPyTorch() throws Exception {
        try (OnnxDenoiser onnx = OnnxDenoiser.open(dir.resolve("eps-net.onnx"), ScheduleOverride.NONE)) {
            float[] afterStep = firstStep(DdpmSampler.forImages(onnx.schedule()), onnx);
            assertClose(TorchFixtures.floats(dir.resolve("ddpm.bin")), afterStep, "DDPM step 999 -> 998");
        }
    }

    @Test
    void oneDdimStepWithEtaOneInJavaMatchesTheSameStepInPyTorch() throws Exception {
        try (OnnxDenoiser onnx = OnnxDenoiser.open(dir.resolve("eps-net.onnx"), ScheduleOverride.NONE)) {
            DdimSampler sampler = new DdimSampler(onnx.schedule(), 10, 1.0, true);
            assertEquals(899, sampler.timesteps()[1], "the step PyTorch took");
            float[] afterStep = firstStep(sampler, onnx);
            assertClose(TorchFixtures.floats(dir.resolve("ddim.bin")), afterStep, "DDIM (S=10, eta=1) step 999 -> 899");
        }
    }

    @Test
    void aModelWithAFixedBatchOfOneAndFloatTimestepsGivesTheSameNoise() throws Exception {
        try (OnnxDenoiser fixed = OnnxDenoiser.open(dir.resolve("eps-net-fixed.onnx"), ScheduleOverride.NONE)) {
            assertEquals(1, fixed.signature().fixedBatch());
            assertEquals(ai.onnxruntime.OnnxJavaType.FLOAT, fixed.signature().timestepType());
            assertTrue(fixed.scheduleSource().startsWith("the default"), fixed.scheduleSource());
            assertEquals(NoiseSchedule.linear(1000, 1e-4, 0.02), fixed.schedule());
            float[] x = TorchFixtures.floats(dir.resolve("x.bin"));
            float[] eps = new float[x.length];
            fixed.predictNoise(x, BATCH, new int[]{999, 999}, eps);
            assertClose(TorchFixtures.floats(dir.resolve("eps.bin")), eps, "ε of the fixed-batch model, fed one by one");
        }
        try (OnnxDenoiser pairs = OnnxDenoiser.open(dir.resolve("eps-net-batch2.onnx"), ScheduleOverride.NONE)) {
            assertEquals(2, pairs.signature().fixedBatch());
            // Three images for a model that takes two at a time: the last pair is padded, and only its real image kept.
            float[] x = TorchFixtures.floats(dir.resolve("x.bin"));
            int values = pairs.shape().values();
            float[] three = Arrays.copyOf(x, 3 * values);
            System.arraycopy(x, 0, three, 2 * values, values);
            float[] eps = new float[three.length];
            pairs.predictNoise(three, 3, new int[]{999, 999, 999}, eps);
            float[] torchEps = TorchFixtures.floats(dir.resolve("eps.bin"));
            float[] expected = Arrays.copyOf(torchEps, 3 * values);
            System.arraycopy(torchEps, 0, expected, 2 * values, values);
            assertClose(expected, eps, "ε of 3 images through a model fixed at batch 2");
        }
        try (OnnxDenoiser cosine = OnnxDenoiser.open(dir.resolve("eps-net-fixed.onnx"),
                new ScheduleOverride("cosine", 500))) {
            assertEquals(NoiseSchedule.cosine(500), cosine.schedule());
        }
    }

    @Test
    void modelsThatDoNotFitAreRefusedWithOneLineSayingWhatWasDeclaredAndWhatIsExpected() {
        String flat = refusal("bad-flat.onnx");
        assertTrue(flat.contains("not one rank-4 image input") && flat.contains("'x' float32 [N, 784]")
                && flat.contains("float32 [N, C, H, W]"), flat);
        String variance = refusal("bad-variance.onnx");
        assertTrue(variance.contains("output 'eps' is float32 [N, 2, 28, 28]") && variance.contains("expected ε float32 "
                + "[N, 1, 28, 28]"), variance);
        String column = refusal("bad-timestep.onnx");
        assertTrue(column.contains("timestep input 't' is int64 [N, 1]") && column.contains("[N] or []"), column);
        String missing = refusal("nowhere.onnx");
        assertTrue(missing.contains("does not exist"), missing);
    }

    @Test
    void evaluateCanRefuseAModelWhoseImagesItsClassifierCannotTake() throws Exception {
        Path file = dir.resolve("eps-net.onnx");
        try (SamplingModel model = BuiltInModel.forSampling(file, "ema", ScheduleOverride.NONE)) {
            assertTrue(model.onnx() && model.trainingStep().isEmpty(), model.provenance());
            model.requireImageShape(new ImageShape(1, 28, 28), "evaluate's Fashion-MNIST classifier");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.requireImageShape(
                    new ImageShape(3, 32, 32), "evaluate's CIFAR classifier"));
            assertEquals(file + " makes 1x28x28 images (channels x height x width), but evaluate's CIFAR classifier "
                    + "takes 3x32x32: give a model of 3x32x32 images", e.getMessage());
        }
    }

    @Test
    void thePythonHelpersUnitTestsPass() throws Exception {
        // Named torch_test_*.py so the readers' run of test_*.py (PythonReaderRoundTripTest) never needs PyTorch.
        Process p = new ProcessBuilder(Python.PYTHON, "-B", "-m", "unittest", "discover", "-s", "tests", "-p",
                "torch_test_*.py").directory(Python.clientScript(".").toFile()).redirectErrorStream(true).start();
        String out = Python.finish(p, 120);
        assertTrue(out.matches("(?s).*Ran [1-9]\\d* tests.*\\nOK\\s*"), out);
    }

    private static String refusal(String name) {
        Path file = dir.resolve(name);
        OnnxModelException e = assertThrows(OnnxModelException.class, () -> OnnxDenoiser.open(file,
                ScheduleOverride.NONE));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()) || message.contains(file.toString()), message);
        assertEquals(1, message.lines().count(), "one line: " + message);
        return message;
    }

    /** The sampler's x after its first step: what it feeds the network at the second call. */
    private static float[] firstStep(Sampler sampler, Denoiser onnx) throws Exception {
        float[] x = TorchFixtures.floats(dir.resolve("x.bin"));
        float[] z = TorchFixtures.floats(dir.resolve("z.bin"));
        float[][] seen = new float[1][];
        Denoiser recording = new Denoiser() {
            private int calls;

            @Override
            public ImageShape shape() {
                return onnx.shape();
            }

            @Override
            public void predictNoise(float[] in, int batch, int[] timesteps, float[] epsOut) {
                if (++calls == 2) {
                    seen[0] = in.clone();
                    throw new FirstStepDone();
                }
                onnx.predictNoise(in, batch, timesteps, epsOut);
            }
        };
        // A third part the sampler must not reach: one step draws x_T and z only.
        try (ListedNormals noise = new ListedNormals(x, z, new float[x.length])) {
            assertThrows(FirstStepDone.class, () -> sampler.sample(recording, BATCH, noise));
            assertEquals(2L * x.length, noise.account().normals(), "x_T and one step's z");
        }
        return seen[0];
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double max = maxDifference(expected, actual);
        String line = String.format(Locale.ROOT, "%s: Java (ONNX Runtime) vs PyTorch max |difference| %.3g over %d "
                + "values (tolerance %.0e)", what, max, expected.length, TOLERANCE);
        System.out.println(line);
        assertTrue(max <= TOLERANCE && !Arrays.equals(expected, new float[expected.length]), line);
        assertArrayEquals(expected, actual, (float) TOLERANCE, line);
    }

    private static final class FirstStepDone extends RuntimeException {
        FirstStepDone() {
            super("first step done", null, false, false);
        }
    }
}
