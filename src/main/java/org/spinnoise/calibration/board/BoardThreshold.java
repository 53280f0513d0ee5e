package org.spinnoise.calibration.board;

import java.util.List;
import org.spinnoise.calibration.CalibrationException;

/**
 * A board's comparator calibrated from threshold scans: the P and AP read distributions in read-DAC codes, the share of
 * AP in the AP scan (its mixture weight), the threshold code where a read is equally likely to be a misread of either
 * state at p = 1/2 (the two weighted densities cross), the guard band (codes either side where the posterior odds of
 * the two states are within {@value #GUARD_ODDS}:1), and the read error rate that overlap implies. Codes become volts
 * through the HELLO's read DAC (full scale / (2^R − 1)); they become ohms only through {@code ohmsPerReadCode}, which
 * the protocol does not carry (it depends on the board's read current and front end): null when unknown.
 */
public record BoardThreshold(ReadDistribution parallel, ReadDistribution antiparallel, double antiparallelWeight,
                             int thresholdCode, int guardBandCodes, double readErrorRate, double readVoltsPerCode,
                             Double ohmsPerReadCode, double antiparallelWriteVolts, List<ScanPoint> parallelScan,
                             List<ScanPoint> antiparallelScan, double parallelDeviance, double antiparallelDeviance) {

    /** Posterior odds at the guard band's edges. */
    public static final double GUARD_ODDS = 1000;

    public BoardThreshold {
        parallelScan = List.copyOf(parallelScan);
        antiparallelScan = List.copyOf(antiparallelScan);
    }

    /**
     * Places threshold and guard band for two fitted states.
     *
     * @throws CalibrationException when the AP reads do not lie above the P reads (a TMR collapse or a broken scan)
     */
    static BoardThreshold place(ReadDistribution p, ReadDistribution ap, double apWeight, int maxCode,
                                double readVoltsPerCode, Double ohmsPerReadCode, double apWriteVolts,
                                BoardThresholdScan.StateScan pScan, BoardThresholdScan.StateScan apScan)
            throws CalibrationException {
        if (!(ap.meanCode() > p.meanCode() + 2 * (p.sigmaCodes() + ap.sigmaCodes()) / 2)) {
            throw new CalibrationException(String.format("board calibration: AP reads (mean code %.0f, sigma %.0f) "
                    + "do not lie clear of P reads (mean code %.0f, sigma %.0f); the junction's TMR has collapsed or "
                    + "the AP write did not switch it", ap.meanCode(), ap.sigmaCodes(), p.meanCode(), p.sigmaCodes()));
        }
        double t = root(p, ap, 0, p.meanCode(), ap.meanCode());
        int code = (int) Math.max(0, Math.min(maxCode, Math.round(t)));
        double lo = root(p, ap, -Math.log(GUARD_ODDS), p.meanCode(), t);
        double hi = root(p, ap, Math.log(GUARD_ODDS), t, ap.meanCode());
        int guard = (int) Math.min(Math.min(code, maxCode - code), Math.ceil(Math.max(code - lo, hi - code)));
        double errorRate = 0.5 * (p.upperTail(code) + (1 - ap.upperTail(code)));
        return new BoardThreshold(p, ap, apWeight, code, Math.max(0, guard), errorRate, readVoltsPerCode,
                ohmsPerReadCode, apWriteVolts, pScan.points(), apScan.points(), pScan.fit().deviance(),
                apScan.fit().deviance());
    }

    /** The code in [from, to] where log(f_AP / f_P) equals {@code logOdds} (it rises monotonically between the means). */
    private static double root(ReadDistribution p, ReadDistribution ap, double logOdds, double from, double to) {
        double a = from;
        double b = to;
        for (int i = 0; i < 200 && b - a > 1e-6; i++) {
            double m = (a + b) / 2;
            if (ap.logDensity(m) - p.logDensity(m) < logOdds) {
                a = m;
            } else {
                b = m;
            }
        }
        return (a + b) / 2;
    }

    /** (R_AP − R_P) / R_P from the mean codes (codes are proportional to resistance at a constant read current). */
    public double tmr() {
        return (antiparallel.meanCode() - parallel.meanCode()) / parallel.meanCode();
    }

    /** Ohms of a read-DAC code, or NaN when the board's ohms per code is unknown. */
    public double ohms(double code) {
        return ohmsPerReadCode == null ? Double.NaN : code * ohmsPerReadCode;
    }

    public boolean ohmsKnown() {
        return ohmsPerReadCode != null;
    }

    public int guardLowCode() {
        return thresholdCode - guardBandCodes;
    }

    public int guardHighCode() {
        return thresholdCode + guardBandCodes;
    }

    /**
     * The share of reads the board will count inside the guard band at p = 1/2: each state's mass inside the band,
     * averaged; the drift tracker's guard compares the counts it sees against it.
     */
    public double ambiguousFraction() {
        double parallelInside = parallel.upperTail(guardLowCode()) - parallel.upperTail(guardHighCode());
        double antiparallelInside = antiparallel.upperTail(guardLowCode()) - antiparallel.upperTail(guardHighCode());
        return 0.5 * (parallelInside + antiparallelInside);
    }

    /** Pulses both scans fired (the plateau measurement of the AP share not included). */
    public long scanPulses() {
        return parallelScan.stream().mapToLong(ScanPoint::pulses).sum()
                + antiparallelScan.stream().mapToLong(ScanPoint::pulses).sum();
    }
}
