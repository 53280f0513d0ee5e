package org.spinnoise.noise;

import java.io.IOException;

/**
 * A noise source whose normals pass through {@link NoiseDiagnostics} on their way to the sampler, in draw order, so a
 * run can say whether the noise it actually used looked like N(0, 1). Raw bytes are passed through unchecked: they
 * are not normals. Closing it closes the source it wraps.
 */
public final class DiagnosedNoiseSource implements NoiseSource {
    /** Lags of the autocorrelation check: one image's worth of neighbours is far more, but these catch a sticky source. */
    public static final int LAGS = 8;

    private final NoiseSource source;
    private final NoiseDiagnostics diagnostics = new NoiseDiagnostics(LAGS);

    public DiagnosedNoiseSource(NoiseSource source) {
        this.source = source;
    }

    public NoiseDiagnostics diagnostics() {
        return diagnostics;
    }

    @Override
    public NoiseMode mode() {
        return source.mode();
    }

    @Override
    public String label() {
        return source.label();
    }

    @Override
    public void fillFloats(float[] out, int offset, int length) throws IOException {
        source.fillFloats(out, offset, length);
        diagnostics.add(out, offset, length);
    }

    @Override
    public void fillDoubles(double[] out, int offset, int length) throws IOException {
        source.fillDoubles(out, offset, length);
        for (int i = offset; i < offset + length; i++) {
            diagnostics.add(out[i]);
        }
    }

    @Override
    public void fillBytes(byte[] out, int offset, int length) throws IOException {
        source.fillBytes(out, offset, length);
    }

    @Override
    public NoiseAccount account() {
        return source.account();
    }

    @Override
    public void close() {
        source.close();
    }
}
