package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import org.spinnoise.calibration.SigmoidFitResult;

/**
 * A device's 2-D switching map reduced to V50 against write-pulse width: V50 (with its 95 % interval) and ΔV fitted
 * at each width, and the straight line V50(w) = v50AtReference + slope · log10(w / referenceWidth) through them,
 * weighted by each V50's variance. The reference width is the widths' geometric mean, where the line's two
 * parameters are uncorrelated.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileWidthMap(List<WidthPoint> points, double referenceWidthSeconds, double v50AtReferenceVolts,
                              double v50AtReferenceStdErrVolts, double slopeVoltsPerDecade,
                              double slopeStdErrVoltsPerDecade) {

    /** V50 and ΔV fitted at one width (a row of width-map-fit.csv). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record WidthPoint(double widthSeconds, double v50Volts, double v50CiLowVolts, double v50CiHighVolts,
                             double deltaVolts) {
        public WidthPoint {
            Fields.positive("width_seconds", widthSeconds);
            Fields.finite("v50_volts", v50Volts);
            Fields.finite("v50_ci_low_volts", v50CiLowVolts);
            Fields.finite("v50_ci_high_volts", v50CiHighVolts);
            Fields.positive("delta_volts", deltaVolts);
            if (!(v50CiLowVolts <= v50Volts && v50Volts <= v50CiHighVolts)) {
                throw new IllegalArgumentException("v50_ci_low_volts .. v50_ci_high_volts (" + v50CiLowVolts
                        + " .. " + v50CiHighVolts + ") must enclose v50_volts " + v50Volts);
            }
        }

        /** A width's sigmoid fit with its 95 % Wald interval. */
        public static WidthPoint of(double widthSeconds, SigmoidFitResult fit) {
            double half = ProfileSwitchingFit.Z95 * fit.v50StdErrVolts();
            return new WidthPoint(widthSeconds, fit.v50Volts(), fit.v50Volts() - half, fit.v50Volts() + half,
                    fit.deltaVolts());
        }

        double v50StdErrVolts() {
            return (v50CiHighVolts - v50CiLowVolts) / (2 * ProfileSwitchingFit.Z95);
        }
    }

    public ProfileWidthMap {
        points = List.copyOf(Fields.present("points", points));
        if (points.size() < 2) {
            throw new IllegalArgumentException("points must hold at least two widths, got " + points.size());
        }
        Fields.positive("reference_width_seconds", referenceWidthSeconds);
        Fields.finite("v50_at_reference_volts", v50AtReferenceVolts);
        Fields.nonNegative("v50_at_reference_std_err_volts", v50AtReferenceStdErrVolts);
        Fields.finite("slope_volts_per_decade", slopeVoltsPerDecade);
        Fields.nonNegative("slope_std_err_volts_per_decade", slopeStdErrVoltsPerDecade);
    }

    /**
     * The map of these per-width fits with its fitted line (weighted least squares, weights 1/se² of each V50; a
     * V50 without uncertainty weighs as the most certain of the others). Needs at least two different widths.
     */
    public static ProfileWidthMap of(List<WidthPoint> points) {
        if (points.size() < 2) {
            throw new IllegalArgumentException("a width map needs at least two widths, got " + points.size());
        }
        double smallestSe = points.stream().mapToDouble(WidthPoint::v50StdErrVolts).filter(se -> se > 0).min()
                .orElse(1);
        double logMean = points.stream().mapToDouble(p -> Math.log10(p.widthSeconds())).average().orElseThrow();
        double sw = 0;
        double swx = 0;
        double swy = 0;
        for (WidthPoint p : points) {
            double w = weight(p, smallestSe);
            double x = Math.log10(p.widthSeconds()) - logMean;
            sw += w;
            swx += w * x;
            swy += w * p.v50Volts();
        }
        // Centre on the weighted mean so slope and intercept decouple; then move the reference there.
        double xBar = swx / sw;
        double yBar = swy / sw;
        double sxx = 0;
        double sxy = 0;
        for (WidthPoint p : points) {
            double w = weight(p, smallestSe);
            double dx = Math.log10(p.widthSeconds()) - logMean - xBar;
            sxx += w * dx * dx;
            sxy += w * dx * (p.v50Volts() - yBar);
        }
        if (!(sxx > 0)) {
            throw new IllegalArgumentException("a width map needs at least two different widths");
        }
        double slope = sxy / sxx;
        return new ProfileWidthMap(points, Math.pow(10, logMean + xBar), yBar, Math.sqrt(1 / sw), slope,
                Math.sqrt(1 / sxx));
    }

    private static double weight(WidthPoint p, double smallestSe) {
        double se = p.v50StdErrVolts() > 0 ? p.v50StdErrVolts() : smallestSe;
        return 1 / (se * se);
    }

    /** V50 the line predicts at {@code widthSeconds}. */
    public double v50VoltsAt(double widthSeconds) {
        return v50AtReferenceVolts + slopeVoltsPerDecade * Math.log10(widthSeconds / referenceWidthSeconds);
    }
}
