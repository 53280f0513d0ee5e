package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A JVM without {@code jdk.incubator.vector} (a plain {@code java -jar}) still runs the network: on the scalar
 * kernels, with the same predictions as the scalar kernels here, and asking for the vector kernels names the option
 * that is missing.
 */
class KernelsFallbackTest {

    /** Bits of the first predicted value of the tiny test network on fixed inputs. */
    static int predictionBits(Kernels kernels) {
        UNet net = new UNet(UNetGradientTest.tiny());
        float[] params = net.layout().initialValues(3);
        float[] x = new float[net.config().image().values(1)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) Math.sin(i);
        }
        float[] eps = new float[x.length];
        new UNetDenoiser(net, params, kernels, 1).predictNoise(x, 1, new int[] {123}, eps);
        return Float.floatToIntBits(eps[0]);
    }

    @Test
    void withoutTheModuleTheScalarKernelsRun() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), KernelsFallbackProbe.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM did not finish");
        List<String> lines = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .toList();
        assertEquals(0, child.exitValue(), "" + lines);
        assertTrue(lines.contains("best scalar"), "" + lines);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("vector refused:")
                && l.contains("--add-modules jdk.incubator.vector")), "" + lines);
        assertTrue(lines.contains("prediction " + predictionBits(Kernels.scalar())), "" + lines);
    }
}
