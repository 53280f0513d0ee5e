package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The junction's area, for energy per bit per area: {@code square_meters} (e.g. 5.03e-15 for an 80 nm circular
 * pillar) and {@code source}, which says where the number comes from ("measured by SEM", "design value",
 * "simulated: ..."), because a run's energy report carries it beside published figures. Optional in a profile: the
 * calibration cannot measure it, so a lab adds it to the profile file (and a recalibration keeps it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileArea(double squareMeters, String source) {
    /** Larger than any junction (1 mm²): a value above it is a unit mistake (µm² or nm² written as m²). */
    static final double MAX_SQUARE_METERS = 1e-6;

    public ProfileArea {
        Fields.positive("area.square_meters", squareMeters);
        if (squareMeters > MAX_SQUARE_METERS) {
            throw new IllegalArgumentException("area.square_meters must be in square meters (an 80 nm pillar is "
                    + "5.03e-15), got " + squareMeters);
        }
        Fields.text("area.source", source);
    }

    /** The area in square micrometers, the unit published figures use. */
    public double squareMicrometers() {
        return squareMeters * 1e12;
    }
}
