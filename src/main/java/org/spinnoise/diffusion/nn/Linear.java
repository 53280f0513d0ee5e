package org.spinnoise.diffusion.nn;

/**
 * A fully connected layer on rows of features (one row per image): y = x·W + b, with W stored [in][out] so the
 * forward product is a plain row-major {@link Gemm#multiply}. Used by the time-embedding path.
 */
final class Linear {

    final String name;
    final int inFeatures;
    final int outFeatures;
    final int weightOffset;
    final int biasOffset;

    Linear(ParameterLayout layout, String name, int inFeatures, int outFeatures) {
        this.name = name;
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        this.weightOffset = layout.allocate(name + ".weight", ParameterLayout.Init.uniform(inFeatures),
                inFeatures, outFeatures);
        this.biasOffset = layout.allocate(name + ".bias", ParameterLayout.Init.uniform(inFeatures), outFeatures);
    }

    float[] forward(float[] params, float[] x, int rows, Kernels kernels) {
        if (x.length != rows * inFeatures) {
            throw new IllegalArgumentException(name + " expects " + rows + "×" + inFeatures + " inputs, got "
                    + x.length);
        }
        float[] y = new float[rows * outFeatures];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(params, biasOffset, y, r * outFeatures, outFeatures);
        }
        kernels.gemm().multiply(rows, outFeatures, inFeatures, x, 0, inFeatures, 1, params, weightOffset, outFeatures,
                y, 0, outFeatures, true);
        return y;
    }

    /** Adds weight and bias gradients into {@code grads}; returns dL/dx, or null when not wanted. */
    float[] backward(float[] params, float[] grads, float[] x, float[] dy, int rows, Kernels kernels,
                     boolean inputGradient) {
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < outFeatures; o++) {
                grads[biasOffset + o] += dy[r * outFeatures + o];
            }
        }
        // dW (in×out) += xᵀ·dy: A = xᵀ read through strides.
        kernels.gemm().multiply(inFeatures, outFeatures, rows, x, 0, 1, inFeatures, dy, 0, outFeatures,
                grads, weightOffset, outFeatures, true);
        if (!inputGradient) {
            return null;
        }
        float[] dx = new float[rows * inFeatures];
        kernels.gemm().multiplyTransposedB(rows, inFeatures, outFeatures, dy, 0, outFeatures, params, weightOffset,
                outFeatures, dx, 0, inFeatures);
        return dx;
    }
}
