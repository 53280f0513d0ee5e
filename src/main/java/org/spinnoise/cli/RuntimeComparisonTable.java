package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.spinnoise.diffusion.nn.UNetRuntimeComparison;

/**
 * Prints the engine comparison of {@code spinnoise bench sampler}: per image per sampling step, Java kernels, ONNX
 * Runtime and PyTorch side by side for each case, best round in wall-clock and CPU time with the median wall time
 * (how noisy the machine was), and Java's time over each other engine's: best round over best round, and for
 * PyTorch also the median of the rounds' own ratios, which a machine whose speed drifts disturbs less.
 */
final class RuntimeComparisonTable {

    private static final String[] ENGINES = {"java", "onnx", "torch"};
    private static final String[] TITLES = {"Java kernels", "ONNX Runtime", "PyTorch"};

    private RuntimeComparisonTable() {
    }

    static void print(PrintWriter out, UNetRuntimeComparison.Result r, int batch) {
        out.printf("built-in U-Net, ms per image per step: best wall / median wall / best CPU%n");
        out.printf("%-20s", "");
        for (String title : TITLES) {
            out.printf("  %-22s", title);
        }
        out.printf("  %s%n", "Java ÷ ONNX, Java ÷ PyTorch: best walls; median of each round's own ratio");
        int[][] cases = {{batch, 1}, {1, 1}, {1, 2}};
        for (int[] c : cases) {
            out.printf("%-20s", "batch " + c[0] + ", " + c[1] + " thread" + (c[1] == 1 ? "" : "s"));
            for (String engine : ENGINES) {
                UNetRuntimeComparison.Figure f = r.figure(engine, c[0], c[1]);
                out.printf("  %-22s", f == null ? "not run" : String.format(Locale.ROOT,
                        "%.2f / %.2f / %.2f", f.msPerImage(), f.medianMsPerImage(), f.cpuMsPerImage()));
            }
            UNetRuntimeComparison.Figure jvm = r.figure("java", c[0], c[1]);
            UNetRuntimeComparison.Figure onnx = r.figure("onnx", c[0], c[1]);
            UNetRuntimeComparison.Figure torch = r.figure("torch", c[0], c[1]);
            out.printf(Locale.ROOT, "  %.2f×, %s%n", jvm.msPerImage() / onnx.msPerImage(), torch == null ? "-"
                    : String.format(Locale.ROOT, "%.2f×; %.2f× (goal: at most 1.00×)",
                            jvm.msPerImage() / torch.msPerImage(), r.pairedMedianRatio("torch", c[0], c[1])));
        }
        out.printf("same four images, max abs diff from the Java forward: %s%n", r.maxAbsDiffFromJava());
        if (r.torchVersion() == null) {
            out.println("PyTorch: no python3 with torch found (Debian: apt-get install python3-torch; or --python)");
        } else {
            out.println("PyTorch " + r.torchVersion() + ": the U-Net rebuilt from the same weights, TorchScript-frozen");
        }
    }
}
