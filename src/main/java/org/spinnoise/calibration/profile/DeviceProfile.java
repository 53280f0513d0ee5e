package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One device's calibration, kept between runs (calibration/profiles/NAME.json, format {@value #FORMAT}): when and by
 * which code it was made, at what temperature if known, with which instruments and recipe settings, the threshold
 * between its two resistance states, its switching fit, its V50-against-width map if measured, the operating point,
 * the toggle-scheme calibration if made, and the pulses the calibration cost. Records all the way down, serialised by
 * Jackson and read back by the same types ({@link DeviceProfiles}); every record checks its fields as it is built, so
 * a corrupt file is refused with one line naming it and the field. Optional parts are null, never absent.
 *
 * @param calibratedAt      when the calibration ended, UTC ISO-8601 (e.g. "2026-12-07T05:01:02Z")
 * @param temperatureKelvin the device's temperature during calibration when known (e.g. a cryostat's reading), else null
 * @param codeVersion       the spinnoise version and git commit that made it
 * @param runFolder         the run folder of the calibration, whose CSV files hold every read behind the fits
 * @param calibrationPulses write, set and reset pulses the calibration fired
 * @param area              the junction's area and where that figure comes from, when known (null otherwise): the
 *                          energy ledger then reports energy per bit per area
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"format", "device", "calibrated_at", "temperature_kelvin", "code_version", "run_folder",
        "instruments", "settings", "threshold", "switching", "width_map", "operating_point", "toggle",
        "calibration_pulses", "simulation", "area"})
public record DeviceProfile(int format, String device, String calibratedAt, Double temperatureKelvin,
                            String codeVersion, String runFolder, List<ProfileInstrument> instruments,
                            ProfileSettings settings, ProfileThreshold threshold, ProfileSwitchingFit switching,
                            ProfileWidthMap widthMap, ProfileOperatingPoint operatingPoint, ProfileToggle toggle,
                            long calibrationPulses, ProfileSimulation simulation, ProfileArea area) {

    /** The profile format this code writes and reads. */
    public static final int FORMAT = 1;

    /** Device names become file names: letters, digits, '.', '_' and '-', not starting with '.'. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}");

    public DeviceProfile {
        if (format != FORMAT) {
            throw new IllegalArgumentException("format must be " + FORMAT + ", got " + format);
        }
        checkName(device);
        Fields.text("calibrated_at", calibratedAt);
        try {
            Instant.parse(calibratedAt);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("calibrated_at must be a UTC time such as 2026-12-07T05:01:02Z, got \""
                    + calibratedAt + "\"");
        }
        if (temperatureKelvin != null) {
            Fields.positive("temperature_kelvin", temperatureKelvin);
        }
        Fields.text("code_version", codeVersion);
        instruments = List.copyOf(Fields.present("instruments", instruments));
        Fields.present("settings", settings);
        Fields.present("threshold", threshold);
        Fields.present("switching", switching);
        Fields.present("operating_point", operatingPoint);
        if (calibrationPulses < 0) {
            throw new IllegalArgumentException("calibration_pulses must be at least 0, got " + calibrationPulses);
        }
    }

    /** Refuses a device name that could not be a profile's file name, in one line saying what is allowed. */
    public static String checkName(String device) {
        if (device == null || !NAME.matcher(device).matches()) {
            throw new IllegalArgumentException("device must be a name of letters, digits, '.', '_' and '-' (at most "
                    + "100, not starting with '.'), got " + (device == null ? "none" : "\"" + device + "\""));
        }
        return device;
    }

    /** The same profile with {@code newArea} (null: none), e.g. a recalibration keeping the device's area. */
    public DeviceProfile withArea(ProfileArea newArea) {
        return new DeviceProfile(format, device, calibratedAt, temperatureKelvin, codeVersion, runFolder, instruments,
                settings, threshold, switching, widthMap, operatingPoint, toggle, calibrationPulses, simulation,
                newArea);
    }

    /** The instrument that had {@code role} ("pulse", "smu"), or null. */
    public ProfileInstrument instrument(String role) {
        return instruments.stream().filter(i -> i.role().equals(role)).findFirst().orElse(null);
    }
}
