package org.spinnoise.instrument;

/**
 * How the source-measure unit reads the junction: a small bias voltage (small enough never to switch it), the most
 * current it may drive, and the integration time in power-line cycles (longer is quieter and slower).
 */
public record ReadBias(double biasVolts, double currentLimitAmps, double nplc) {
    public ReadBias {
        if (!(nplc > 0)) {
            throw new IllegalArgumentException("NPLC must be positive, got " + nplc);
        }
        if (!(currentLimitAmps > 0)) {
            throw new IllegalArgumentException("current limit must be positive, got " + currentLimitAmps + " A");
        }
    }
}
