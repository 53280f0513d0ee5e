package org.spinnoise.diffusion.train;

/**
 * An exponential moving average of the weights, s ← d·s + (1 − d)·θ after every optimizer step; diffusion models
 * sample much better from these averaged weights than from the raw ones. Starts at the initial weights.
 */
public final class Ema {
    private final double decay;
    private final float[] shadow;

    public Ema(float[] initialParameters, double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
        this.shadow = initialParameters.clone();
    }

    public void update(float[] parameters) {
        if (parameters.length != shadow.length) {
            throw new IllegalArgumentException("EMA of " + shadow.length + " weights given " + parameters.length);
        }
        for (int i = 0; i < shadow.length; i++) {
            shadow[i] = (float) (decay * shadow[i] + (1 - decay) * parameters[i]);
        }
    }

    public double decay() {
        return decay;
    }

    /** The live averaged weights. */
    public float[] weights() {
        return shadow;
    }

    /** Puts back averaged weights taken from a checkpoint. */
    public void restore(float[] weights) {
        if (weights.length != shadow.length) {
            throw new IllegalArgumentException("EMA of " + shadow.length + " weights given " + weights.length + " to restore");
        }
        System.arraycopy(weights, 0, shadow, 0, weights.length);
    }
}
