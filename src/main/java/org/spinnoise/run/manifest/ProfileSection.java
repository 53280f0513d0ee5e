package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.calibration.profile.ProfileArea;

/**
 * The device profile a run wrote or used: {@code spinnoise calibrate} records the profile it wrote (action
 * "written"); an acquisition with {@code --device} records the profile it loaded (action "loaded"), its re-check in
 * one line, the pulses the re-check cost, and whether the profile was trusted (when not, the run stopped before any
 * bit, or, with {@code --recalibrate-if-moved}, calibrated the device again and replaced the profile: action
 * "recalibrated", with the new profile's date and calibration pulses). The re-check's reads are in the run folder's
 * profile-check-*.csv files. The profile's junction area (and where that figure comes from) is copied here when it has
 * one ({@link #withArea}), so the run's energy ledger reports energy per bit per area from the area the run used.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileSection(String device, String file, String action, String calibratedAt, String codeVersion,
                             Long calibrationPulses, Boolean trusted, String recheck, Long recheckPulses,
                             Double areaSquareMeters, String areaSource) {

    /** A profile this run's calibration wrote. */
    public static ProfileSection written(String device, String file, String calibratedAt, String codeVersion,
                                         long calibrationPulses) {
        return new ProfileSection(device, file, "written", calibratedAt, codeVersion, calibrationPulses, null, null,
                null, null, null);
    }

    /**
     * A profile this run loaded, whose re-check found the device moved, and which this run's calibration replaced
     * ({@code --recalibrate-if-moved}): the new profile's date and pulses, the old one's re-check.
     */
    public static ProfileSection recalibrated(String device, String file, String calibratedAt, String codeVersion,
                                              long calibrationPulses, String recheck, long recheckPulses) {
        return new ProfileSection(device, file, "recalibrated", calibratedAt, codeVersion, calibrationPulses, false,
                recheck, recheckPulses, null, null);
    }

    /** A profile this run loaded, with what its re-check found. */
    public static ProfileSection loaded(String device, String file, String calibratedAt, String codeVersion,
                                        boolean trusted, String recheck, long recheckPulses) {
        return new ProfileSection(device, file, "loaded", calibratedAt, codeVersion, null, trusted, recheck,
                recheckPulses, null, null);
    }

    /** The same record with the profile's junction area (null: the profile has none). */
    public ProfileSection withArea(ProfileArea area) {
        return new ProfileSection(device, file, action, calibratedAt, codeVersion, calibrationPulses, trusted, recheck,
                recheckPulses, area == null ? null : area.squareMeters(), area == null ? null : area.source());
    }
}
