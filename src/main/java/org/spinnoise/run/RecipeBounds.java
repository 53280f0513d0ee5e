package org.spinnoise.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.ToggleMapPlan;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.instrument.ReconnectPolicy;
import org.spinnoise.instrument.SafetyLimits;

/**
 * Checks a whole recipe before any instrument is touched: every stage's amplitudes and currents against the recipe's
 * own safety limits (the threshold stage's set and reset pulses and read bias, every sweep amplitude, every toggle-map
 * amplitude), and every number against bounds of physical plausibility. The SCPI session still refuses an unsafe
 * setting as it is sent, but by then the stages before it have pulsed the junction; this check refuses the recipe
 * whole, first.
 *
 * <p>The plausibility bounds are wide: they do not judge a device, they catch a slip (1000 for 1.0, seconds for
 * nanoseconds) before it reaches a junction that one wrong pulse destroys. Each says why beside it. The drift
 * tracker's moves are not checked here: they depend on the fit, and the tracker keeps within the calibrated range and
 * the session within the limits.
 */
final class RecipeBounds {
    /**
     * Narrowest write or reset pulse a recipe may ask for: 10 ps. Precessional (toggle) switching uses pulses of some
     * hundred picoseconds; nothing a bench or board makes is shorter than this, so a smaller number is a unit slip.
     */
    static final double MIN_PULSE_SECONDS = 1e-11;
    /**
     * Widest pulse: 1 s. A longer "pulse" is DC stress on the barrier, not a write, and most likely milliseconds or
     * nanoseconds written as seconds.
     */
    static final double MAX_PULSE_SECONDS = 1.0;
    /**
     * Longest read integration: 100 power-line cycles (1.7 to 2 s per read). Longer reads make no bit in useful time;
     * shorter than 1e-4 PLC (a few microseconds) is below any SMU's aperture and a unit slip.
     */
    static final double MIN_NPLC = 1e-4;
    static final double MAX_NPLC = 100;
    /** Most bits one run may ask for: 10^13, months of a board streaming at Mbit/s; more is a typo. */
    static final long MAX_BITS = 10_000_000_000_000L;
    /** Most pulses one calibration stage may plan: 10^9, days on a bench; more is a typo. */
    static final long MAX_STAGE_PULSES = 1_000_000_000L;
    /** Most amplitudes a sweep may visit: 10,000, finer than any generator's amplitude resolution over a volt. */
    static final int MAX_SWEEP_POINTS = 10_000;
    /** Most reads per resistance state: 10^6; the threshold's statistics settle within thousands. */
    static final int MAX_READS_PER_STATE = 1_000_000;
    /** Health tests' false-alarm rate 2^k: k from -64 (cutoffs beyond any window) to -8 (an alarm every 256 tests). */
    static final int MIN_FALSE_ALARM_LOG2 = -64;
    static final int MAX_FALSE_ALARM_LOG2 = -8;
    /** Reconnects: at most 1,000 attempts and an hour's wait between two; more leaves a run hanging, not recovering. */
    static final int MAX_RECONNECT_ATTEMPTS = 1000;
    static final double MAX_BACKOFF_SECONDS = 3600;

    private final List<String> problems = new ArrayList<>();

    private RecipeBounds() {
    }

    /**
     * The first problem with {@code plan}, as "field: what is wrong; what to do", or null when it may run. Limits come
     * first: an implausible limit makes every comparison against it meaningless.
     */
    static String problem(AcquisitionPlan plan) {
        RecipeBounds b = new RecipeBounds();
        b.check(plan);
        return b.problems.isEmpty() ? null : b.problems.get(0);
    }

    private void check(AcquisitionPlan p) {
        Object[] sections = {p.limits(), p.wiring(), p.read(), p.reset(), p.levels(), p.sweep(), p.health()};
        String[] names = {"limits", "wiring", "read", "reset", "levels", "sweep", "health"};
        for (int i = 0; i < sections.length; i++) {
            if (sections[i] == null) {
                problems.add("field " + names[i] + ": missing or null; every recipe needs it (see "
                        + "calibration/recipes/demo.json)");
                return;
            }
        }
        SafetyLimits limits = p.limits();
        String limitProblem = limits.plausibilityProblem();
        if (limitProblem != null) {
            problems.add(limitProblem);
            return;
        }
        double maxVolts = limits.maxJunctionVolts();
        within("wiring.writeChannel", p.wiring().writeChannel(), 1, 16);
        within("wiring.resetChannel", p.wiring().resetChannel(), 1, 16);
        // Read bias: never more than the limits, and below the sweep's lowest write so a read never switches the bit.
        finite("read.biasVolts", p.read().biasVolts());
        if (p.read().biasVolts() == 0) {
            problems.add("field read.biasVolts: 0 V reads no resistance; give a small bias such as 0.1");
        }
        volts("read.biasVolts", p.read().biasVolts(), maxVolts);
        amps("read.currentLimitAmps", p.read().currentLimitAmps(), limits.maxCurrentAmps());
        within("read.nplc", p.read().nplc(), MIN_NPLC, MAX_NPLC);
        // Threshold stage: the set and reset pulses.
        volts("reset.amplitudeVolts", p.reset().amplitudeVolts(), maxVolts);
        width("reset.widthSeconds", p.reset().widthSeconds());
        volts("levels.setAmplitudeVolts", p.levels().setAmplitudeVolts(), maxVolts);
        if (!(p.levels().setAmplitudeVolts() > 0)) {
            problems.add("field levels.setAmplitudeVolts: must be positive (it writes the high-resistance state), got "
                    + p.levels().setAmplitudeVolts());
        }
        within("levels.readsPerState", p.levels().readsPerState(), 10, MAX_READS_PER_STATE);
        if (!p.switching().toggling()) {
            sweep(p.sweep(), maxVolts, p.read().biasVolts());
        } else {
            // No sweep runs; its width is the threshold stage's set pulse.
            width("sweep.widthSeconds", p.sweep().widthSeconds());
            toggle(p.switching().toggle(), maxVolts);
        }
        within("bits", p.bits(), 1, MAX_BITS);
        if (!(p.health().claimedEntropyPerBit() > 0 && p.health().claimedEntropyPerBit() <= 1)) {
            problems.add("field health.claimedEntropyPerBit: must be in (0, 1] bits of min-entropy per raw bit, got "
                    + p.health().claimedEntropyPerBit());
        }
        within("health.falseAlarmLog2", p.health().falseAlarmLog2(), MIN_FALSE_ALARM_LOG2, MAX_FALSE_ALARM_LOG2);
        reconnect(p.reconnect());
        tracking(p.tracking());
    }

    private void sweep(SweepPlan s, double maxVolts, double biasVolts) {
        volts("sweep.stopVolts", s.stopVolts(), maxVolts);
        if (Math.abs(biasVolts) >= s.startVolts()) {
            problems.add(String.format(Locale.ROOT, "field read.biasVolts: %s V is not below the sweep's lowest "
                    + "write (sweep.startVolts %s V), so every read could switch the junction; lower the bias",
                    biasVolts, s.startVolts()));
        }
        within("sweep.points", s.points(), 3, MAX_SWEEP_POINTS);
        within("sweep.pulsesPerPoint", s.pulsesPerPoint(), 1, MAX_STAGE_PULSES);
        width("sweep.widthSeconds", s.widthSeconds());
        if (s.pulses() != null) {
            within("sweep.pulses", s.pulses(), 1, MAX_STAGE_PULSES);
        }
        if (s.widthsSeconds() != null) {
            for (int i = 0; i < s.widthsSeconds().size(); i++) {
                width("sweep.widthsSeconds[" + i + "]", s.widthsSeconds().get(i));
            }
        }
    }

    private void toggle(ToggleMapPlan t, double maxVolts) {
        volts("switching.toggle.maxVolts", t.maxVolts(), maxVolts);
        width("switching.toggle.minWidthSeconds", t.minWidthSeconds());
        width("switching.toggle.maxWidthSeconds", t.maxWidthSeconds());
        if (t.pulses() > MAX_STAGE_PULSES) {
            problems.add("field switching.toggle: its map and sweeps plan " + t.pulses() + " pulses, more than "
                    + MAX_STAGE_PULSES + "; use fewer points or pulses");
        }
    }

    private void reconnect(ReconnectPolicy r) {
        within("reconnect.attempts", r.attempts(), 1, MAX_RECONNECT_ATTEMPTS);
        within("reconnect.firstBackoffSeconds", r.firstBackoffSeconds(), 0, MAX_BACKOFF_SECONDS);
        within("reconnect.capSeconds", r.capSeconds(), 0, MAX_BACKOFF_SECONDS);
        within("reconnect.factor", r.factor(), 1, 100);
    }

    private void tracking(TrackingPlan t) {
        // The window is a count of bits held in memory at once; the rest are multiples of the fitted width ΔV.
        within("tracking.windowBits", t.windowBits(), 64, 100_000_000);
        within("tracking.memoryWindows", t.memoryWindows(), 2, 1_000_000);
        within("tracking.significanceSigmas", t.significanceSigmas(), 0, 20);
        within("tracking.maxStepDeltas", t.maxStepDeltas(), 0, 100);
        within("tracking.rangeDeltas", t.rangeDeltas(), 0, 1000);
    }

    /** An amplitude the stage would put across the junction: never beyond the limit. */
    private void volts(String field, double volts, double maxVolts) {
        if (!finite(field, volts)) {
            return;
        }
        if (Math.abs(volts) > maxVolts) {
            problems.add(String.format(Locale.ROOT, "field %s: %s V exceeds the safety limit of %s V across the "
                    + "junction (limits.maxJunctionVolts, or --max-volts); lower it or, if the device takes it, "
                    + "raise the limit", field, volts, maxVolts));
        }
    }

    private void amps(String field, double amps, double maxAmps) {
        if (finite(field, amps) && Math.abs(amps) > maxAmps) {
            problems.add(String.format(Locale.ROOT, "field %s: %s A exceeds the safety limit of %s A through the "
                    + "junction (limits.maxCurrentAmps, or --max-amps); lower it or raise the limit", field, amps,
                    maxAmps));
        }
    }

    private void width(String field, double seconds) {
        within(field, seconds, MIN_PULSE_SECONDS, MAX_PULSE_SECONDS);
    }

    private boolean finite(String field, double value) {
        if (!Double.isFinite(value)) {
            problems.add("field " + field + ": must be a finite number, got " + value);
            return false;
        }
        return true;
    }

    private void within(String field, double value, double min, double max) {
        if (finite(field, value) && (value < min || value > max)) {
            problems.add("field " + field + ": " + plain(value) + " is outside the plausible range " + plain(min)
                    + " .. " + plain(max) + "; check its unit (see calibration/README.md)");
        }
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 9e18 ? String.valueOf((long) v) : String.valueOf(v);
    }
}
