package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.model.BuiltInModel;

/**
 * The faster forward pass (issue 19) computes what the forward pass before it did: its output on the built-in weights
 * for four fixed images at timesteps 999, 500, 37 and 0 was recorded with the scalar kernels of commit 1fff58f
 * ({@code unet-forward-before-p19.f32}), and every kernel family, one image split across two threads, and the
 * denoiser sampling one image at a time with two threads must stay within 1e-4 of it (float reassociation and the
 * vector exponential move the last bits only).
 */
class UNetForwardEquivalenceTest {

    static final int[] TIMESTEPS = {999, 500, 37, 0};
    static final double TOLERANCE = 1e-4;

    private static float[] params;
    private static float[] images;
    private static float[] before;
    private static UNet net;

    @BeforeAll
    static void load() throws Exception {
        params = BuiltInModel.load().denoiser().parameters();
        net = new UNet(UNetConfig.fashionMnist());
        images = images(TIMESTEPS.length);
        try (InputStream in = UNetForwardEquivalenceTest.class.getResourceAsStream("unet-forward-before-p19.f32")) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            before = new float[bytes.remaining() / 4];
            bytes.asFloatBuffer().get(before);
        }
        assertEquals(images.length, before.length);
    }

    /** The recorded inputs: uniform in ±1.5 from a seeded generator. */
    static float[] images(int batch) {
        float[] x = new float[batch * 784];
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1) * 1.5f;
        }
        return x;
    }

    @Test
    void everyKernelFamilyAndThreadCountMatchesTheForwardBeforeIt() {
        Kernels[] families = Kernels.vectorAvailable()
                ? new Kernels[] {Kernels.scalar(), Kernels.vector(), Kernels.vector().withThreads(2)}
                : new Kernels[] {Kernels.scalar(), Kernels.scalar().withThreads(2)};
        for (Kernels kernels : families) {
            Tensor out = net.forward(params, new Tensor(images.clone(), 1, TIMESTEPS.length, 28, 28), TIMESTEPS,
                    kernels, null);
            double diff = maxAbsDiff(out.data(), before);
            assertTrue(diff < TOLERANCE, kernels.name() + " ×" + kernels.threads() + ": max abs diff " + diff);
        }
    }

    @Test
    void samplingOneImageWithTwoThreadsMatchesTheForwardBeforeIt() {
        UNetDenoiser denoiser = new UNetDenoiser(net, params, Kernels.best(), 2);
        float[] eps = new float[784];
        float[] all = new float[images.length];
        for (int n = 0; n < TIMESTEPS.length; n++) {
            float[] image = java.util.Arrays.copyOfRange(images, n * 784, (n + 1) * 784);
            denoiser.predictNoise(image, 1, new int[] {TIMESTEPS[n]}, eps);
            System.arraycopy(eps, 0, all, n * 784, 784);
        }
        double diff = maxAbsDiff(all, before);
        assertTrue(diff < TOLERANCE, "max abs diff " + diff);
    }

    @Test
    void aTraceDoesNotChangeTheForwardPass() {
        Tensor x = new Tensor(images.clone(), 1, TIMESTEPS.length, 28, 28);
        Tensor inference = net.forward(params, x, TIMESTEPS, Kernels.best(), null);
        Tensor traced = net.forward(params, x, TIMESTEPS, Kernels.best(), new UNet.Trace());
        double diff = maxAbsDiff(inference.data(), traced.data());
        assertTrue(diff < TOLERANCE, "max abs diff " + diff);
    }

    static double maxAbsDiff(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((double) a[i] - b[i]));
        }
        return max;
    }
}
