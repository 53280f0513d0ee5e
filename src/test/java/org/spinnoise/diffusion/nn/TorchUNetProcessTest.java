package org.spinnoise.diffusion.nn;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.diffusion.model.BuiltInModel;
import org.spinnoise.diffusion.model.DiffusionModels;

/**
 * The PyTorch rebuild of the built-in U-Net ({@code unet_torch.py}, run by {@link TorchUNetProcess} from the weights
 * file as {@code export-weights} writes it) predicts what the Java forward predicts, within 1e-4, and answers timing
 * requests; a python without torch is passed over. Needs Debian's python3-torch (.ci/install-deps installs it).
 */
class TorchUNetProcessTest {

    @Test
    void theRebuildPredictsWhatJavaPredictsAndTimesItsCalls(@TempDir Path folder) throws Exception {
        DiffusionModels.Loaded builtIn = BuiltInModel.load();
        Path weights = folder.resolve("unet.ckpt");
        builtIn.checkpoint().write(weights);
        assertNull(TorchUNetProcess.start(weights, List.of(folder.resolve("no-python").toString())));
        try (TorchUNetProcess torch = TorchUNetProcess.start(weights, List.of("/usr/bin/python3", "python3"))) {
            assertNotNull(torch, "no python3 with torch: apt-get install python3-torch");
            int[] timesteps = UNetForwardEquivalenceTest.TIMESTEPS;
            float[] images = UNetForwardEquivalenceTest.images(timesteps.length);
            UNet net = builtIn.denoiser().network();
            float[] java = net.forward(builtIn.denoiser().parameters(), new Tensor(images.clone(), 1, timesteps.length,
                    28, 28), timesteps, Kernels.best(), null).data();
            double diff = UNetForwardEquivalenceTest.maxAbsDiff(torch.predict(images, timesteps), java);
            assertTrue(diff < 1e-4, "PyTorch rebuild vs Java forward: max abs diff " + diff);
            TorchUNetProcess.Round round = torch.time(1, 1, 2);
            assertTrue(round.wallSeconds() > 0 && round.cpuSeconds() > 0 && round.calls() == 2, round.toString());
        }
    }
}
