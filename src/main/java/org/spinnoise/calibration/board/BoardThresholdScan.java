package org.spinnoise.calibration.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.calibration.CalibrationException;

/**
 * Finds one junction state's read distribution on a board by moving its comparator threshold (the board reports only
 * bits, never resistances): with the junction held in the state, the fraction of ones at a code is the state's upper
 * read tail there. A bisection finds the code where the fraction crosses half its plateau, a doubling step-out finds
 * where it saturates on either side, and a grid over μ ± 2.5σ of a first fit adds the points that fix the
 * distribution; every point joins the maximum-likelihood fit ({@link ReadTailFit}).
 */
public final class BoardThresholdScan {
    private static final Logger LOG = LoggerFactory.getLogger(BoardThresholdScan.class);

    /** Pulses per bisection and step-out probe, grid size and pulses per grid code, the grid's half-width in σ. */
    public record Settings(int probePulses, int gridCodes, int gridPulses, double gridHalfWidthSigmas,
                           int plateauPulses) {
        public Settings {
            if (probePulses < 8 || gridCodes < 3 || gridPulses < 8 || !(gridHalfWidthSigmas > 0) || plateauPulses < 8) {
                throw new IllegalArgumentException("threshold scan settings too small: " + probePulses + ", "
                        + gridCodes + ", " + gridPulses + ", " + gridHalfWidthSigmas + ", " + plateauPulses);
            }
        }

        public static Settings defaults() {
            return new Settings(64, 12, 256, 2.5, 512);
        }
    }

    /** The scan of one state and its fit. */
    public record StateScan(List<ScanPoint> points, ReadTailFit.Result fit) {
    }

    private BoardThresholdScan() {
    }

    /**
     * Scans the state the source holds now between codes {@code loCode} and {@code hiCode}; {@code weight} is the share
     * of reads from that state (1 when it is held alone), the rest coming from {@code other}.
     */
    static StateScan scan(ComparatorCounts counts, int loCode, int hiCode, double weight, ReadDistribution other,
                          Settings settings) throws IOException {
        List<ScanPoint> points = new ArrayList<>();
        double half = weight / 2;
        int lo = loCode;
        int hi = hiCode;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            ScanPoint p = counts.at(mid, settings.probePulses());
            points.add(p);
            if (p.fraction() >= half) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        int centre = lo;
        stepOut(counts, points, centre, +1, loCode, hiCode, weight, settings);
        stepOut(counts, points, centre, -1, loCode, hiCode, weight, settings);
        ReadDistribution first = ReadTailFit.fit(points, weight, other).distribution();
        TreeSet<Integer> grid = new TreeSet<>();
        for (int i = 0; i < settings.gridCodes(); i++) {
            double u = -1 + 2.0 * i / (settings.gridCodes() - 1);
            long code = Math.round(first.meanCode() + u * settings.gridHalfWidthSigmas() * first.sigmaCodes());
            grid.add((int) Math.max(loCode, Math.min(hiCode, code)));
        }
        for (int code : grid) {
            points.add(counts.at(code, settings.gridPulses()));
        }
        ReadTailFit.Result fit = ReadTailFit.fit(points, weight, other);
        LOG.info("threshold scan: mean {} codes (± {}), sigma {} codes (± {}), deviance {} on {} df",
                fit.distribution().meanCode(), fit.distribution().meanStdErrCodes(), fit.distribution().sigmaCodes(),
                fit.distribution().sigmaStdErrCodes(), fit.deviance(), fit.degreesOfFreedom());
        return new StateScan(List.copyOf(points), fit);
    }

    /** Doubles the distance from the centre until the fraction saturates (or the code range ends). */
    private static void stepOut(ComparatorCounts counts, List<ScanPoint> points, int centre, int direction,
                                int loCode, int hiCode, double weight, Settings settings) throws IOException {
        for (int d = 2; ; d *= 2) {
            long code = centre + (long) direction * d;
            if (code < loCode || code > hiCode) {
                return;
            }
            ScanPoint p = counts.at((int) code, settings.probePulses());
            points.add(p);
            boolean saturated = direction > 0 ? p.fraction() <= 0.02 * weight : p.fraction() >= 0.98 * weight;
            if (saturated) {
                return;
            }
        }
    }

    /** Refuses a plateau too low to scan: fewer than half the write pulses left the junction in AP. */
    static void requirePlateau(double weight, double writeVolts) throws CalibrationException {
        if (weight < 0.5) {
            throw new CalibrationException(String.format("board calibration: a %.4f V write left only %.1f%% of "
                    + "reads above the P distribution; the junction does not reach AP below the safety limit "
                    + "(raise --max-volts if the device allows, or check the junction)", writeVolts, 100 * weight));
        }
    }
}
