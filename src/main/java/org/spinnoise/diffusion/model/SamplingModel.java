package org.spinnoise.diffusion.model;

import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import org.spinnoise.diffusion.Denoiser;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.NoiseSchedule;
import org.spinnoise.diffusion.onnx.OnnxDenoiser;
import org.spinnoise.diffusion.onnx.OnnxSignature;

/**
 * A model ready to sample from, whatever it was made by: the built-in U-Net, a {@code spinnoise train} checkpoint or a
 * user's ε-network exported to ONNX. It is what {@code sample} and {@code evaluate} need: the denoiser, the schedule it
 * was trained with, a name and one line of provenance for records and reports. Close it (an ONNX model holds a native
 * session).
 */
public final class SamplingModel implements AutoCloseable {
    private final Denoiser denoiser;
    private final NoiseSchedule schedule;
    private final String name;
    private final String provenance;
    private final OptionalLong trainingStep;
    private final AutoCloseable resources;

    private SamplingModel(Denoiser denoiser, NoiseSchedule schedule, String name, String provenance,
                          OptionalLong trainingStep, AutoCloseable resources) {
        this.denoiser = denoiser;
        this.schedule = schedule;
        this.name = name;
        this.provenance = provenance;
        this.trainingStep = trainingStep;
        this.resources = resources;
    }

    /** A U-Net read from a spinnoise checkpoint (or the built-in one), named {@code name}. */
    public static SamplingModel of(DiffusionModels.Loaded loaded, String name) {
        return new SamplingModel(loaded.denoiser(), loaded.schedule(), name,
                BuiltInModel.provenance(loaded.checkpoint().header()),
                OptionalLong.of(loaded.checkpoint().header().step()), null);
    }

    /** A user's ONNX model opened from {@code file}. */
    public static SamplingModel of(OnnxDenoiser onnx, Path file) {
        OnnxSignature s = onnx.signature();
        String provenance = String.format(Locale.ROOT, "ONNX model: images %s from input '%s', timesteps from '%s' "
                        + "(%s, %s), noise from output '%s', batch %s; schedule %s from %s%s", s.shape(), s.imageInput(),
                s.timestepInput(), s.timestepType().name().toLowerCase(Locale.ROOT), s.timestepRank() == 0 ? "[]"
                        : "[N]", s.output(), s.fixedBatch() == 0 ? "any" : Integer.toString(s.fixedBatch()),
                onnx.schedule(), onnx.scheduleSource(), onnx.description().isEmpty() ? "" : "; " + onnx.description());
        return new SamplingModel(onnx, onnx.schedule(), file.toString(), provenance, OptionalLong.empty(), onnx);
    }

    public Denoiser denoiser() {
        return denoiser;
    }

    public NoiseSchedule schedule() {
        return schedule;
    }

    /** How records and reports name the model: {@link BuiltInModel#LABEL} or the file given. */
    public String name() {
        return name;
    }

    /** One line: who made the model and how spinnoise runs it. */
    public String provenance() {
        return provenance;
    }

    /** The training step of a spinnoise checkpoint; empty for an ONNX model. */
    public OptionalLong trainingStep() {
        return trainingStep;
    }

    /** Whether this is a user's ONNX model. */
    public boolean onnx() {
        return denoiser instanceof OnnxDenoiser;
    }

    /**
     * Refuses a model whose images are not {@code required}, the shape {@code consumer} (e.g. "evaluate's
     * Fashion-MNIST classifier") takes, with one line naming both.
     */
    public void requireImageShape(ImageShape required, String consumer) {
        if (!denoiser.shape().equals(required)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s makes %s images (channels x height x "
                            + "width), but %s takes %s: give a model of %s images", name, denoiser.shape(), consumer,
                    required, required));
        }
    }

    @Override
    public void close() throws Exception {
        if (resources != null) {
            resources.close();
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
