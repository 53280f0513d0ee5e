package org.spinnoise.diffusion.onnx;

import java.util.Locale;

/**
 * A user's choice of noise schedule for an ONNX model ({@code --schedule}, {@code --timesteps}), which wins over the
 * model's metadata and the default. Either part may be null (not given). A spinnoise checkpoint records its own
 * schedule and takes none.
 *
 * @param kind      {@code linear} or {@code cosine}, or null
 * @param timesteps T, or null
 */
public record ScheduleOverride(String kind, Integer timesteps) {
    /** Nothing given: the model's metadata, else the default, decides. */
    public static final ScheduleOverride NONE = new ScheduleOverride(null, null);

    public ScheduleOverride {
        if (kind != null) {
            kind = kind.trim().toLowerCase(Locale.ROOT);
            if (!kind.equals("linear") && !kind.equals("cosine")) {
                throw new IllegalArgumentException("--schedule must be linear or cosine, not '" + kind + "'");
            }
        }
        if (timesteps != null && timesteps < 2) {
            throw new IllegalArgumentException("--timesteps must be at least 2, got " + timesteps);
        }
    }

    /** Whether the user gave either part. */
    public boolean given() {
        return kind != null || timesteps != null;
    }
}
