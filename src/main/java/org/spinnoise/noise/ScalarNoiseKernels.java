package org.spinnoise.noise;

/** The scalar reference of {@link NoiseKernels}: plain loops, any JVM. */
final class ScalarNoiseKernels implements NoiseKernels {
    static final ScalarNoiseKernels INSTANCE = new ScalarNoiseKernels();

    private ScalarNoiseKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public void lxm(LxmLanes lanes, byte[] block) {
        lanes.fillScalar(block);
    }

    @Override
    public int fastFloats(byte[] words, int word, float[] out, int at, int n) {
        return Ziggurat.fastFloats(words, word, out, at, n);
    }

    @Override
    public int fastDoubles(byte[] words, int word, double[] out, int at, int n) {
        return Ziggurat.fastDoubles(words, word, out, at, n);
    }
}
