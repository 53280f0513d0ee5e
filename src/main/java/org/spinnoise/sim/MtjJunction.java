package org.spinnoise.sim;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A simulated VCMA magnetic tunnel junction: two states, P (low resistance, bit 0) and AP (high resistance, bit 1).
 * A positive pulse switches P to AP with probability {@code 1/(1+exp(-(V - V50(w))/ΔV))}; a negative pulse switches AP
 * to P with the same law around {@code resetV50(w)}; pulses that push towards the state already held do nothing.
 * {@code V50(w) = v50 + shift·log10(wRef/w) + drift·hours}, and the same width shift and drift move the reset
 * threshold. A read returns the state's resistance times {@code 1 + N(0, σ/√nplc)} and never disturbs the state.
 * Switching and read noise draw from two independent seeded streams, so equal seeds and equal command sequences give
 * equal results, and extra reads never change which pulses switch. All methods are thread safe.
 */
public final class MtjJunction {
    private static final double NANOS_PER_HOUR = 3600e9;

    private final JunctionSpec spec;
    private final SplittableRandom switchingRandom;
    private final SplittableRandom readRandom;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private boolean antiparallel;
    private long pulsesApplied;

    /** A junction in state P whose drift clock starts now. */
    public MtjJunction(JunctionSpec spec, long seed) {
        this(spec, seed, System::nanoTime);
    }

    /** As above with an injectable monotonic clock in nanoseconds, so drift can be tested without waiting hours. */
    MtjJunction(JunctionSpec spec, long seed, LongSupplier nanoClock) {
        this.spec = spec;
        SplittableRandom root = new SplittableRandom(seed);
        this.switchingRandom = root.split();
        this.readRandom = root.split();
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    /** Amplitude for switching probability 1/2 at the reference width, including drift so far. */
    public synchronized double v50Volts() {
        return spec.v50Volts() + driftVolts();
    }

    public double deltaVolts() {
        return spec.deltaVolts();
    }

    /** Magnitude of the negative amplitude that resets AP to P with probability 1/2 at the reference width. */
    public synchronized double resetV50Volts() {
        return spec.resetV50Volts() + driftVolts();
    }

    public double referenceWidthSeconds() {
        return spec.referenceWidthSeconds();
    }

    public double resistanceParallelOhms() {
        return spec.resistanceParallelOhms();
    }

    public double resistanceAntiparallelOhms() {
        return spec.resistanceAntiparallelOhms();
    }

    public double readNoiseRelative() {
        return spec.readNoiseRelative();
    }

    /**
     * Probability that one pulse switches the junction out of the state that pulse acts on: P→AP for a positive
     * amplitude, AP→P for a negative one (judged by its magnitude against the reset threshold); 0 for amplitude 0.
     */
    public synchronized double switchingProbability(double amplitudeVolts, double widthSeconds) {
        if (!(widthSeconds > 0)) {
            throw new IllegalArgumentException("pulse width must be positive, was " + widthSeconds + " s");
        }
        if (amplitudeVolts == 0) {
            return 0;
        }
        double widthShiftVolts = spec.v50ShiftVoltsPerDecade() * Math.log10(spec.referenceWidthSeconds() / widthSeconds);
        double thresholdVolts = (amplitudeVolts > 0 ? spec.v50Volts() : spec.resetV50Volts()) + widthShiftVolts + driftVolts();
        return 1.0 / (1.0 + Math.exp(-(Math.abs(amplitudeVolts) - thresholdVolts) / spec.deltaVolts()));
    }

    /** Applies one pulse; returns true if the state changed. */
    public synchronized boolean applyPulse(double amplitudeVolts, double widthSeconds) {
        pulsesApplied++;
        boolean actsOnCurrentState = amplitudeVolts > 0 ? !antiparallel : amplitudeVolts < 0 && antiparallel;
        if (!actsOnCurrentState) {
            return false;
        }
        if (switchingRandom.nextDouble() < switchingProbability(amplitudeVolts, widthSeconds)) {
            antiparallel = !antiparallel;
            return true;
        }
        return false;
    }

    /** One noisy resistance read at an integration time of {@code nplc} power-line cycles. */
    public synchronized double readResistanceOhms(double nplc) {
        if (!(nplc > 0)) {
            throw new IllegalArgumentException("NPLC must be positive, was " + nplc);
        }
        double sigma = spec.readNoiseRelative() / Math.sqrt(nplc);
        return trueResistanceOhms() * (1 + sigma * readRandom.nextGaussian());
    }

    /** The noiseless resistance of the present state. */
    public synchronized double trueResistanceOhms() {
        return antiparallel ? spec.resistanceAntiparallelOhms() : spec.resistanceParallelOhms();
    }

    /** True in the high-resistance AP state (bit 1). */
    public synchronized boolean isAntiparallel() {
        return antiparallel;
    }

    /** Count of pulses of any sign delivered to this junction since it was created. */
    public synchronized long pulsesApplied() {
        return pulsesApplied;
    }

    private double driftVolts() {
        return spec.v50DriftVoltsPerHour() * (nanoClock.getAsLong() - startNanos) / NANOS_PER_HOUR;
    }
}
