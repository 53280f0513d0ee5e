package org.spinnoise.diffusion.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.diffusion.DdimSampler;
import org.spinnoise.diffusion.SampleRun;
import org.spinnoise.diffusion.train.Checkpoint;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;

/** The U-Net weights shipped in the jar: their header, and that they generate garment-like images. */
class BuiltInModelTest {
    @Test
    void shippedWeightsCarryTheirProvenanceAndOnlyTheEmaArray() throws Exception {
        DiffusionModels.Loaded model = BuiltInModel.load();
        Checkpoint.Header h = model.checkpoint().header();
        assertEquals(List.of(BuiltInModel.WEIGHTS), h.arrays().stream().map(Checkpoint.ArrayEntry::name).toList());
        assertEquals(model.denoiser().parameters().length, h.arrays().get(0).length());
        assertTrue(h.command().startsWith("spinnoise train "), h.command());
        assertTrue(h.command().contains("--seed " + h.seed()), h.command());
        assertTrue(h.step() >= 1000, "trained for " + h.step() + " steps");
        assertEquals(h.schedule(), model.schedule().name());
        double meanLoss = Double.parseDouble(h.settings().get(BuiltInModel.LOSS_MEAN));
        assertEquals(meanLoss, h.loss(), 0.0);
        // ε-prediction MSE of a trained model sits well below the 1.0 of predicting zero
        assertTrue(meanLoss > 0 && meanLoss < 0.1, "mean loss " + meanLoss);
        assertTrue(h.settings().get(BuiltInModel.TRAINING_CODE).contains("git"), h.settings().toString());
        assertTrue(BuiltInModel.provenance(h).contains(String.format("%,d steps", h.step())));
    }

    @Test
    void aFewDdimStepsGiveGarmentLikeImages() throws Exception {
        DiffusionModels.Loaded model = BuiltInModel.load();
        int batch = 8;
        SampleRun run;
        try (NoiseSource noise = NoiseSources.open(NoiseMode.PRNG, null, null, 5)) {
            run = new DdimSampler(model.schedule(), 10, 0.0, true).sample(model.denoiser(), batch, noise);
        }
        double sum = 0;
        long dark = 0;
        for (float v : run.images()) {
            assertTrue(Float.isFinite(v));
            double intensity = (v + 1) / 2;
            sum += intensity;
            dark += intensity < 0.1 ? 1 : 0;
        }
        double mean = sum / run.images().length;
        double darkFraction = (double) dark / run.images().length;
        // Over 100,000 draws of 8 Fashion-MNIST test images, the batch's mean intensity (overall 0.287) fell outside
        // [0.141, 0.464] and its fraction of background pixels (< 0.1) outside [0.358, 0.734] one time in 10,000.
        assertTrue(mean > 0.141 && mean < 0.464, "mean intensity " + mean);
        assertTrue(darkFraction > 0.358 && darkFraction < 0.734, "background fraction " + darkFraction);
    }
}
