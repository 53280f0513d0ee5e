package org.spinnoise.diffusion.nn;

import java.util.ArrayList;
import java.util.List;
import org.spinnoise.diffusion.ImageShape;
import org.spinnoise.diffusion.TrainableDenoiser;

/**
 * A {@link UNet} with its parameter array, as the samplers and the training loop see it. A batch is split into
 * equal parts, one per thread (the caller's thread runs the first), each running the whole network on its images;
 * group normalisation is per image, so the split changes nothing but speed, and the parts' parameter gradients are
 * summed at the end. With fewer images than threads (sampling one image), each layer call of the forward pass is
 * split across the spare threads instead ({@link Kernels#withThreads}).
 */
public final class UNetDenoiser implements TrainableDenoiser {

    private final UNet network;
    private final float[] parameters;
    private final Kernels kernels;
    private final int threads;

    /** Uses {@link Kernels#best()} and one thread per available processor. */
    public UNetDenoiser(UNet network, float[] parameters) {
        this(network, parameters, Kernels.best(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * @param parameters the live parameter array, used in place (not copied)
     * @param threads    most threads one call uses
     */
    public UNetDenoiser(UNet network, float[] parameters, Kernels kernels, int threads) {
        if (parameters.length != network.parameterCount()) {
            throw new IllegalArgumentException("the network has " + network.parameterCount()
                    + " parameters, the array " + parameters.length);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.network = network;
        this.parameters = parameters;
        this.kernels = kernels;
        this.threads = threads;
    }

    public UNet network() {
        return network;
    }

    public Kernels kernels() {
        return kernels;
    }

    public int threads() {
        return threads;
    }

    @Override
    public ImageShape shape() {
        return network.config().image();
    }

    @Override
    public float[] parameters() {
        return parameters;
    }

    @Override
    public void predictNoise(float[] x, int batch, int[] timesteps, float[] epsOut) {
        check(x, batch, timesteps, epsOut);
        int values = shape().values();
        // Fewer images than threads (batch 1 in sampling): the threads left over split each layer call instead.
        int parts = Math.min(threads, batch);
        Kernels partKernels = parts < threads ? kernels.withThreads(threads / parts) : kernels;
        runParts(batch, (first, count) -> {
            Tensor out = network.forward(parameters, slice(x, first, count), slice(timesteps, first, count),
                    partKernels, null);
            toImageMajor(out, epsOut, first * values);
            return 0.0;
        });
    }

    @Override
    public double lossAndGradient(float[] x, int batch, int[] timesteps, float[] epsTarget, float[] gradientOut) {
        check(x, batch, timesteps, epsTarget);
        if (gradientOut.length != parameters.length) {
            throw new IllegalArgumentException("gradient array has " + gradientOut.length + " floats, the network "
                    + parameters.length + " parameters");
        }
        int values = shape().values();
        double scale = 2.0 / ((double) values * batch);
        List<float[]> partGradients = new ArrayList<>();
        int parts = Math.min(threads, batch);
        for (int p = 0; p < parts; p++) {
            partGradients.add(p == 0 ? gradientOut : new float[parameters.length]);
        }
        java.util.Arrays.fill(gradientOut, 0f);
        double squares = runParts(batch, (first, count) -> {
            UNet.Trace trace = new UNet.Trace();
            Tensor out = network.forward(parameters, slice(x, first, count), slice(timesteps, first, count), kernels,
                    trace);
            Tensor target = slice(epsTarget, first, count);
            float[] predicted = out.data();
            float[] wanted = target.data();
            float[] dOut = new float[predicted.length];
            double sum = 0;
            for (int i = 0; i < predicted.length; i++) {
                double error = (double) predicted[i] - wanted[i];
                sum += error * error;
                dOut[i] = (float) (scale * error);
            }
            int part = partIndex(batch, parts, first);
            network.backward(parameters, partGradients.get(part), trace, new Tensor(dOut, out.channels(),
                    out.batch(), out.height(), out.width()), kernels);
            return sum;
        });
        for (int p = 1; p < parts; p++) {
            FeatureMaps.addInto(gradientOut, partGradients.get(p));
        }
        return squares / ((double) values * batch);
    }

    @FunctionalInterface
    private interface Part {
        double run(int first, int count);
    }

    /** Runs the parts of the batch, the first on this thread; returns the sum of their results. */
    private double runParts(int batch, Part part) {
        int parts = Math.min(threads, batch);
        double[] results = new double[parts];
        Parallel.run(parts, p -> {
            int first = partStart(batch, parts, p);
            results[p] = part.run(first, partStart(batch, parts, p + 1) - first);
        });
        double total = 0;
        for (double result : results) {
            total += result;
        }
        return total;
    }

    private static int partStart(int batch, int parts, int p) {
        return (int) ((long) batch * p / parts);
    }

    private static int partIndex(int batch, int parts, int first) {
        for (int p = 0; p < parts; p++) {
            if (partStart(batch, parts, p) == first) {
                return p;
            }
        }
        throw new IllegalStateException("no part starts at image " + first);
    }

    /** Images first … first+count−1 of an NCHW batch as a channel-major tensor. */
    private Tensor slice(float[] images, int first, int count) {
        ImageShape shape = shape();
        int area = shape.height() * shape.width();
        float[] data = new float[count * shape.values()];
        for (int n = 0; n < count; n++) {
            for (int c = 0; c < shape.channels(); c++) {
                System.arraycopy(images, ((first + n) * shape.channels() + c) * area, data, (c * count + n) * area,
                        area);
            }
        }
        return new Tensor(data, shape.channels(), count, shape.height(), shape.width());
    }

    private static int[] slice(int[] timesteps, int first, int count) {
        return java.util.Arrays.copyOfRange(timesteps, first, first + count);
    }

    private static void toImageMajor(Tensor t, float[] out, int offset) {
        int area = t.height() * t.width();
        for (int n = 0; n < t.batch(); n++) {
            for (int c = 0; c < t.channels(); c++) {
                System.arraycopy(t.data(), (c * t.batch() + n) * area, out, offset + (n * t.channels() + c) * area,
                        area);
            }
        }
    }

    private void check(float[] x, int batch, int[] timesteps, float[] other) {
        int values = shape().values(batch);
        if (batch < 1 || x.length < values || other.length < values || timesteps.length < batch) {
            throw new IllegalArgumentException("a batch of " + batch + " images of " + shape() + " needs " + values
                    + " values and " + batch + " timesteps; got " + x.length + ", " + other.length + " and "
                    + timesteps.length);
        }
    }
}
