package org.spinnoise.diffusion.onnx;

import java.io.IOException;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;

/** A noise source handing out given normals in order, so Java and PyTorch can start from the very same values. */
final class ListedNormals implements NoiseSource {
    private final float[] values;
    private int next;

    ListedNormals(float[]... parts) {
        int total = 0;
        for (float[] p : parts) {
            total += p.length;
        }
        values = new float[total];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, values, at, p.length);
            at += p.length;
        }
    }

    @Override
    public NoiseMode mode() {
        return NoiseMode.PRNG;
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        if (next + length > values.length) {
            throw new IOException("the listed normals ran out after " + next + " values; " + length + " more asked");
        }
        System.arraycopy(values, next, out, offset, length);
        next += length;
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) {
        throw new UnsupportedOperationException("the samplers draw float normals");
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) {
        throw new UnsupportedOperationException("the samplers draw no bytes");
    }

    @Override
    public NoiseAccount account() {
        return new NoiseAccount(next, 0, next, 0);
    }

    @Override
    public void close() {
    }
}
