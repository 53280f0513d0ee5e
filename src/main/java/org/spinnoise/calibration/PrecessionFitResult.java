package org.spinnoise.calibration;

/**
 * The precession found in a toggle map: the toggle probability's oscillation with pulse width,
 * {@code p(V, w) = A(V) · F(w)} with {@code F(w) = (1 − exp(−w/τ) · cos(2π w / T)) / 2}, and the flat top chosen for
 * the operating point: the first maximum of F (where dp/dw = 0) that the measured widths reach. Standard errors come
 * from the curvature of the fit's chi-square, scaled up by the reduced chi-square when it exceeds 1.
 *
 * @param periodSeconds            precession period T
 * @param periodStdErrSeconds      its standard error
 * @param dephasingSeconds         decay time τ of the oscillation toward one half
 * @param dephasingStdErrSeconds   its standard error
 * @param chiSquared               chi-square of the fit
 * @param flatChiSquared           chi-square of the same rows without the oscillation (a constant per amplitude)
 * @param degreesOfFreedom         cells less fitted parameters
 * @param flatTopWidthSeconds      the chosen flat top: the first maximum of F at or above the shortest measured width
 * @param flatTopStdErrSeconds     its standard error
 * @param flatTopNumber            which maximum it is: 1 for the first half turn, 2 for the one a period later, …
 * @param peakFactor               F at the flat top: the most a pulse of that width toggles, however strong
 */
public record PrecessionFitResult(double periodSeconds, double periodStdErrSeconds, double dephasingSeconds,
                                  double dephasingStdErrSeconds, double chiSquared, double flatChiSquared,
                                  int degreesOfFreedom, double flatTopWidthSeconds, double flatTopStdErrSeconds,
                                  int flatTopNumber, double peakFactor) {

    /** F(w): the share of started precessions a pulse of {@code widthSeconds} ends reversed. */
    public double widthFactor(double widthSeconds) {
        return factor(periodSeconds, dephasingSeconds, widthSeconds);
    }

    /** dF/dw at {@code widthSeconds}, per second. */
    public double widthFactorSlope(double widthSeconds) {
        double omega = 2 * Math.PI / periodSeconds;
        double envelope = Math.exp(-widthSeconds / dephasingSeconds);
        return envelope * (Math.cos(omega * widthSeconds) / dephasingSeconds + omega * Math.sin(omega * widthSeconds))
                / 2;
    }

    /** How far the oscillation stands above one half over the flat top's width: exp(−w/τ). */
    public double contrast() {
        return Math.exp(-flatTopWidthSeconds / dephasingSeconds);
    }

    static double factor(double periodSeconds, double dephasingSeconds, double widthSeconds) {
        return (1 - Math.exp(-widthSeconds / dephasingSeconds) * Math.cos(2 * Math.PI * widthSeconds / periodSeconds))
                / 2;
    }

    /** The first maximum of F: tan(ωw) = −1/(ωτ) with ωw in (π/2, π), just short of half a turn. */
    static double firstPeakSeconds(double periodSeconds, double dephasingSeconds) {
        double omega = 2 * Math.PI / periodSeconds;
        return (Math.PI - Math.atan(1 / (omega * dephasingSeconds))) / omega;
    }
}
