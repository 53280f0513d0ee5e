package org.spinnoise.sim;

import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A simulated VCMA magnetic tunnel junction: two states, P (low resistance, bit 0) and AP (high resistance, bit 1),
 * driven by the voltage across it. A pulse of amplitude V and width w switches P to AP (V > 0) with probability
 * {@code 1/(1+exp(-(V - V50(w))/ΔV))}, AP to P (V < 0) by the same law around {@code resetV50(w)}, with
 * {@code V50(w) = v50 + shift·log10(wRef/w) + drift·hours}. A DC level held between pulses obeys the same law with
 * the time it has been held as the width, so a level left on long enough switches the junction: the chance that it
 * switches between dwell times t1 and t2 is {@code (P(t2) − P(t1)) / (1 − P(t1))}. Any voltage whose magnitude
 * exceeds {@code breakdownVolts} breaks the barrier for good: the junction then reads {@code shortedResistanceOhms}
 * and never switches again. A read returns the state's resistance times {@code 1 + N(0, σ/√nplc)} and never
 * disturbs the state. Switching, holding and read noise draw from independent seeded streams, so equal seeds and
 * equal command sequences give equal pulse outcomes. A junction whose spec has a {@code precession} object toggles
 * instead on a positive pulse, from either state, with the probability of {@link PrecessionalToggle}; its negative
 * pulses and held levels keep the laws above. All methods are thread safe.
 */
public final class MtjJunction {
    private static final double NANOS_PER_HOUR = 3600e9;
    /** Levels smaller than this are 0 V for the records (instrument offsets are millivolts). */
    private static final double ZERO_LEVEL_VOLTS = 1e-3;

    private final JunctionSpec spec;
    private final SplittableRandom switchingRandom;
    private final SplittableRandom readRandom;
    private final SplittableRandom holdRandom;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private boolean antiparallel;
    private long pulsesApplied;
    private double heldVolts;
    private long heldSinceNanos;
    private long settledToNanos;
    private double maxAbsVolts;
    private double largestHeldVolts;
    private long nanosHeldNonZero;
    private long switchesWhileHeld;
    private boolean brokenDown;
    private double breakdownAtVolts;

    /** A junction in state P at 0 V whose drift clock starts now. */
    public MtjJunction(JunctionSpec spec, long seed) {
        this(spec, seed, System::nanoTime);
    }

    /** As above with an injectable monotonic clock in nanoseconds, so drift and holding can be tested fast. */
    MtjJunction(JunctionSpec spec, long seed, LongSupplier nanoClock) {
        this.spec = spec;
        SplittableRandom root = new SplittableRandom(seed);
        this.switchingRandom = root.split();
        this.readRandom = root.split();
        this.holdRandom = root.split();
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
        this.heldSinceNanos = startNanos;
        this.settledToNanos = startNanos;
    }

    /** Amplitude for switching probability 1/2 at the reference width, including drift so far. */
    public synchronized double v50Volts() {
        return spec.v50Volts() + driftVolts();
    }

    /** Amplitude for switching probability 1/2 at {@code widthSeconds}, including drift so far. */
    public synchronized double v50VoltsAt(double widthSeconds) {
        return v50Volts() + spec.v50ShiftVoltsPerDecade() * Math.log10(spec.referenceWidthSeconds() / widthSeconds);
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
     * amplitude, AP→P for a negative one (judged by its magnitude against the reset threshold); 0 for amplitude 0. For
     * a junction with precession a positive pulse toggles either state with {@link #toggleProbability}.
     */
    public synchronized double switchingProbability(double amplitudeVolts, double widthSeconds) {
        if (spec.precession() != null && amplitudeVolts > 0) {
            return toggleProbability(amplitudeVolts, widthSeconds);
        }
        return activatedProbability(amplitudeVolts, widthSeconds);
    }

    /**
     * Probability that a positive pulse toggles a junction with precession (either state alike), drift included; 0
     * for a junction without precession, a non-positive amplitude or a broken barrier.
     */
    public synchronized double toggleProbability(double amplitudeVolts, double widthSeconds) {
        if (!(widthSeconds > 0)) {
            throw new IllegalArgumentException("pulse width must be positive, was " + widthSeconds + " s");
        }
        if (spec.precession() == null || brokenDown) {
            return 0;
        }
        return PrecessionalToggle.probability(spec.precession(), amplitudeVolts, widthSeconds, driftVolts());
    }

    /** The precession parameters, or null for a junction that switches by the logistic law only. */
    public PrecessionSpec precession() {
        return spec.precession();
    }

    /** The thermally activated (logistic) law of pulses and held levels. */
    private double activatedProbability(double amplitudeVolts, double widthSeconds) {
        if (!(widthSeconds > 0)) {
            throw new IllegalArgumentException("pulse width must be positive, was " + widthSeconds + " s");
        }
        if (amplitudeVolts == 0 || brokenDown) {
            return 0;
        }
        double widthShiftVolts = spec.v50ShiftVoltsPerDecade() * Math.log10(spec.referenceWidthSeconds() / widthSeconds);
        double thresholdVolts = (amplitudeVolts > 0 ? spec.v50Volts() : spec.resetV50Volts()) + widthShiftVolts + driftVolts();
        return 1.0 / (1.0 + Math.exp(-(Math.abs(amplitudeVolts) - thresholdVolts) / spec.deltaVolts()));
    }

    /** Applies one pulse whose peak is {@code amplitudeVolts} across the junction; returns true if the state changed. */
    public synchronized boolean applyPulse(double amplitudeVolts, double widthSeconds) {
        settle();
        pulsesApplied++;
        see(amplitudeVolts);
        // The pulse is a state change of its own: a level held afterwards starts a fresh dwell.
        heldSinceNanos = settledToNanos;
        if (spec.precession() != null && amplitudeVolts > 0) {
            boolean toggles = !brokenDown
                    && switchingRandom.nextDouble() < toggleProbability(amplitudeVolts, widthSeconds);
            antiparallel ^= toggles;
            return toggles;
        }
        boolean actsOnCurrentState = amplitudeVolts > 0 ? !antiparallel : amplitudeVolts < 0 && antiparallel;
        if (!actsOnCurrentState || brokenDown) {
            return false;
        }
        if (switchingRandom.nextDouble() < switchingProbability(amplitudeVolts, widthSeconds)) {
            antiparallel = !antiparallel;
            return true;
        }
        return false;
    }

    /**
     * From now on the junction sits at {@code volts} (the sum of everything connected to it) until the next change;
     * the level held until now is applied first for the time it lasted.
     */
    public synchronized void hold(double volts) {
        settle();
        if (volts != heldVolts) {
            heldVolts = volts;
            heldSinceNanos = settledToNanos;
            see(volts);
            if (Math.abs(volts) > Math.abs(largestHeldVolts)) {
                largestHeldVolts = volts;
            }
        }
    }

    /** The level the junction sits at between pulses now. */
    public synchronized double heldVolts() {
        return heldVolts;
    }

    /** One noisy resistance read at an integration time of {@code nplc} power-line cycles. */
    public synchronized double readResistanceOhms(double nplc) {
        if (!(nplc > 0)) {
            throw new IllegalArgumentException("NPLC must be positive, was " + nplc);
        }
        settle();
        double sigma = spec.readNoiseRelative() / Math.sqrt(nplc);
        return trueResistanceOhms() * (1 + sigma * readRandom.nextGaussian());
    }

    /** The noiseless resistance of the present state (a short once the barrier broke down). */
    public synchronized double trueResistanceOhms() {
        if (brokenDown) {
            return spec.shortedResistanceOhms();
        }
        return antiparallel ? spec.resistanceAntiparallelOhms() : spec.resistanceParallelOhms();
    }

    /** True in the high-resistance AP state (bit 1). */
    public synchronized boolean isAntiparallel() {
        settle();
        return antiparallel;
    }

    /** Count of pulses of any sign delivered to this junction since it was created. */
    public synchronized long pulsesApplied() {
        return pulsesApplied;
    }

    /** What the junction has been through, up to now. */
    public synchronized JunctionStress stress() {
        settle();
        return new JunctionStress(maxAbsVolts, pulsesApplied, largestHeldVolts, nanosHeldNonZero / 1e9,
                switchesWhileHeld, brokenDown, breakdownAtVolts);
    }

    private void see(double volts) {
        maxAbsVolts = Math.max(maxAbsVolts, Math.abs(volts));
        if (!brokenDown && spec.breakdownVolts() > 0 && Math.abs(volts) > spec.breakdownVolts()) {
            brokenDown = true;
            breakdownAtVolts = volts;
        }
    }

    /** Applies the held level for the time since the last settlement. */
    private void settle() {
        long now = nanoClock.getAsLong();
        long elapsed = now - settledToNanos;
        if (elapsed <= 0) {
            return;
        }
        if (Math.abs(heldVolts) >= ZERO_LEVEL_VOLTS) {
            nanosHeldNonZero += elapsed;
            boolean actsOnCurrentState = heldVolts > 0 ? !antiparallel : antiparallel;
            if (actsOnCurrentState && !brokenDown) {
                double before = heldSwitchingProbability(settledToNanos - heldSinceNanos);
                double after = heldSwitchingProbability(now - heldSinceNanos);
                double chance = before >= 1 ? 1 : (after - before) / (1 - before);
                if (holdRandom.nextDouble() < chance) {
                    antiparallel = !antiparallel;
                    switchesWhileHeld++;
                    heldSinceNanos = now;
                }
            }
        }
        settledToNanos = now;
    }

    /** The switching law with the dwell time as the width; 0 before any time has passed. */
    private double heldSwitchingProbability(long dwellNanos) {
        // A held level is thermally activated even on a junction with precession: the toggle law is for pulses.
        return dwellNanos <= 0 ? 0 : activatedProbability(heldVolts, dwellNanos / 1e9);
    }

    private double driftVolts() {
        return spec.v50DriftVoltsPerHour() * (nanoClock.getAsLong() - startNanos) / NANOS_PER_HOUR;
    }
}
