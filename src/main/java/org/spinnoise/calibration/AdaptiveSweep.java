package org.spinnoise.calibration;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.instrument.PulseShape;

/**
 * A switching sweep that spends its pulses where they say most about the curve, on any {@link BitSource}. A coarse
 * pass fires the plan's grid ({@code points} x {@code pulsesPerPoint}, shuffled) to bracket the transition; while the
 * curve cannot be fitted yet (the transition fell between two grid points) it adds amplitudes inside the bracket.
 * Then, round by round, it fits the sigmoid and places the next pulses greedily at the amplitudes that most increase
 * the determinant of the Fisher information of (V50, ΔV) (D-optimal design, which settles near p = 0.18 and 0.82),
 * snapped to a fine grid inside the plan's range, each round's pulses split into chunks visited in a shuffled order
 * so slow drift spreads over all amplitudes. It stops at the plan's pulse budget (write pulses, ambiguous reads
 * included; only a transition so steep that the coarse pass needs refining can overrun it, by at most
 * {@value #MAX_REFINEMENTS} x 4 x pulsesPerPoint) and refuses curves that are not sigmoids ({@link SweepVerdict}),
 * checking the coarse pass already so a flat or two-level junction costs no more than that.
 */
public final class AdaptiveSweep {
    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveSweep.class);
    /** Rounds the budget after the coarse pass is spent in; each refits before choosing amplitudes. */
    static final int ROUNDS = 6;
    /** Amplitudes chosen per round. */
    static final int AMPLITUDES_PER_ROUND = 4;
    /** Chunks each amplitude's pulses are split into within a round, so amplitudes interleave in time. */
    static final int CHUNKS = 2;
    /** Times the coarse bracket may be refined before the sweep gives up. */
    static final int MAX_REFINEMENTS = 3;
    /** Fine grid: this many steps per coarse step. */
    static final int GRID_SUBDIVISION = 8;

    private AdaptiveSweep() {
    }

    /** The measured curve, its fit and what it cost. */
    public record Result(SwitchingCurve curve, SigmoidFitResult fit, long pulses, int rounds) {
    }

    /**
     * Runs the sweep on {@code source}. A chunk's batches reach {@code recorder} once all its bits were confirmed;
     * each chunk's counts go to {@code progress}. A stop request or a source that ends fails the sweep with a
     * CalibrationException.
     */
    public static Result run(BitSource source, SweepPlan plan, long seed, Consumer<BitBatch> recorder,
                             Consumer<SwitchingPoint> progress, BooleanSupplier stopRequested) throws IOException {
        if (!plan.isAdaptive()) {
            throw new IllegalArgumentException("AdaptiveSweep needs a plan with mode \"adaptive\", got " + plan.mode());
        }
        Run run = new Run(source, plan, new Random(seed), recorder, progress, stopRequested);
        return run.execute();
    }

    private static final class Run {
        final BitSource source;
        final SweepPlan plan;
        final Random random;
        final Consumer<BitBatch> recorder;
        final Consumer<SwitchingPoint> progress;
        final BooleanSupplier stopRequested;
        final TreeMap<Double, long[]> counts = new TreeMap<>();
        final double gridVolts;
        double widthSeconds;
        long pulsesUsed;

        Run(BitSource source, SweepPlan plan, Random random, Consumer<BitBatch> recorder,
            Consumer<SwitchingPoint> progress, BooleanSupplier stopRequested) {
            this.source = source;
            this.plan = plan;
            this.random = random;
            this.recorder = recorder;
            this.progress = progress;
            this.stopRequested = stopRequested;
            this.gridVolts = (plan.stopVolts() - plan.startVolts()) / (plan.points() - 1) / GRID_SUBDIVISION;
            this.widthSeconds = plan.widthSeconds();
        }

        Result execute() throws IOException {
            List<double[]> coarse = new ArrayList<>();
            for (double v : plan.amplitudesVolts()) {
                coarse.add(new double[] {v, plan.pulsesPerPoint()});
            }
            fire(coarse, 1);
            SigmoidFitResult fit = refineUntilFittable();
            // A flat or two-level junction shows already in the coarse pass: refuse before spending the budget.
            SweepVerdict.check(name(), points(), fit);
            int rounds = 0;
            long budget = plan.pulses();
            while (pulsesUsed < budget) {
                long remaining = budget - pulsesUsed;
                long roundPulses = Math.max(remaining / (ROUNDS - Math.min(rounds, ROUNDS - 1)), 1);
                fire(design(fit, roundPulses), CHUNKS);
                rounds++;
                fit = fitOrNull();
                if (fit == null) {
                    fit = refineUntilFittable();
                }
                LOG.debug("adaptive sweep round {}: V50 {} ± {} V, ΔV {} V, {} pulses", rounds, fit.v50Volts(),
                        fit.v50StdErrVolts(), fit.deltaVolts(), pulsesUsed);
            }
            List<SwitchingPoint> points = points();
            SigmoidFitResult verdict = SweepVerdict.fitAndCheck(name(), points);
            LOG.info("adaptive sweep at {} s: V50 {} ± {} V, ΔV {} V from {} pulses at {} amplitudes in {} rounds",
                    widthSeconds, verdict.v50Volts(), verdict.v50StdErrVolts(), verdict.deltaVolts(), pulsesUsed,
                    points.size(), rounds);
            return new Result(new SwitchingCurve(widthSeconds, points), verdict, pulsesUsed, rounds);
        }

        /** Adds amplitudes inside the bracket of the transition until the sigmoid can be fitted. */
        SigmoidFitResult refineUntilFittable() throws IOException {
            for (int refinement = 0; ; refinement++) {
                SigmoidFitResult fit = fitOrNull();
                if (fit != null) {
                    return fit;
                }
                double[] bracket = bracket();
                if (refinement == MAX_REFINEMENTS || bracket == null) {
                    // Let the screen say why (one tail only, separated) in its own words.
                    SweepVerdict.fitAndCheck(name(), points());
                    throw new CalibrationException("switching sweep at " + widthSeconds + " s could not be fitted"
                            + " after " + refinement + " refinements; sweep a wider range");
                }
                List<double[]> inside = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    inside.add(new double[] {bracket[0] + (bracket[1] - bracket[0]) * i / 5, plan.pulsesPerPoint()});
                }
                fire(inside, 1);
            }
        }

        /** The measured amplitudes either side of the first crossing of one half, or null when none crosses. */
        double[] bracket() {
            Map.Entry<Double, long[]> previous = null;
            for (Map.Entry<Double, long[]> e : counts.entrySet()) {
                if (2 * e.getValue()[1] >= e.getValue()[0]) {
                    return previous == null ? null : new double[] {previous.getKey(), e.getKey()};
                }
                previous = e;
            }
            return null;
        }

        SigmoidFitResult fitOrNull() {
            try {
                return SigmoidFit.fit(points());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }

        /**
         * Greedy D-optimal allocation of {@code pulses}: each of the round's amplitudes maximises det(I + n·i(v))
         * given the information I of everything measured so far and already chosen, at the current fit.
         */
        List<double[]> design(SigmoidFitResult fit, long pulses) {
            double[] info = new double[3];
            for (Map.Entry<Double, long[]> e : counts.entrySet()) {
                accumulate(info, fit, e.getKey(), e.getValue()[0]);
            }
            List<double[]> chosen = new ArrayList<>();
            int k = (int) Math.min(AMPLITUDES_PER_ROUND, pulses);
            for (int j = 0; j < k; j++) {
                long n = pulses / k + (j < pulses % k ? 1 : 0);
                double best = Double.NaN;
                double bestDet = Double.NEGATIVE_INFINITY;
                for (double v = fit.v50Volts() - 4 * fit.deltaVolts(); v <= fit.v50Volts() + 4 * fit.deltaVolts();
                     v += Math.max(fit.deltaVolts() / 8, gridVolts / 4)) {
                    double candidate = snap(v);
                    double[] trial = info.clone();
                    accumulate(trial, fit, candidate, n);
                    double det = trial[0] * trial[2] - trial[1] * trial[1];
                    if (det > bestDet) {
                        bestDet = det;
                        best = candidate;
                    }
                }
                accumulate(info, fit, best, n);
                chosen.add(new double[] {best, n});
            }
            return chosen;
        }

        /** Adds n pulses' Fisher information about (V50, ΔV) at amplitude v: n p(1−p) g gᵀ, g = ∂η/∂(V50, ΔV). */
        static void accumulate(double[] info, SigmoidFitResult fit, double v, double n) {
            double eta = (v - fit.v50Volts()) / fit.deltaVolts();
            double p = Logistic.probability(eta);
            double w = n * p * (1 - p);
            double g0 = -1 / fit.deltaVolts();
            double g1 = -eta / fit.deltaVolts();
            info[0] += w * g0 * g0;
            info[1] += w * g0 * g1;
            info[2] += w * g1 * g1;
        }

        /** Onto the fine grid and inside the plan's range, which the recipe keeps within the hard limit. */
        double snap(double v) {
            double snapped = plan.startVolts() + Math.round((v - plan.startVolts()) / gridVolts) * gridVolts;
            return Math.min(plan.stopVolts(), Math.max(plan.startVolts(), snapped));
        }

        /** Fires (amplitude, pulses) pairs, each split into {@code chunks}, all chunks in a shuffled order. */
        void fire(List<double[]> amplitudes, int chunks) throws IOException {
            List<double[]> order = new ArrayList<>();
            for (double[] a : amplitudes) {
                long n = (long) a[1];
                for (int c = 0; c < chunks; c++) {
                    long part = n / chunks + (c < n % chunks ? 1 : 0);
                    if (part > 0) {
                        order.add(new double[] {a[0], part});
                    }
                }
            }
            Collections.shuffle(order, random);
            for (double[] chunk : order) {
                fireAt(chunk[0], (int) chunk[1]);
            }
        }

        void fireAt(double amplitudeVolts, int pulses) throws IOException {
            source.setWrite(new PulseShape(amplitudeVolts, widthSeconds));
            widthSeconds = source.write().widthSeconds();
            double actualVolts = source.write().amplitudeVolts();
            List<BitBatch> batches = new ArrayList<>();
            long switched = 0;
            int taken = 0;
            while (taken < pulses) {
                if (stopRequested.getAsBoolean()) {
                    throw new CalibrationException(String.format(Locale.ROOT, "adaptive switching sweep stopped on "
                            + "request at %.4f V after %d pulses", amplitudeVolts, pulsesUsed));
                }
                BitBatch batch = source.nextBatch(pulses - taken);
                if (batch.bitCount() == 0) {
                    throw new CalibrationException(String.format(Locale.ROOT, "adaptive switching sweep: %s ended at "
                            + "%.4f V after %d pulses", source.describe(), amplitudeVolts, pulsesUsed));
                }
                for (SourceEvent event : batch.events()) {
                    if (event.kind().equals("ambiguous")) {
                        pulsesUsed += event.bits();
                    }
                }
                switched += batch.ones();
                taken += batch.bitCount();
                batches.add(batch);
            }
            pulsesUsed += taken;
            batches.forEach(recorder);
            long[] c = counts.computeIfAbsent(actualVolts, v -> new long[2]);
            c[0] += taken;
            c[1] += switched;
            progress.accept(new SwitchingPoint(actualVolts, taken, (int) switched));
        }

        String name() {
            return String.format(Locale.ROOT, "at %.3g s", widthSeconds);
        }

        List<SwitchingPoint> points() {
            List<SwitchingPoint> out = new ArrayList<>(counts.size());
            counts.forEach((v, c) -> out.add(new SwitchingPoint(v, (int) c[0], (int) c[1])));
            return out;
        }
    }
}
