package org.spinnoise.diffusion.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Where each named weight lives in a network's one flat {@code float[]} of parameters (and, at the same offsets, in
 * its gradient array). Optimisers, weight averages and checkpoints treat the parameters as one array; the names and
 * shapes let a checkpoint say what it holds and a test or report find one layer's weights.
 */
public final class ParameterLayout {

    /** One named parameter tensor: {@code length} floats from {@code offset}, shaped {@code shape} (row-major). */
    public record Slice(String name, int offset, int[] shape, Init init) {

        public Slice {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int length() {
            int n = 1;
            for (int d : shape) {
                n *= d;
            }
            return n;
        }

        @Override
        public String toString() {
            return name + Arrays.toString(shape) + "@" + offset;
        }
    }

    /**
     * How a slice starts before training: {@code fanIn} uniform in ±1/√fanIn (the usual default for convolution and
     * linear weights and biases), or a constant.
     */
    public record Init(int fanIn, float constant) {

        public static Init uniform(int fanIn) {
            return new Init(fanIn, 0f);
        }

        public static Init constant(float value) {
            return new Init(0, value);
        }
    }

    private final List<Slice> slices = new ArrayList<>();
    private int size;

    /** Reserves a slice and returns its offset. */
    int allocate(String name, Init init, int... shape) {
        for (Slice s : slices) {
            if (s.name().equals(name)) {
                throw new IllegalArgumentException("parameter " + name + " declared twice");
            }
        }
        Slice slice = new Slice(name, size, shape, init);
        slices.add(slice);
        size += slice.length();
        return slice.offset();
    }

    /** Total floats. */
    public int size() {
        return size;
    }

    /** All slices in offset order. */
    public List<Slice> slices() {
        return Collections.unmodifiableList(slices);
    }

    /** The slice called {@code name}. */
    public Slice slice(String name) {
        for (Slice s : slices) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no parameter called " + name);
    }

    /** Fresh parameters drawn from each slice's {@link Init} with a seeded generator. */
    public float[] initialValues(long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        float[] values = new float[size];
        for (Slice s : slices) {
            Init init = s.init();
            double bound = init.fanIn() > 0 ? 1.0 / Math.sqrt(init.fanIn()) : 0.0;
            for (int i = s.offset(); i < s.offset() + s.length(); i++) {
                values[i] = init.fanIn() > 0 ? (float) random.nextDouble(-bound, bound) : init.constant();
            }
        }
        return values;
    }
}
