package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The inference pass's shortcuts compute what the plain layers do: group norm → SiLU written over its input equals
 * the copy it replaces bit for bit, on one and on two threads; a skip convolution added straight onto a tensor equals
 * that tensor plus the convolution's own output within the rounding of summing onto it; and a target of the wrong
 * shape is refused.
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
            Tensor expected = norm.forwardSilu(params, x, kernels);
            Tensor actual = norm.forwardSiluInPlace(params, x, kernels);
            assertTrue(actual.data() == x.data(), "written over its input");
            assertArrayEquals(expected.data(), actual.data(), 0f, threads + " thread(s)");
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
        assertTrue(wrong.getMessage().startsWith("skip cannot add its output onto a 32×1×14×14 tensor"),
                wrong.getMessage());
    }

    private Tensor randomTensor(int channels, int batch, int height, int width) {
        Tensor t = Tensor.zeros(channels, batch, height, width);
        for (int i = 0; i < t.data().length; i++) {
            t.data()[i] = (float) random.nextGaussian();
        }
        return t;
    }

    /** Group norm starts at gamma 1, beta 0; other values show a scale or shift applied to the wrong channel. */
    private float[] randomised(float[] params) {
        for (int i = 0; i < params.length; i++) {
            params[i] += (float) (0.3 * random.nextGaussian());
        }
        return params;
    }
}
