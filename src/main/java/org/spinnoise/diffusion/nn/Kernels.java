package org.spinnoise.diffusion.nn;

import java.util.Locale;

/**
 * The kernels a network runs on, a {@link Gemm} and a {@link Pointwise} of one family, and how many threads one
 * layer call may use. The Vector API kernels need the incubating
 * {@code jdk.incubator.vector} module, which a JVM has only when started with {@code --add-modules
 * jdk.incubator.vector} (the launcher, the build and the tests do so); without it the scalar reference runs, slower
 * but the same arithmetic. The system property {@code spinnoise.nn.kernels} ({@code auto}, {@code scalar},
 * {@code vector}) overrides the choice, for comparisons.
 */
public record Kernels(Gemm gemm, Pointwise pointwise, int threads) {

    public Kernels {
        if (threads < 1) {
            throw new IllegalArgumentException("kernels need at least one thread, got " + threads);
        }
    }

    /** Kernels that run each call on the calling thread alone. */
    public Kernels(Gemm gemm, Pointwise pointwise) {
        this(gemm, pointwise, 1);
    }

    /**
     * The same kernels splitting each convolution and normalisation call into up to {@code threads} parts that run
     * at once (the caller's thread takes the first): how one image uses several cores. Each output element is still
     * computed by one thread in the same order, so results do not change.
     */
    public Kernels withThreads(int threads) {
        return new Kernels(gemm, pointwise, threads);
    }

    /** System property that forces a kernel family. */
    public static final String PROPERTY = "spinnoise.nn.kernels";

    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The family's name for reports: "scalar" or "vector-&lt;bits&gt;". */
    public String name() {
        return gemm.name();
    }

    /** True when this JVM has the Vector API module, so {@link #vector()} works. */
    public static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The scalar reference kernels. */
    public static Kernels scalar() {
        return new Kernels(new ScalarGemm(), new ScalarPointwise());
    }

    /**
     * The Vector API kernels.
     *
     * @throws IllegalStateException when the JVM lacks the module
     */
    public static Kernels vector() {
        if (!vectorAvailable()) {
            throw new IllegalStateException("the Vector API kernels need the JVM option --add-modules "
                    + VECTOR_MODULE + " (bin/spinnoise passes it)");
        }
        // Referenced only here, after the check, so a JVM without the module never loads the classes.
        return new Kernels(new VectorGemm(), new VectorPointwise());
    }

    /** The kernels to use: the property's choice, else vector kernels when available, else scalar. */
    public static Kernels best() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        switch (choice) {
            case "scalar":
                return scalar();
            case "vector":
                return vector();
            case "auto":
                return vectorAvailable() ? vector() : scalar();
            default:
                throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                        + " is not a kernel family; use auto, scalar or vector");
        }
    }
}
