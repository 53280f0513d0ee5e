package org.spinnoise.diffusion.nn;

/**
 * Run in a child JVM started without the Vector API module: prints which kernels {@link Kernels#best()} chose,
 * whether {@link Kernels#vector()} refused, and the bits of one prediction of the tiny test network.
 */
public final class KernelsFallbackProbe {

    private KernelsFallbackProbe() {
    }

    public static void main(String[] args) {
        System.out.println("best " + Kernels.best().name());
        try {
            Kernels.vector();
            System.out.println("vector accepted");
        } catch (IllegalStateException e) {
            System.out.println("vector refused: " + e.getMessage());
        }
        System.out.println("prediction " + KernelsFallbackTest.predictionBits(Kernels.best()));
    }
}
