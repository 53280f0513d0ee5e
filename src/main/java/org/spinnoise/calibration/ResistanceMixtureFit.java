package org.spinnoise.calibration;

import java.util.Arrays;
import java.util.Locale;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.ResistanceMixture.ThresholdRule;

/**
 * Fits a two-component Gaussian mixture (parallel and antiparallel state) to resistance reads by expectation
 * maximisation, started from the robust median/MAD split. Reads may carry the state they were meant to be in (0, 1) or
 * none (-1, e.g. reads taken at the operating point). The two Gaussians are shared by all reads; each group of reads
 * (meant parallel, meant antiparallel, unlabelled) has its own weight, so a set pulse that occasionally fails to switch
 * moves a few labelled reads to the other state instead of widening a state's spread. Refuses (CalibrationException)
 * when the states overlap too much (fewer than {@link ThresholdCalibration#MIN_MARGIN_SIGMAS} sigmas of read noise
 * between them), when the reads show one state only, or when most reads meant antiparallel are parallel (the set
 * pulse did not move the junction).
 */
public final class ResistanceMixtureFit {
    /** A read becomes a bit only when its state is at least this probable; others are ambiguous. */
    public static final double DEFAULT_CONFIDENCE = 1 - 1e-6;
    private static final int MAX_ITERATIONS = 1000;
    private static final double LOG_LIKELIHOOD_TOLERANCE = 1e-12;
    private static final double WEIGHT_FLOOR = 1e-12;
    /** Effective reads a state needs before its mean and spread mean anything. */
    private static final double MIN_STATE_READS = 3;

    private ResistanceMixtureFit() {
    }

    /** Fits reads without labels (all taken at one operating point). */
    public static ResistanceMixture fitUnlabelled(double[] ohms, double confidence) throws CalibrationException {
        int[] none = new int[ohms.length];
        Arrays.fill(none, -1);
        return fit(ohms, none, confidence);
    }

    /**
     * Fits reads; {@code intendedBits[i]} is 0 or 1 when read i was taken after a pulse meant to leave that state,
     * -1 when unknown.
     */
    public static ResistanceMixture fit(double[] ohms, int[] intendedBits, double confidence)
            throws CalibrationException {
        if (ohms.length != intendedBits.length) {
            throw new IllegalArgumentException(ohms.length + " reads but " + intendedBits.length + " labels");
        }
        if (!(confidence > 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("guard-band confidence must be between 1/2 and 1, got " + confidence);
        }
        if (ohms.length < 2 * MIN_STATE_READS) {
            throw new CalibrationException("resistance mixture fit: only " + ohms.length
                    + " reads; take at least 10 per state");
        }
        Em em = Em.start(ohms, intendedBits);
        int iterations = em.run();
        return em.result(iterations, confidence);
    }

    /** The EM state: the two Gaussians and the parallel weight of each read group (0, 1, unlabelled). */
    private static final class Em {
        final double[] r;
        final int[] group;
        final int[] groupSize = new int[3];
        final double[] weightP = {0.99, 0.01, 0.5};
        double muP;
        double sdP;
        double muAp;
        double sdAp;
        double effP;
        double effAp;

        Em(double[] r, int[] labels) {
            this.r = r;
            this.group = new int[r.length];
            for (int i = 0; i < r.length; i++) {
                int g = labels[i] == 0 ? 0 : labels[i] == 1 ? 1 : 2;
                if (labels[i] != 0 && labels[i] != 1 && labels[i] != -1) {
                    throw new IllegalArgumentException("read " + i + " has label " + labels[i] + "; use 0, 1 or -1");
                }
                group[i] = g;
                groupSize[g]++;
            }
        }

        static Em start(double[] ohms, int[] labels) throws CalibrationException {
            Em em = new Em(ohms, labels);
            if (em.groupSize[0] >= MIN_STATE_READS && em.groupSize[1] >= MIN_STATE_READS) {
                em.startFrom(select(ohms, labels, 0), select(ohms, labels, 1));
            } else {
                em.startFromMedianSplit();
            }
            return em;
        }

        private static double[] select(double[] ohms, int[] labels, int label) {
            return java.util.stream.IntStream.range(0, ohms.length).filter(i -> labels[i] == label)
                    .mapToDouble(i -> ohms[i]).toArray();
        }

        private void startFrom(double[] low, double[] high) {
            ResistanceStats p = ResistanceStats.of(low);
            ResistanceStats ap = ResistanceStats.of(high);
            muP = p.medianOhms();
            sdP = floorSigma(p.sigmaOhms(), muP);
            muAp = ap.medianOhms();
            sdAp = floorSigma(ap.sigmaOhms(), muAp);
            weightP[2] = 0.5;
        }

        /** Unlabelled start: split at the median, then move the split to the equal-error point of the two halves. */
        private void startFromMedianSplit() throws CalibrationException {
            double[] sorted = r.clone();
            Arrays.sort(sorted);
            double split = sorted[sorted.length / 2];
            for (int pass = 0; pass < 20; pass++) {
                int below = 0;
                while (below < sorted.length && sorted[below] <= split) {
                    below++;
                }
                if (below < MIN_STATE_READS || sorted.length - below < MIN_STATE_READS) {
                    throw oneState();
                }
                double[] low = Arrays.copyOfRange(sorted, 0, below);
                double[] high = Arrays.copyOfRange(sorted, below, sorted.length);
                startFrom(low, high);
                weightP[2] = (double) below / sorted.length;
                double next = Threshold.between(muP, sdP, muAp, sdAp).ohms();
                if (next == split) {
                    break;
                }
                split = next;
            }
        }

        CalibrationException oneState() {
            return new CalibrationException(String.format(Locale.ROOT, "resistance mixture fit: the %d reads show one "
                    + "state only (%.1f to %.1f ohm); check that the pulses switch the junction and that the read "
                    + "bias reaches it", r.length, Arrays.stream(r).min().orElse(0), Arrays.stream(r).max().orElse(0)));
        }

        int run() throws CalibrationException {
            double previous = Double.NEGATIVE_INFINITY;
            double[] resp = new double[r.length];
            for (int it = 1; it <= MAX_ITERATIONS; it++) {
                double ll = expectation(resp);
                maximisation(resp);
                if (Math.abs(ll - previous) < LOG_LIKELIHOOD_TOLERANCE * (1 + Math.abs(ll))) {
                    return it;
                }
                previous = ll;
            }
            return MAX_ITERATIONS;
        }

        /** Fills each read's probability of the parallel state; returns the log-likelihood. */
        double expectation(double[] resp) {
            double ll = 0;
            for (int i = 0; i < r.length; i++) {
                double w = weightP[group[i]];
                double a = Math.log(w) + logNormal(r[i], muP, sdP);
                double b = Math.log1p(-w) + logNormal(r[i], muAp, sdAp);
                double max = Math.max(a, b);
                double log = max + Math.log(Math.exp(a - max) + Math.exp(b - max));
                resp[i] = Math.exp(a - log);
                ll += log;
            }
            return ll;
        }

        void maximisation(double[] resp) throws CalibrationException {
            double np = 0;
            double nap = 0;
            double sp = 0;
            double sap = 0;
            double[] groupP = new double[3];
            for (int i = 0; i < r.length; i++) {
                np += resp[i];
                nap += 1 - resp[i];
                sp += resp[i] * r[i];
                sap += (1 - resp[i]) * r[i];
                groupP[group[i]] += resp[i];
            }
            if (np < MIN_STATE_READS || nap < MIN_STATE_READS) {
                throw oneState();
            }
            muP = sp / np;
            muAp = sap / nap;
            double vp = 0;
            double vap = 0;
            for (int i = 0; i < r.length; i++) {
                vp += resp[i] * (r[i] - muP) * (r[i] - muP);
                vap += (1 - resp[i]) * (r[i] - muAp) * (r[i] - muAp);
            }
            sdP = floorSigma(Math.sqrt(vp / np), muP);
            sdAp = floorSigma(Math.sqrt(vap / nap), muAp);
            effP = np;
            effAp = nap;
            for (int g = 0; g < 3; g++) {
                if (groupSize[g] > 0) {
                    weightP[g] = Math.min(1 - WEIGHT_FLOOR, Math.max(WEIGHT_FLOOR, groupP[g] / groupSize[g]));
                }
            }
        }

        ResistanceMixture result(int iterations, double confidence) throws CalibrationException {
            if (muAp < muP) {
                // The labels (or the split) named the states the wrong way round.
                throw new CalibrationException(String.format(Locale.ROOT, "resistance mixture fit: the reads meant "
                        + "antiparallel (%.1f ohm) lie below those meant parallel (%.1f ohm); check the pulse "
                        + "polarities and the channel wiring", muAp, muP));
            }
            if (groupSize[1] > 0 && weightP[1] > 0.5) {
                throw new CalibrationException(String.format(Locale.ROOT, "resistance mixture fit: %.0f %% of the "
                        + "reads after the set pulse are in the parallel state (%.1f ohm): the set pulse did not move "
                        + "the junction; raise the set amplitude or check the write channel's wiring",
                        100 * weightP[1], muP));
            }
            double margin = (muAp - muP) / (sdP + sdAp);
            if (margin < ThresholdCalibration.MIN_MARGIN_SIGMAS) {
                throw new CalibrationException(String.format(Locale.ROOT, "the two states are only %.1f sigma of "
                        + "read noise apart (%.1f ± %.1f ohm vs %.1f ± %.1f ohm; need %.0f); raise NPLC to average "
                        + "the read noise down", margin, muP, sdP, muAp, sdAp, ThresholdCalibration.MIN_MARGIN_SIGMAS));
            }
            boolean weightKnown = groupSize[2] > 0;
            double w = weightKnown ? weightP[2] : 0.5;
            ThresholdRule rule = weightKnown ? ThresholdRule.EQUAL_WEIGHTED_DENSITY : ThresholdRule.EQUAL_ERROR;
            double t = weightKnown ? solveLogOdds(w, 0, muP, muAp)
                    : (muP * sdAp + muAp * sdP) / (sdP + sdAp);
            double errorP = NormalTail.upper((t - muP) / sdP);
            double errorAp = NormalTail.upper((muAp - t) / sdAp);
            double readError = w * errorP + (1 - w) * errorAp;
            double k = Math.log(confidence / (1 - confidence));
            double atT = logOdds(t, w);
            double high = atT >= k ? t : solveLogOdds(w, k, t, Math.max(t, muAp));
            double low = atT <= -k ? t : solveLogOdds(w, -k, Math.min(t, muP), t);
            return new ResistanceMixture(r.length, muP, sdP, muAp, sdAp, sdP / Math.sqrt(effP), sdAp / Math.sqrt(effAp),
                    sdP / Math.sqrt(2 * effP), sdAp / Math.sqrt(2 * effAp), w, rule, t, readError, confidence, low,
                    high, iterations);
        }

        /** log of P(antiparallel | r) / P(parallel | r) at parallel weight w; increasing between the two means. */
        double logOdds(double ohms, double w) {
            return Math.log1p(-w) + logNormal(ohms, muAp, sdAp) - Math.log(w) - logNormal(ohms, muP, sdP);
        }

        /** The resistance in [lo, hi] where the log-odds equal {@code target} (an end when it is never reached). */
        double solveLogOdds(double w, double target, double lo, double hi) {
            if (logOdds(lo, w) >= target) {
                return lo;
            }
            if (logOdds(hi, w) <= target) {
                return hi;
            }
            for (int i = 0; i < 200 && hi - lo > 1e-9 * (1 + Math.abs(hi)); i++) {
                double mid = (lo + hi) / 2;
                if (logOdds(mid, w) < target) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return (lo + hi) / 2;
        }

        private static double logNormal(double x, double mu, double sd) {
            double z = (x - mu) / sd;
            return -0.5 * z * z - Math.log(sd) - 0.5 * Math.log(2 * Math.PI);
        }

        /** A state read with no spread at all (identical reads) would make the likelihood infinite. */
        private static double floorSigma(double sigma, double mu) {
            return Math.max(sigma, 1e-9 * Math.max(1, Math.abs(mu)));
        }
    }
}
