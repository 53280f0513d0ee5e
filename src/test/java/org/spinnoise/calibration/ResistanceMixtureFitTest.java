package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.ResistanceMixture.ThresholdRule;

/** The two-state mixture fit on synthetic Gaussian reads with known states. */
class ResistanceMixtureFitTest {
    private static final double CONF = ResistanceMixtureFit.DEFAULT_CONFIDENCE;

    /** Reads: {@code n} per state, labelled 0/1; a fraction {@code failedSets} of the "1" reads stayed parallel. */
    private static double[][] labelled(int n, double muP, double sdP, double muAp, double sdAp, double failedSets,
                                       SplittableRandom rnd) {
        double[] ohms = new double[2 * n];
        double[] labels = new double[2 * n];
        for (int i = 0; i < n; i++) {
            ohms[2 * i] = muP + sdP * gauss(rnd);
            boolean failed = rnd.nextDouble() < failedSets;
            ohms[2 * i + 1] = failed ? muP + sdP * gauss(rnd) : muAp + sdAp * gauss(rnd);
            labels[2 * i + 1] = 1;
        }
        return new double[][] {ohms, labels};
    }

    private static int[] ints(double[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = (int) labels[i];
        }
        return out;
    }

    private static double gauss(SplittableRandom rnd) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void labelledReadsRecoverBothStatesWithinTheirIntervalsOverManySeeds() throws Exception {
        int seeds = 300;
        int[] covered = new int[4];
        for (int seed = 0; seed < seeds; seed++) {
            double[][] d = labelled(200, 2000, 20, 4200, 42, 0, new SplittableRandom(seed));
            ResistanceMixture m = ResistanceMixtureFit.fit(d[0], ints(d[1]), CONF);
            covered[0] += Math.abs(m.parallelOhms() - 2000) < 1.96 * m.parallelOhmsStdErr() ? 1 : 0;
            covered[1] += Math.abs(m.antiparallelOhms() - 4200) < 1.96 * m.antiparallelOhmsStdErr() ? 1 : 0;
            covered[2] += Math.abs(m.parallelSigmaOhms() - 20) < 1.96 * m.parallelSigmaStdErr() ? 1 : 0;
            covered[3] += Math.abs(m.antiparallelSigmaOhms() - 42) < 1.96 * m.antiparallelSigmaStdErr() ? 1 : 0;
            assertEquals(ThresholdRule.EQUAL_ERROR, m.rule());
            assertEquals(0.5, m.parallelWeight());
        }
        // 95 % intervals over 300 seeds: binomial sd 1.26 %, so 4 sd either side.
        for (int c : covered) {
            double rate = (double) c / seeds;
            assertTrue(rate > 0.90 && rate < 0.999, "coverage " + rate);
        }
    }

    @Test
    void setPulsesThatFailedMoveReadsToTheOtherStateInsteadOfWideningIt() throws Exception {
        double[][] d = labelled(400, 2000, 20, 4200, 42, 0.05, new SplittableRandom(7));
        ResistanceMixture m = ResistanceMixtureFit.fit(d[0], ints(d[1]), CONF);
        assertEquals(20, m.parallelSigmaOhms(), 4 * m.parallelSigmaStdErr());
        assertEquals(42, m.antiparallelSigmaOhms(), 4 * m.antiparallelSigmaStdErr());
        assertEquals(4200, m.antiparallelOhms(), 4 * m.antiparallelOhmsStdErr());
        // Equal-error threshold: as many sigmas from each state.
        assertEquals((m.thresholdOhms() - m.parallelOhms()) / m.parallelSigmaOhms(),
                (m.antiparallelOhms() - m.thresholdOhms()) / m.antiparallelSigmaOhms(), 1e-9);
    }

    @Test
    void unlabelledReadsAtTheOperatingPointGiveTheWeightAndTheEqualDensityThreshold() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] ohms = new double[4000];
        int parallel = 0;
        for (int i = 0; i < ohms.length; i++) {
            boolean p = rnd.nextDouble() < 0.3;
            parallel += p ? 1 : 0;
            ohms[i] = p ? 1000 + 60 * gauss(rnd) : 1500 + 40 * gauss(rnd);
        }
        ResistanceMixture m = ResistanceMixtureFit.fitUnlabelled(ohms, CONF);
        assertEquals(ThresholdRule.EQUAL_WEIGHTED_DENSITY, m.rule());
        assertEquals((double) parallel / ohms.length, m.parallelWeight(), 0.005);
        assertEquals(1000, m.parallelOhms(), 4 * m.parallelOhmsStdErr());
        assertEquals(1500, m.antiparallelOhms(), 4 * m.antiparallelOhmsStdErr());
        double t = m.thresholdOhms();
        double densityP = m.parallelWeight() * density(t, m.parallelOhms(), m.parallelSigmaOhms());
        double densityAp = (1 - m.parallelWeight()) * density(t, m.antiparallelOhms(), m.antiparallelSigmaOhms());
        assertEquals(1, densityP / densityAp, 1e-6);
    }

    @Test
    void theReadErrorRateIsTheFractionOfReadsOnTheWrongSide() throws Exception {
        // Just above the 4-sigma margin: misreads around 2 in 100,000 per state, about 4 in 200,000 reads.
        SplittableRandom rnd = new SplittableRandom(5);
        int n = 100_000;
        double[] ohms = new double[2 * n];
        int[] labels = new int[2 * n];
        for (int i = 0; i < n; i++) {
            ohms[2 * i] = 1000 + 20 * gauss(rnd);
            ohms[2 * i + 1] = 1164 + 20 * gauss(rnd);
            labels[2 * i + 1] = 1;
        }
        ResistanceMixture m = ResistanceMixtureFit.fit(ohms, labels, CONF);
        int wrong = 0;
        for (int i = 0; i < ohms.length; i++) {
            wrong += (ohms[i] > m.thresholdOhms() ? 1 : 0) != labels[i] ? 1 : 0;
        }
        double observed = (double) wrong / ohms.length;
        double sd = Math.sqrt(m.readErrorRate() / ohms.length);
        assertEquals(m.readErrorRate(), observed, 4 * sd, "predicted " + m.readErrorRate() + ", observed " + observed);
        assertEquals(NormalTail.upper(4.1), m.readErrorRate(), 0.2 * NormalTail.upper(4.1));
    }

    @Test
    void theGuardBandHoldsTheReadsWhoseStateIsLessSureThanTheConfidence() throws Exception {
        double[][] d = labelled(300, 1000, 20, 1300, 20, 0, new SplittableRandom(9));
        double confidence = 1 - 1e-3;
        ResistanceMixture m = ResistanceMixtureFit.fit(d[0], ints(d[1]), confidence);
        Threshold t = m.threshold();
        assertTrue(t.guardLowOhms() < t.ohms() && t.ohms() < t.guardHighOhms(), t.toString());
        // At each edge the posterior of the assigned state is the confidence.
        assertEquals(confidence, posteriorAp(m, t.guardHighOhms()), 1e-9);
        assertEquals(confidence, 1 - posteriorAp(m, t.guardLowOhms()), 1e-9);
        assertTrue(t.isAmbiguous(t.ohms()));
        assertTrue(!t.isAmbiguous(m.parallelOhms()) && !t.isAmbiguous(m.antiparallelOhms()));
        // A stricter confidence widens the band.
        ResistanceMixture strict = ResistanceMixtureFit.fit(d[0], ints(d[1]), 1 - 1e-9);
        assertTrue(strict.guardHighOhms() > m.guardHighOhms() && strict.guardLowOhms() < m.guardLowOhms());
    }

    private static double posteriorAp(ResistanceMixture m, double r) {
        double w = m.parallelWeight();
        double p = w * density(r, m.parallelOhms(), m.parallelSigmaOhms());
        double ap = (1 - w) * density(r, m.antiparallelOhms(), m.antiparallelSigmaOhms());
        return ap / (p + ap);
    }

    private static double density(double x, double mu, double sd) {
        double z = (x - mu) / sd;
        return Math.exp(-0.5 * z * z) / (sd * Math.sqrt(2 * Math.PI));
    }

    @Test
    void statesTooCloseAreRefused() {
        double[][] d = labelled(200, 1000, 20, 1100, 20, 0, new SplittableRandom(1));
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> ResistanceMixtureFit.fit(d[0], ints(d[1]), CONF));
        assertTrue(e.getMessage().contains("sigma of read noise apart") && e.getMessage().contains("NPLC"),
                e.getMessage());
    }

    @Test
    void aSetPulseThatNeverSwitchedIsRefused() {
        double[][] d = labelled(200, 2000, 20, 4200, 42, 0.9, new SplittableRandom(2));
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> ResistanceMixtureFit.fit(d[0], ints(d[1]), CONF));
        assertTrue(e.getMessage().contains("did not move the junction"), e.getMessage());
    }

    @Test
    void unlabelledReadsOfOneStateAreRefused() {
        SplittableRandom rnd = new SplittableRandom(4);
        double[] ohms = new double[500];
        for (int i = 0; i < ohms.length; i++) {
            ohms[i] = 2000 + 20 * gauss(rnd);
        }
        CalibrationException e = assertThrows(CalibrationException.class,
                () -> ResistanceMixtureFit.fitUnlabelled(ohms, CONF));
        assertTrue(e.getMessage().contains("one state only") || e.getMessage().contains("sigma of read noise"),
                e.getMessage());
    }
}
