package org.spinnoise.diffusion.nn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spinnoise.diffusion.ImageShape;

/**
 * The built-in U-Net with its weights as an ONNX model (IR version 8, opset 17), so ONNX Runtime or any other ONNX
 * engine can run exactly the network {@link UNet} runs. Inputs: {@value #IMAGES} float [N, C, H, W] and
 * {@value #TIMESTEPS} int64 [N]; output {@value #NOISE} float [N, C, H, W], the predicted noise; N is free.
 * The graph follows {@link UNet#forward} layer by layer: the sinusoidal embedding computed in double as
 * {@link TimeEmbedding} does (cosine as a shifted sine), Gemm + Sigmoid·Mul for the time MLP and SiLU, Conv for every convolution, GroupNorm as
 * Reshape → InstanceNormalization → Reshape → per-channel Mul/Add (opset 17 has no GroupNormalization), the time shift
 * as Gemm → Unsqueeze → Add, Concat for the skips and Resize (nearest, asymmetric, floor) for the ×2 upsampling.
 */
public final class UNetOnnxExport {

    /** Name of the images input. */
    public static final String IMAGES = "x";
    /** Name of the timesteps input. */
    public static final String TIMESTEPS = "t";
    /** Name of the predicted-noise output. */
    public static final String NOISE = "eps";

    private static final int OPSET = 17;
    private static final int IR_VERSION = 8;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int DOUBLE = 11;
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_STRING = 3;
    private static final int ATTRIBUTE_INTS = 7;

    private final UNet net;
    private final float[] params;
    private final OnnxProtobuf graph = new OnnxProtobuf();
    private int counter;

    private UNetOnnxExport(UNet net, float[] params) {
        if (params.length != net.parameterCount()) {
            throw new IllegalArgumentException("this U-Net has " + net.parameterCount() + " parameters, got "
                    + params.length);
        }
        this.net = net;
        this.params = params;
    }

    /** The serialized ONNX model of {@code net} with parameters {@code params}. */
    public static byte[] export(UNet net, float[] params) {
        return new UNetOnnxExport(net, params).model();
    }

    /** Writes the model to {@code file}. */
    public static void write(UNet net, float[] params, Path file) throws IOException {
        Files.write(file, export(net, params));
    }

    private byte[] model() {
        UNetConfig config = net.config();
        ImageShape image = config.image();
        graph.string(2, "spinnoise_unet");
        String features = timeFeatures(config);
        String h = conv("stem", IMAGES, 1);
        List<String> skips = new ArrayList<>();
        int levels = config.levelChannels().length;
        for (int i = 0; i < levels; i++) {
            h = resBlock("down" + i, h, features);
            skips.add(h);
            if (i < levels - 1) {
                h = conv("downsample" + i, h, 2);
            }
        }
        h = resBlock("middle", h, features);
        for (int i = levels - 1; i >= 0; i--) {
            h = resBlock("up" + i, node("Concat", new String[] {h, skips.get(i)}, intAttribute("axis", 1)), features);
            if (i > 0) {
                h = node("Resize", new String[] {h, "", floats("scales", new float[] {1, 1, 2, 2}, 4)},
                        stringAttribute("mode", "nearest"),
                        stringAttribute("coordinate_transformation_mode", "asymmetric"),
                        stringAttribute("nearest_mode", "floor"));
            }
        }
        h = silu(groupNorm("out.norm", h));
        String out = conv("out.conv", h, 1);
        graph.message(1, nodeProto("Identity", new String[] {out}, NOISE));
        graph.message(11, valueInfo(IMAGES, FLOAT, image.channels(), image.height(), image.width()));
        graph.message(11, valueInfo(TIMESTEPS, INT64));
        graph.message(12, valueInfo(NOISE, FLOAT, image.channels(), image.height(), image.width()));
        OnnxProtobuf model = new OnnxProtobuf();
        model.varint(1, IR_VERSION);
        model.string(2, "spinnoise");
        model.message(7, graph);
        model.message(8, new OnnxProtobuf().string(1, "").varint(2, OPSET));
        return model.toByteArray();
    }

    /** Sinusoid (in double) → linear → SiLU → linear → SiLU, one row per image. */
    private String timeFeatures(UNetConfig config) {
        int half = config.sinusoidDimension() / 2;
        double[] frequencies = new double[half];
        for (int i = 0; i < half; i++) {
            frequencies[i] = Math.exp(-Math.log(10000.0) * i / (half - 1));
        }
        String steps = node("Cast", new String[] {TIMESTEPS}, intAttribute("to", DOUBLE));
        String column = node("Unsqueeze", new String[] {steps, longs("axes", new long[] {1}, 1)});
        String angle = node("Mul", new String[] {column, tensor("frequencies", DOUBLE,
                OnnxProtobuf.littleEndian(frequencies), 1, half)});
        // ONNX Runtime's CPU Cos has no double kernel; cos a = sin(a + π/2), exact to 1e-13 in double here.
        String quarterTurn = tensor("quarter_turn", DOUBLE, OnnxProtobuf.littleEndian(new double[] {Math.PI / 2}), 1);
        String sinusoid = node("Concat", new String[] {node("Sin", new String[] {angle}),
                node("Sin", new String[] {node("Add", new String[] {angle, quarterTurn})})}, intAttribute("axis", 1));
        String rows = node("Cast", new String[] {sinusoid}, intAttribute("to", FLOAT));
        return silu(linear("time.linear2", silu(linear("time.linear1", rows))));
    }

    private String resBlock(String name, String x, String features) {
        String h = conv(name + ".conv1", silu(groupNorm(name + ".norm1", x)), 1);
        String shift = linear(name + ".time", features);
        h = node("Add", new String[] {h, node("Unsqueeze", new String[] {shift, longs("axes", new long[] {2, 3},
                2)})});
        h = conv(name + ".conv2", silu(groupNorm(name + ".norm2", h)), 1);
        boolean projected = net.layout().slices().stream().anyMatch(s -> s.name().equals(name + ".skip.weight"));
        return node("Add", new String[] {h, projected ? conv(name + ".skip", x, 1) : x});
    }

    private String conv(String name, String x, int stride) {
        ParameterLayout.Slice weight = net.layout().slice(name + ".weight");
        int kernel = weight.shape()[2];
        int pad = kernel / 2;
        return node("Conv", new String[] {x, parameter(weight, weight.shape()),
                        parameter(net.layout().slice(name + ".bias"), weight.shape()[0])},
                intsAttribute("kernel_shape", kernel, kernel), intsAttribute("strides", stride, stride),
                intsAttribute("pads", pad, pad, pad, pad));
    }

    /** y = x·W + b with W stored [in][out], Gemm's B without transposition. */
    private String linear(String name, String x) {
        ParameterLayout.Slice weight = net.layout().slice(name + ".weight");
        ParameterLayout.Slice bias = net.layout().slice(name + ".bias");
        return node("Gemm", new String[] {x, parameter(weight, weight.shape()), parameter(bias, bias.length())});
    }

    private String groupNorm(String name, String x) {
        int groups = net.config().groups();
        ParameterLayout.Slice gamma = net.layout().slice(name + ".gamma");
        int channels = gamma.length();
        String grouped = node("Reshape", new String[] {x, longs("group_shape", new long[] {0, groups, -1}, 3)});
        float[] ones = new float[groups];
        Arrays.fill(ones, 1f);
        String normed = node("InstanceNormalization", new String[] {grouped, floats("ones", ones, groups),
                floats("zeros", new float[groups], groups)}, floatAttribute("epsilon", (float) GroupNorm.EPSILON));
        String back = node("Reshape", new String[] {normed, node("Shape", new String[] {x})});
        String scaled = node("Mul", new String[] {back, parameter(gamma, channels, 1, 1)});
        return node("Add", new String[] {scaled, parameter(net.layout().slice(name + ".beta"), channels, 1, 1)});
    }

    private String silu(String x) {
        return node("Mul", new String[] {x, node("Sigmoid", new String[] {x})});
    }

    /** Adds a node with a fresh output name and returns that name. */
    private String node(String op, String[] inputs, OnnxProtobuf... attributes) {
        String output = op.toLowerCase(Locale.ROOT) + "_" + counter++;
        graph.message(1, nodeProto(op, inputs, output, attributes));
        return output;
    }

    private static OnnxProtobuf nodeProto(String op, String[] inputs, String output, OnnxProtobuf... attributes) {
        OnnxProtobuf node = new OnnxProtobuf();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output);
        node.string(3, output);
        node.string(4, op);
        for (OnnxProtobuf attribute : attributes) {
            node.message(5, attribute);
        }
        return node;
    }

    private String parameter(ParameterLayout.Slice slice, int... dims) {
        float[] values = Arrays.copyOfRange(params, slice.offset(), slice.offset() + slice.length());
        return tensor(slice.name(), FLOAT, OnnxProtobuf.littleEndian(values), dims);
    }

    private String floats(String name, float[] values, int... dims) {
        return tensor(name + "_" + counter++, FLOAT, OnnxProtobuf.littleEndian(values), dims);
    }

    private String longs(String name, long[] values, int... dims) {
        return tensor(name + "_" + counter++, INT64, OnnxProtobuf.littleEndian(values), dims);
    }

    /** Adds an initializer and returns its name. */
    private String tensor(String name, int type, byte[] raw, int... dims) {
        OnnxProtobuf tensor = new OnnxProtobuf();
        for (int d : dims) {
            tensor.varint(1, d);
        }
        tensor.varint(2, type);
        tensor.string(8, name);
        tensor.bytes(9, raw);
        graph.message(5, tensor);
        return name;
    }

    /** A graph input or output whose first dimension is the free batch size. */
    private static OnnxProtobuf valueInfo(String name, int type, int... dims) {
        OnnxProtobuf shape = new OnnxProtobuf().message(1, new OnnxProtobuf().string(2, "batch"));
        for (int d : dims) {
            shape.message(1, new OnnxProtobuf().varint(1, d));
        }
        OnnxProtobuf tensorType = new OnnxProtobuf().varint(1, type).message(2, shape);
        return new OnnxProtobuf().string(1, name).message(2, new OnnxProtobuf().message(1, tensorType));
    }

    private static OnnxProtobuf intAttribute(String name, long value) {
        return new OnnxProtobuf().string(1, name).varint(3, value).varint(20, ATTRIBUTE_INT);
    }

    private static OnnxProtobuf floatAttribute(String name, float value) {
        return new OnnxProtobuf().string(1, name).float32(2, value).varint(20, ATTRIBUTE_FLOAT);
    }

    private static OnnxProtobuf stringAttribute(String name, String value) {
        return new OnnxProtobuf().string(1, name).string(4, value).varint(20, ATTRIBUTE_STRING);
    }

    private static OnnxProtobuf intsAttribute(String name, long... values) {
        OnnxProtobuf attribute = new OnnxProtobuf().string(1, name);
        for (long v : values) {
            attribute.varint(8, v);
        }
        return attribute.varint(20, ATTRIBUTE_INTS);
    }
}
