package org.spinnoise.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.run.AcquisitionPlan;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options that make an acquisition use a device profile instead of calibrating ({@code acquire}, {@code demo}):
 * the device's name, the profiles folder, and whether a device that has moved is calibrated again or refused.
 */
final class ProfileOptions {
    @Option(names = "--device", paramLabel = "NAME", description = "Use device NAME's profile (made by spinnoise "
            + "calibrate) instead of calibrating: it is re-checked with a short sweep first, and a device that has "
            + "moved is refused before any bit.")
    String device;

    @Option(names = "--profiles", paramLabel = "DIR",
            description = "Folder of device profiles (default: calibration/profiles).")
    Path profilesDir = DeviceProfiles.DEFAULT_DIR;

    @Option(names = "--recalibrate-if-moved", description = "With --device: when the re-check finds the device has "
            + "moved, calibrate it in full, replace its profile and acquire, instead of stopping.")
    boolean recalibrateIfMoved;

    /** True when any of these options was given. */
    boolean given() {
        return device != null || recalibrateIfMoved;
    }

    /** The profile to acquire with, or null to calibrate; refuses --recalibrate-if-moved without --device. */
    AcquisitionLauncher.Profile load(CommandLine commandLine, AcquisitionPlan plan) throws IOException {
        if (recalibrateIfMoved && device == null) {
            throw new ParameterException(commandLine, "--recalibrate-if-moved needs --device NAME");
        }
        return device == null ? null : AcquisitionLauncher.Profile.load(profilesDir, device, plan, recalibrateIfMoved);
    }
}
