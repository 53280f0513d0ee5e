package org.spinnoise.diffusion.onnx;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.diffusion.NoiseSchedule;

/**
 * The noise schedule an ONNX ε-network was trained with, from (first to last that applies) the user's
 * {@link ScheduleOverride}, the model's {@link OnnxMetadata} and the default linear schedule of Ho et al. A linear
 * schedule keeps its first and last β for any T, as diffusers' {@code DDPMScheduler} does (spinnoise's own
 * {@code train} instead rescales them by 1000/T; its checkpoints record that and never come here).
 */
public final class OnnxSchedule {
    private OnnxSchedule() {
    }

    /** A schedule and where it came from, e.g. "the model's metadata". */
    public record Resolved(NoiseSchedule schedule, String source) {
    }

    /** The schedule for the model in {@code file} with metadata {@code metadata}. */
    public static Resolved resolve(Path file, Map<String, String> metadata, ScheduleOverride override)
            throws OnnxModelException {
        String kind = metadata.get(OnnxMetadata.SCHEDULE);
        if (override.given()) {
            if (override.kind() == null && "betas".equals(kind)) {
                throw new OnnxModelException(file + " lists its schedule's betas in its metadata ("
                        + OnnxMetadata.SCHEDULE + "=betas): --timesteps alone cannot change them; give --schedule too, "
                        + "or drop --timesteps");
            }
            String chosen = override.kind() != null ? override.kind() : kind != null ? kind : "linear";
            int steps = override.timesteps() != null ? override.timesteps()
                    : intValue(file, metadata, OnnxMetadata.TIMESTEPS, OnnxMetadata.DEFAULT_TIMESTEPS);
            return new Resolved(named(file, chosen, steps, metadata), "--schedule/--timesteps");
        }
        if (kind == null) {
            if (metadata.containsKey(OnnxMetadata.TIMESTEPS) || metadata.containsKey(OnnxMetadata.BETAS)) {
                throw new OnnxModelException(file + " has schedule metadata but no " + OnnxMetadata.SCHEDULE
                        + " key saying its kind: add " + OnnxMetadata.SCHEDULE + " (linear, cosine or betas) or give "
                        + "--schedule");
            }
            return new Resolved(NoiseSchedule.linear(OnnxMetadata.DEFAULT_TIMESTEPS, OnnxMetadata.DEFAULT_BETA_START,
                    OnnxMetadata.DEFAULT_BETA_END), "the default (the model has no " + OnnxMetadata.SCHEDULE
                    + " metadata)");
        }
        int steps = intValue(file, metadata, OnnxMetadata.TIMESTEPS, OnnxMetadata.DEFAULT_TIMESTEPS);
        return new Resolved(named(file, kind, steps, metadata), "the model's metadata");
    }

    private static NoiseSchedule named(Path file, String kind, int steps, Map<String, String> metadata)
            throws OnnxModelException {
        try {
            return switch (kind.trim().toLowerCase(Locale.ROOT)) {
                case "linear" -> NoiseSchedule.linear(steps,
                        doubleValue(file, metadata, OnnxMetadata.BETA_START, OnnxMetadata.DEFAULT_BETA_START),
                        doubleValue(file, metadata, OnnxMetadata.BETA_END, OnnxMetadata.DEFAULT_BETA_END));
                case "cosine" -> NoiseSchedule.cosine(steps);
                case "betas" -> listed(betas(file, metadata));
                default -> throw new OnnxModelException(file + ": metadata " + OnnxMetadata.SCHEDULE + "=" + kind
                        + " is not linear, cosine or betas: fix the export, or give --schedule");
            };
        } catch (IllegalArgumentException e) {
            throw new OnnxModelException(file + ": its noise schedule is unusable: " + e.getMessage(), e);
        }
    }

    /** The listed betas, named as the linear schedule they are when they are one (to 1e-12), else by their ends. */
    private static NoiseSchedule listed(double[] betas) {
        int steps = betas.length;
        NoiseSchedule linear = NoiseSchedule.linear(steps, betas[0], betas[steps - 1]);
        boolean isLinear = true;
        for (int t = 0; t < steps && isLinear; t++) {
            isLinear = Math.abs(linear.beta(t) - betas[t]) <= 1e-12;
        }
        return NoiseSchedule.ofBetas(isLinear ? linear.name() : String.format(Locale.ROOT, "listed(T=%d, beta %.6g..%.6g)",
                steps, betas[0], betas[steps - 1]), betas);
    }

    private static double[] betas(Path file, Map<String, String> metadata) throws OnnxModelException {
        String list = metadata.get(OnnxMetadata.BETAS);
        if (list == null || list.isBlank()) {
            throw new OnnxModelException(file + ": metadata " + OnnxMetadata.SCHEDULE + "=betas but no "
                    + OnnxMetadata.BETAS + " list: export it again with spinnoise_torch.export_onnx, or give --schedule");
        }
        String[] cells = list.split(",");
        double[] betas = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            try {
                betas[i] = Double.parseDouble(cells[i].trim());
            } catch (NumberFormatException e) {
                throw new OnnxModelException(file + ": metadata " + OnnxMetadata.BETAS + " item " + i + " '" + cells[i]
                        + "' is not a number", e);
            }
        }
        return betas;
    }

    private static int intValue(Path file, Map<String, String> metadata, String key, int fallback)
            throws OnnxModelException {
        String value = metadata.get(key);
        try {
            return value == null ? fallback : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new OnnxModelException(file + ": metadata " + key + "='" + value + "' is not a whole number", e);
        }
    }

    private static double doubleValue(Path file, Map<String, String> metadata, String key, double fallback)
            throws OnnxModelException {
        String value = metadata.get(key);
        try {
            return value == null ? fallback : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new OnnxModelException(file + ": metadata " + key + "='" + value + "' is not a number", e);
        }
    }
}
