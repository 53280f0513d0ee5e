package org.spinnoise.diffusion.train;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The settings of a training run that, with the seed, fix its whole trajectory. They are stored in every checkpoint
 * (as {@code train.*} settings) and read back on resume, so a resumed run cannot drift from the one it continues.
 *
 * @param seed             fixes every batch, timestep and noise draw (step k's are a function of seed and k alone)
 * @param batchSize        images per optimizer step
 * @param learningRate     Adam's step size
 * @param emaDecay         decay of the weight average, e.g. 0.999
 * @param gradientClipNorm the gradient's L2 norm is scaled down to this when larger; 0 turns clipping off
 */
public record TrainingConfig(long seed, int batchSize, double learningRate, double emaDecay, double gradientClipNorm) {

    public TrainingConfig {
        if (batchSize < 1) {
            throw new IllegalArgumentException("training batch size must be at least 1, got " + batchSize);
        }
        if (!(learningRate > 0)) {
            throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
        }
        if (!(emaDecay >= 0 && emaDecay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + emaDecay);
        }
        if (!(gradientClipNorm >= 0)) {
            throw new IllegalArgumentException("gradient clip norm must be 0 (off) or positive, got " + gradientClipNorm);
        }
    }

    Map<String, String> toSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("train.seed", Long.toString(seed));
        s.put("train.batch", Integer.toString(batchSize));
        s.put("train.learning_rate", Double.toString(learningRate));
        s.put("train.ema_decay", Double.toString(emaDecay));
        s.put("train.gradient_clip_norm", Double.toString(gradientClipNorm));
        return s;
    }

    static TrainingConfig fromSettings(Map<String, String> settings, String file) throws CheckpointException {
        try {
            return new TrainingConfig(Long.parseLong(required(settings, "train.seed", file)),
                    Integer.parseInt(required(settings, "train.batch", file)),
                    Double.parseDouble(required(settings, "train.learning_rate", file)),
                    Double.parseDouble(required(settings, "train.ema_decay", file)),
                    Double.parseDouble(required(settings, "train.gradient_clip_norm", file)));
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " has unusable training settings: " + e.getMessage(), e);
        }
    }

    private static String required(Map<String, String> settings, String key, String file) throws CheckpointException {
        String v = settings.get(key);
        if (v == null) {
            throw new CheckpointException(file + " lacks the training setting " + key);
        }
        return v;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "seed=%d batch=%d lr=%g ema=%g clip=%g", seed, batchSize, learningRate, emaDecay,
                gradientClipNorm);
    }
}
