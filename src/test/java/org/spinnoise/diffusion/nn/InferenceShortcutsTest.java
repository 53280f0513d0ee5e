package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The inference pass's shortcuts compute what the plain layers do: group norm → SiLU written into a used tensor or
 * over its input equals the same written into a new one bit for bit, on one and on two threads; the U-Net's pooled
 * inference pass on reused maps equals one on new ones and never hands out its output twice; the pool keeps what it
 * is given up to its limit; a skip convolution added straight onto a tensor equals that tensor plus the convolution's
 * own output within the rounding of summing onto it; and a target of the wrong shape is refused.
 */
class InferenceShortcutsTest {

    private final SplittableRandom random = new SplittableRandom(5);

    @Test
    void groupNormSiluInPlaceEqualsTheCopy() {
        for (int threads = 1; threads <= 2; threads++) {
            Kernels kernels = Kernels.vector().withThreads(threads);
            ParameterLayout layout = new ParameterLayout();
            GroupNorm norm = new GroupNorm(layout, "n", 64, 8);
            float[] params = randomised(layout.initialValues(1));
            Tensor x = randomTensor(64, 3, 14, 14);
            Tensor expected = norm.forwardSiluInto(params, x, x.zerosLike(), kernels);
            // Into a tensor holding other numbers, as one from the pool does, then over the input itself.
            Tensor stale = randomTensor(64, 3, 14, 14);
            assertArrayEquals(expected.data(), norm.forwardSiluInto(params, x, stale, kernels).data(), 0f,
                    "into another tensor, " + threads + " thread(s)");
            Tensor actual = norm.forwardSiluInto(params, x, x, kernels);
            assertTrue(actual.data() == x.data(), "written over its input");
            assertArrayEquals(expected.data(), actual.data(), 0f, "in place, " + threads + " thread(s)");
        }
    }

    @Test
    void skipConvolutionAddsOntoItsTarget() {
        Kernels kernels = Kernels.vector();
        ParameterLayout layout = new ParameterLayout();
        Conv2d skip = new Conv2d(layout, "skip", 96, 32, 1, 1);
        float[] params = layout.initialValues(2);
        // 7×7 planes of one image end in a ragged block; 28×28 ones of two do not.
        for (int[] s : new int[][] {{1, 7}, {2, 28}}) {
            Tensor x = randomTensor(96, s[0], s[1], s[1]);
            Tensor target = randomTensor(32, s[0], s[1], s[1]);
            float[] before = target.data().clone();
            float[] own = skip.forward(params, x, kernels).data();
            skip.forwardAdding(params, x, kernels, target);
            int plane = s[0] * s[1] * s[1];
            for (int i = 0; i < before.length; i++) {
                // The products are summed onto t + b instead of b: each of the 96 + 2 additions rounds, so the two
                // are within 2·98·u·(|t| + |b| + Σ|w·x|) of each other (Higham §3.1).
                int co = i / plane;
                double magnitude = Math.abs(before[i]) + Math.abs(params[skip.biasOffset + co]);
                for (int ci = 0; ci < 96; ci++) {
                    magnitude += Math.abs((double) params[skip.weightOffset + co * 96 + ci]
                            * x.data()[ci * plane + i % plane]);
                }
                double bound = 2 * 98 * Math.scalb(1.0, -24) * magnitude;
                assertEquals(before[i] + own[i], target.data()[i], bound, "element " + i + " of " + s[1] + "x" + s[1]);
            }
        }
        Tensor x = randomTensor(96, 1, 7, 7);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> skip.forwardAdding(params, x, kernels, Tensor.zeros(32, 1, 14, 14)));
        assertTrue(wrong.getMessage().startsWith("skip cannot write its output into a 32×1×14×14 tensor"),
                wrong.getMessage());
    }

    @Test
    void pooledInferenceOnUsedMapsEqualsOneOnNewMapsAndHandsOutANewOutput() throws Exception {
        UNet net = new UNet(UNetConfig.fashionMnist());
        float[] params = net.layout().initialValues(4);
        Tensor x = randomTensor(1, 3, 28, 28);
        int[] timesteps = {999, 400, 3};
        Kernels kernels = Kernels.vector();
        // A pass on other images leaves its numbers in every map it gives back to this thread's pool.
        Tensor other = net.forward(params, randomTensor(1, 3, 28, 28), new int[] {5, 6, 7}, kernels, null);
        // On a new thread the pool is empty, so every map is a new, cleared array.
        float[][] fresh = new float[1][];
        Thread thread = new Thread(() -> fresh[0] = net.forward(params, x, timesteps, kernels, null).data());
        thread.start();
        thread.join();
        Tensor reused = net.forward(params, x, timesteps, kernels, null);
        assertTrue(reused.data() != other.data(), "the output is not an array the pool hands out");
        // The first passes may run partly before the JIT compiles the vector exponential, whose last bits differ
        // from Math.exp's; a map read before it is written would differ by far more.
        double diff = 0;
        for (int i = 0; i < reused.data().length; i++) {
            diff = Math.max(diff, Math.abs(reused.data()[i] - fresh[0][i]));
        }
        assertTrue(diff < 1e-5, "max abs diff " + diff);
    }

    @Test
    void poolHandsBackWhatItWasGivenUpToItsLimit() {
        TensorPool pool = TensorPool.ofThisThread();
        Tensor t = pool.take(3, 2, 5, 7);
        long keptBefore = pool.floatsKept();
        pool.give(t);
        assertEquals(keptBefore + 210, pool.floatsKept());
        assertTrue(pool.take(7, 2, 5, 3).data() == t.data(), "same length, any shape");
        assertEquals(keptBefore, pool.floatsKept());
        Tensor huge = new Tensor(new float[(int) TensorPool.MOST_FLOATS_KEPT + 1], 1, 1, 1,
                (int) TensorPool.MOST_FLOATS_KEPT + 1);
        pool.give(huge);
        assertEquals(keptBefore, pool.floatsKept(), "beyond the limit an array is left to the collector");
    }

    private Tensor randomTensor(int channels, int batch, int height, int width) {
        return GemmEquivalenceTest.gaussianTensor(random, channels, batch, height, width);
    }

    /** Group norm starts at gamma 1, beta 0; other values show a scale or shift applied to the wrong channel. */
    private float[] randomised(float[] params) {
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.3 * random.nextGaussian());
        }
        return params;
    }
}
