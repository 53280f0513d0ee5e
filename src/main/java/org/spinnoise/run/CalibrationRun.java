package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.ProfileArea;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileInstrument;
import org.spinnoise.calibration.profile.ProfileOperatingPoint;
import org.spinnoise.calibration.profile.ProfileSettings;
import org.spinnoise.calibration.profile.ProfileSimulation;
import org.spinnoise.calibration.profile.ProfileSwitchingFit;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.profile.ProfileThreshold;
import org.spinnoise.calibration.profile.ProfileWidthMap;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.ProfileSection;

/**
 * A calibration run without an acquisition ({@code spinnoise calibrate}): the calibration stages of a
 * calibrate-and-acquire run on one junction of a bench (threshold, sweep, fit, operating point at V50), then the
 * device profile built from what they found, written into the run folder ({@value #PROFILE_FILE}) and into the
 * profiles folder as {@code NAME.json}. The run folder has the same lifecycle as every run ({@link RunLifecycle}):
 * every output safe before the outcome is written, however the run ends.
 */
public final class CalibrationRun {
    /** The profile's copy in the run folder. */
    public static final String PROFILE_FILE = "profile.json";
    /** The switching probability the operating point aims at: fair bits. */
    static final double TARGET_PROBABILITY = 0.5;

    /** Who the device is and what is known about it besides what the calibration measures. */
    public record Device(String name, Double temperatureKelvin, ProfileSimulation simulation, ProfileArea area) {
        public Device {
            DeviceProfile.checkName(name);
        }

        /** A device whose area is not known here (a profile already on disk keeps its own, see {@link #run}). */
        public Device(String name, Double temperatureKelvin, ProfileSimulation simulation) {
            this(name, temperatureKelvin, simulation, null);
        }
    }

    /** What a finished calibration made: the profile and where it was written. */
    public record Outcome(DeviceProfile profile, Path profileFile, Path runFolder) {
    }

    private final Bench bench;
    private final AcquisitionPlan plan;
    private final Device device;
    private final Path profilesDir;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;

    public CalibrationRun(Bench bench, AcquisitionPlan plan, Device device, Path profilesDir, RunFolder folder,
                          WireLog wire, RunListener listener, RunStopper stopper) {
        this.bench = bench;
        this.plan = plan;
        this.device = device;
        this.profilesDir = profilesDir;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /** Calibrates and writes the profile; however it ends, every output is then safe and the manifest says how. */
    public Outcome run() throws IOException {
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("calibration").apply(m).withPlan(plan)
                        .withInstruments(new Instruments(bench.pulse().identity(), bench.smu().identity(), null, null)),
                this::stages, () -> CalibratedAcquisition.safeEnd(bench, folder, plan.reconnect()));
    }

    private Outcome stages() throws IOException {
        CalibratedAcquisition.Calibrated c = new CalibratedAcquisition(bench, plan, folder, wire, listener, stopper)
                .calibrate();
        // The area is the device's, not the calibration's: a profile already on disk keeps it.
        DeviceProfile profile = profile(c).withArea(device.area() != null ? device.area() : areaOnDisk());
        DeviceProfiles.write(folder.file(PROFILE_FILE), profile);
        listener.stage("writing the profile of " + device.name() + " to " + profilesDir);
        Path file = DeviceProfiles.save(profilesDir, profile);
        folder.update(m -> m.withProfile(ProfileSection.written(profile.device(), file.toString(),
                profile.calibratedAt(), profile.codeVersion(), profile.calibrationPulses()).withArea(profile.area())));
        folder.saveManifest();
        return new Outcome(profile, file, folder.dir());
    }

    /** The area in the device's profile already in the profiles folder, or null (none, or no readable profile). */
    private ProfileArea areaOnDisk() {
        Path existing = DeviceProfiles.fileFor(profilesDir, device.name());
        if (!Files.isRegularFile(existing)) {
            return null;
        }
        try {
            return DeviceProfiles.read(existing).area();
        } catch (IOException e) {
            return null;
        }
    }

    private DeviceProfile profile(CalibratedAcquisition.Calibrated c) {
        return profileOf(bench, plan, folder, c, device);
    }

    /** The profile of {@code device} from a calibration's results on {@code bench} in {@code folder}'s run. */
    static DeviceProfile profileOf(Bench bench, AcquisitionPlan plan, RunFolder folder,
                                   CalibratedAcquisition.Calibrated c, Device device) {
        BenchSection at = folder.manifest().bench();
        List<ProfileInstrument> instruments = List.of(
                ProfileInstrument.of("pulse", at == null ? "unknown" : at.pulseAddress(), bench.pulse().identity(),
                        bench.pulse().settings()),
                ProfileInstrument.of("smu", at == null ? "unknown" : at.smuAddress(), bench.smu().identity(),
                        bench.smu().settings()));
        ProfileSettings settings = ProfileSettings.of(plan.limits(), plan.wiring().writeChannel(),
                plan.wiring().resetChannel(), plan.read(), plan.reset(), plan.levels().setAmplitudeVolts(),
                plan.levels().readsPerState(), plan.sweep(), plan.seed());
        ProfileSwitchingFit fit = ProfileSwitchingFit.of(c.fit(), c.curve().widthSeconds());
        return new DeviceProfile(DeviceProfile.FORMAT, device.name(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), device.temperatureKelvin(),
                CodeVersion.describe(), folder.dir().toString(), instruments, settings,
                ProfileThreshold.of(c.levels()), fit, widthMap(c),
                ProfileOperatingPoint.of(c.point(), TARGET_PROBABILITY, fit), null, pulses(plan, c),
                device.simulation(), device.area());
    }

    /** The profile's record of the width map, when the recipe asked for one. */
    private static ProfileWidthMap widthMap(CalibratedAcquisition.Calibrated c) {
        if (c.widthMap() == null) {
            return null;
        }
        return ProfileWidthMap.of(c.widthMap().widths().stream()
                .map(w -> ProfileWidthMap.WidthPoint.of(w.widthSeconds(), w.sweep().fit())).toList());
    }

    /**
     * Pulses the calibration fired: per threshold read pair a reset, then a reset and a set; per sweep bit a reset
     * and a write.
     */
    static long pulses(AcquisitionPlan plan, CalibratedAcquisition.Calibrated c) {
        long sweepBits = c.curve().points().stream().mapToLong(SwitchingPoint::pulses).sum();
        long mapBits = c.widthMap() == null ? 0 : c.widthMap().pulses();
        return 3L * plan.levels().readsPerState() + 2L * (sweepBits + mapBits);
    }
}
