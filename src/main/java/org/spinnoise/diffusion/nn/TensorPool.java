package org.spinnoise.diffusion.nn;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The feature maps of one thread's inference passes, handed back when dead and handed out again. A new Java array is
 * cleared before use, and the U-Net's inference pass would clear 2.8 MB per image that way, at about 10 GB/s on this
 * project's test machine some 7 % of the pass, besides pushing live data out of the caches; the layers then write
 * every element anyway. So {@link #take} returns a tensor whose contents are left over from earlier use, for a
 * caller that writes all of it, and {@link #give} takes back one nothing will read again. Arrays are kept by length,
 * up to {@link #MOST_FLOATS_KEPT} floats in all; beyond that a given array is left to the garbage collector.
 * One pool per thread ({@link #ofThisThread}), so it needs no locks.
 */
final class TensorPool {

    /** 16 M floats, 64 MB: what a pass over about 50 images leaves here (1.29 MB per image, measured). */
    static final long MOST_FLOATS_KEPT = 16L << 20;

    private static final ThreadLocal<TensorPool> POOLS = ThreadLocal.withInitial(TensorPool::new);

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private long floatsKept;

    private TensorPool() {
    }

    /** This thread's pool. */
    static TensorPool ofThisThread() {
        return POOLS.get();
    }

    /** A tensor of this shape whose every element the caller will write: its contents are undefined. */
    Tensor take(int channels, int batch, int height, int width) {
        int length = channels * batch * height * width;
        ArrayDeque<float[]> arrays = free.get(length);
        float[] data = arrays == null ? null : arrays.pollLast();
        if (data == null) {
            data = new float[length];
        } else {
            floatsKept -= length;
        }
        return new Tensor(data, channels, batch, height, width);
    }

    /** Takes back {@code tensor}'s array; the caller and everyone else must not read or write it again. */
    void give(Tensor tensor) {
        float[] data = tensor.data();
        if (floatsKept + data.length > MOST_FLOATS_KEPT) {
            return;
        }
        free.computeIfAbsent(data.length, length -> new ArrayDeque<>()).addLast(data);
        floatsKept += data.length;
    }

    /** Floats held for reuse now. */
    long floatsKept() {
        return floatsKept;
    }
}
