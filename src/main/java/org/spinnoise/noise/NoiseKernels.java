package org.spinnoise.noise;

import java.util.Locale;

/**
 * The inner loops of the word-based noise modes, in two families that give identical results: the scalar reference
 * and Vector API kernels. They are the ziggurat's rectangle test over a block of little-endian words (about 99% of
 * samples; a sample that misses it stops the kernel and goes through {@link Ziggurat#sample} in order, so the output
 * never depends on the vector width) and the {@link LxmLanes} word generator. The Vector API needs the JVM option
 * {@code --add-modules jdk.incubator.vector} (the launcher, the build and the tests pass it); without it, or with
 * {@code -Dspinnoise.noise.kernels=scalar}, the scalar family runs.
 */
interface NoiseKernels {

    /** System property that forces a family: auto, scalar or vector. */
    String PROPERTY = "spinnoise.noise.kernels";

    /** "scalar", or "vector-&lt;bits&gt;". */
    String name();

    /** Fills {@code block} with the lanes' next words. */
    void lxm(LxmLanes lanes, byte[] block);

    /**
     * The rectangle test over words {@code word ..} of {@code words}: writes passing samples to {@code out[at ..]},
     * at most {@code n}, and returns how many passed in a row; the word after them, if fewer than {@code n}, needs
     * {@link Ziggurat#sample}.
     */
    int fastFloats(byte[] words, int word, float[] out, int at, int n);

    /** {@link #fastFloats} for float64 samples. */
    int fastDoubles(byte[] words, int word, double[] out, int at, int n);

    /** The family chosen once per JVM. */
    NoiseKernels BEST = choose();

    /** The scalar reference family. */
    static NoiseKernels scalar() {
        return ScalarNoiseKernels.INSTANCE;
    }

    /** True when this JVM has the Vector API module and vectors of at least four 64-bit lanes. */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorNoiseKernels.usable();
    }

    /**
     * The Vector API family.
     *
     * @throws IllegalStateException when this JVM cannot run it
     */
    static NoiseKernels vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the Vector API noise kernels need the JVM option --add-modules "
                    + "jdk.incubator.vector and 256-bit vectors (bin/spinnoise passes the option)");
        }
        return new VectorNoiseKernels();
    }

    private static NoiseKernels choose() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "scalar" -> scalar();
            case "vector" -> vector();
            case "auto" -> vectorAvailable() ? vector() : scalar();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + " is not a kernel family; use auto, scalar or vector");
        };
    }
}
