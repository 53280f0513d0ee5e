package org.spinnoise.calibration.board;

import org.spinnoise.calibration.NormalTail;

/**
 * One junction state's read distribution as a comparator scan sees it: normal in read-DAC codes with mean
 * {@code meanCode} and standard deviation {@code sigmaCodes}, each with its standard error from the fit's Fisher
 * information.
 */
public record ReadDistribution(double meanCode, double sigmaCodes, double meanStdErrCodes, double sigmaStdErrCodes) {

    /** Chance that a read of this state lies above {@code code}: the fraction of ones with the comparator there. */
    public double upperTail(double code) {
        return NormalTail.upper((code - meanCode) / sigmaCodes);
    }

    /** Log of the density at {@code code}, per code. */
    double logDensity(double code) {
        return NormalTail.logDensity((code - meanCode) / sigmaCodes) - Math.log(sigmaCodes);
    }
}
