package org.spinnoise.diffusion.onnx;

/**
 * The metadata_props keys spinnoise reads from an ONNX ε-network, as {@code clients/python/spinnoise_torch.py}'s
 * {@code export_onnx} writes them. All are optional; without them the model is taken to be trained with the linear
 * schedule of Ho et al. (β from 1e-4 to 0.02 over T = 1000) and to have fixed channel, height and width dimensions.
 */
public final class OnnxMetadata {
    /** The schedule's kind: {@code linear}, {@code cosine} or {@code betas} (the β values listed in {@link #BETAS}). */
    public static final String SCHEDULE = "spinnoise.schedule";
    /** T, the number of training timesteps (linear and cosine). */
    public static final String TIMESTEPS = "spinnoise.timesteps";
    /** The first and last β of a linear schedule, used as they are for any T (as diffusers' schedulers do). */
    public static final String BETA_START = "spinnoise.beta_start";
    public static final String BETA_END = "spinnoise.beta_end";
    /** β_0 … β_{T−1}, comma-separated decimal numbers. */
    public static final String BETAS = "spinnoise.betas";
    /** One image as {@code CxHxW}, needed only when the model leaves those dimensions dynamic. */
    public static final String IMAGE = "spinnoise.image";
    /** Free text saying what the model is (the training run, the code); shown beside the model's name. */
    public static final String DESCRIPTION = "spinnoise.description";

    /** The default schedule: Ho et al. (2020), section 4. */
    public static final int DEFAULT_TIMESTEPS = 1000;
    public static final double DEFAULT_BETA_START = 1e-4;
    public static final double DEFAULT_BETA_END = 0.02;

    private OnnxMetadata() {
    }
}
