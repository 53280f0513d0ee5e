package org.spinnoise.diffusion.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinnoise.diffusion.ImageShape;

/**
 * What spinnoise feeds an ONNX ε-network and reads back, worked out from the inputs and outputs the model declares:
 * the noisy images (float32, rank 4, NCHW), the timesteps (int64, int32, float32 or float64, shape [N] or [] —
 * the 0-based index t the sampler is at, as a float when the model takes a float) and the predicted noise (the first
 * output: float32, the images' shape). A batch dimension that is dynamic takes any batch; a fixed one makes the
 * denoiser feed the batch in pieces of that size (the last padded). Anything else is refused with one line saying what was declared,
 * what was expected and what to do.
 *
 * @param imageInput    the name of the image input
 * @param timestepInput the name of the timestep input
 * @param timestepType  its element type
 * @param timestepRank  0 (one timestep for the whole batch) or 1 (one per image)
 * @param output        the name of the output read as ε
 * @param shape         one image
 * @param fixedBatch    the batch the model takes, or 0 when its batch dimension is dynamic
 */
public record OnnxSignature(String imageInput, String timestepInput, OnnxJavaType timestepType, int timestepRank,
                            String output, ImageShape shape, int fixedBatch) {
    private static final Set<OnnxJavaType> TIMESTEP_TYPES = Set.of(OnnxJavaType.INT64, OnnxJavaType.INT32,
            OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE);
    private static final String FIX = "export the ε-network with exactly these (clients/python/spinnoise_torch.py "
            + "export_onnx does)";
    private static final String NEEDS = "spinnoise feeds two inputs, noisy images float32 [N, C, H, W] and timesteps "
            + "int64/int32/float32/float64 [N] or [], and reads one output, ε float32 [N, C, H, W]";

    /** The signature of the model in {@code file}, or the one-line reason it does not fit. */
    public static OnnxSignature of(Path file, Map<String, NodeInfo> inputs, Map<String, NodeInfo> outputs,
                                   Map<String, String> metadata) throws OnnxModelException {
        if (inputs.size() != 2) {
            throw new OnnxModelException(file + " declares " + inputs.size() + " inputs " + describe(inputs) + "; "
                    + NEEDS + ": " + FIX);
        }
        List<String> names = new ArrayList<>(inputs.keySet());
        TensorInfo a = tensor(file, "input", inputs.get(names.get(0)));
        TensorInfo b = tensor(file, "input", inputs.get(names.get(1)));
        int imageIndex = a.getShape().length == 4 ? 0 : b.getShape().length == 4 ? 1 : -1;
        if (imageIndex < 0 || (a.getShape().length == 4 && b.getShape().length == 4)) {
            throw new OnnxModelException(file + " declares inputs " + describe(inputs) + ", not one rank-4 image input "
                    + "and one timestep input; " + NEEDS + ": " + FIX);
        }
        String imageName = names.get(imageIndex);
        String timestepName = names.get(1 - imageIndex);
        TensorInfo image = imageIndex == 0 ? a : b;
        TensorInfo timestep = imageIndex == 0 ? b : a;
        if (image.type != OnnxJavaType.FLOAT) {
            throw new OnnxModelException(file + ": image input '" + imageName + "' is " + describe(image)
                    + ", expected float32 [N, C, H, W]: export the model in float32 (model.float())");
        }
        long[] dims = image.getShape();
        ImageShape shape = imageShape(file, imageName, dims, metadata);
        int fixedBatch = dims[0] > 0 ? Math.toIntExact(dims[0]) : 0;
        long[] tDims = timestep.getShape();
        if (!TIMESTEP_TYPES.contains(timestep.type) || tDims.length > 1) {
            throw new OnnxModelException(file + ": timestep input '" + timestepName + "' is " + describe(timestep)
                    + ", expected int64, int32, float32 or float64 of shape [N] or []: " + FIX);
        }
        if (tDims.length == 1 && tDims[0] > 0) {
            if (fixedBatch == 0 && tDims[0] == 1) {
                fixedBatch = 1;
            } else if (tDims[0] != fixedBatch) {
                throw new OnnxModelException(file + ": timestep input '" + timestepName + "' is " + describe(timestep)
                        + " but image input '" + imageName + "' is " + describe(image) + ": the timesteps need one "
                        + "entry per image, [N] with the same N (or dynamic): " + FIX);
            }
        }
        if (outputs.isEmpty()) {
            throw new OnnxModelException(file + " declares no outputs; " + NEEDS + ": " + FIX);
        }
        String outputName = outputs.keySet().iterator().next();
        TensorInfo eps = tensor(file, "output", outputs.get(outputName));
        long[] oDims = eps.getShape();
        long[] want = {dims[0], shape.channels(), shape.height(), shape.width()};
        boolean fits = eps.type == OnnxJavaType.FLOAT && oDims.length == 4;
        for (int i = 0; fits && i < 4; i++) {
            fits = oDims[i] < 0 || want[i] < 0 || oDims[i] == want[i];
        }
        if (!fits) {
            throw new OnnxModelException(file + ": output '" + outputName + "' is " + describe(eps) + ", expected ε "
                    + "float32 " + Arrays.toString(want).replace("-1", "N") + " like the images: spinnoise samples only "
                    + "ε-prediction networks whose first output is the predicted noise");
        }
        return new OnnxSignature(imageName, timestepName, timestep.type, tDims.length, outputName, shape, fixedBatch);
    }

    private static ImageShape imageShape(Path file, String name, long[] dims, Map<String, String> metadata)
            throws OnnxModelException {
        String declared = metadata.get(OnnxMetadata.IMAGE);
        ImageShape fromMetadata = null;
        if (declared != null) {
            try {
                int[] chw = Arrays.stream(declared.trim().split("x")).mapToInt(Integer::parseInt).toArray();
                if (chw.length != 3) {
                    throw new IllegalArgumentException("not CxHxW");
                }
                fromMetadata = new ImageShape(chw[0], chw[1], chw[2]);
            } catch (IllegalArgumentException e) {
                throw new OnnxModelException(file + ": metadata " + OnnxMetadata.IMAGE + "='" + declared
                        + "' is not CxHxW (e.g. 1x28x28)", e);
            }
        }
        int[] chw = new int[3];
        for (int i = 0; i < 3; i++) {
            long d = dims[i + 1];
            int meta = fromMetadata == null ? -1 : new int[]{fromMetadata.channels(), fromMetadata.height(),
                    fromMetadata.width()}[i];
            if (d > 0 && meta > 0 && d != meta) {
                throw new OnnxModelException(file + ": image input '" + name + "' is " + Arrays.toString(dims)
                        + " but its metadata " + OnnxMetadata.IMAGE + " says " + declared + ": fix the metadata");
            }
            if (d <= 0 && meta < 0) {
                throw new OnnxModelException(file + ": image input '" + name + "' has dynamic channel, height or width "
                        + Arrays.toString(dims).replace("-1", "?") + " and no " + OnnxMetadata.IMAGE + " metadata: "
                        + "export with a fixed image size, or pass image_shape to spinnoise_torch.export_onnx");
            }
            chw[i] = Math.toIntExact(d > 0 ? d : meta);
        }
        return new ImageShape(chw[0], chw[1], chw[2]);
    }

    private static TensorInfo tensor(Path file, String what, NodeInfo node) throws OnnxModelException {
        if (node.getInfo() instanceof TensorInfo t) {
            return t;
        }
        throw new OnnxModelException(file + ": " + what + " '" + node.getName() + "' is " + node.getInfo()
                + ", not a tensor; " + NEEDS);
    }

    private static String describe(Map<String, NodeInfo> nodes) {
        List<String> parts = new ArrayList<>();
        for (NodeInfo n : nodes.values()) {
            parts.add("'" + n.getName() + "' " + (n.getInfo() instanceof TensorInfo t ? describe(t) : n.getInfo()));
        }
        return "[" + String.join(", ", parts) + "]";
    }

    /** A tensor's type and shape as the messages show them: {@code float32 [N, 1, 28, 28]}. */
    static String describe(TensorInfo t) {
        String type = switch (t.type) {
            case FLOAT -> "float32";
            case DOUBLE -> "float64";
            case FLOAT16 -> "float16";
            case BFLOAT16 -> "bfloat16";
            default -> t.type.name().toLowerCase(java.util.Locale.ROOT);
        };
        String[] names = t.getDimensionNames();
        long[] dims = t.getShape();
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < dims.length; i++) {
            shown.add(dims[i] > 0 ? Long.toString(dims[i])
                    : names != null && i < names.length && !names[i].isEmpty() ? names[i] : "?");
        }
        return type + " " + shown;
    }
}
