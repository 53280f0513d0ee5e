package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.ResistanceStats;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileInstrument;
import org.spinnoise.calibration.profile.ProfileRecheck;
import org.spinnoise.calibration.profile.ProfileSettings;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.ProfileSection;
import org.spinnoise.scpi.Identity;

/**
 * An acquisition on a device with a profile ({@code spinnoise acquire --device NAME}): instead of the full
 * calibration, the profile's threshold and operating point are re-checked briefly ({@link ProfileRecheck}); a profile
 * that passes is trusted and the bits are acquired at its operating point, one that does not stops the run before
 * any bit with the line to calibrate the device again (or, when asked, {@link IfMoved#RECALIBRATE}, is calibrated in
 * full within the run, its profile replaced). The re-check's reads go to {@value #LEVELS_FILE},
 * {@value #SWEEP_READS_FILE} and {@value #CHECK_FILE}; the manifest records the profile, the re-check and its pulses,
 * and (for {@code --resume}) the calibration the run used.
 */
public final class ProfiledAcquisition {
    static final String LEVELS_FILE = "profile-check-levels.csv";
    static final String SWEEP_READS_FILE = "profile-check-sweep-reads.csv";
    static final String CHECK_FILE = "profile-check.csv";

    private final Bench bench;
    private final AcquisitionPlan plan;
    private final DeviceProfile profile;
    private final Path profileFile;
    private final ProfileRecheck.Plan recheck;
    private final IfMoved ifMoved;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;

    /**
     * What to do with a device that has moved: stop before any bit ({@code REFUSE}, the default: a junction that
     * moved may be damaged, and a new profile should be a deliberate act), or calibrate it in full within this run,
     * replace its profile and acquire with the new calibration ({@code RECALIBRATE}, for unattended benches).
     */
    public enum IfMoved { REFUSE, RECALIBRATE }

    public ProfiledAcquisition(Bench bench, AcquisitionPlan plan, DeviceProfile profile, Path profileFile,
                               ProfileRecheck.Plan recheck, RunFolder folder, WireLog wire, RunListener listener,
                               RunStopper stopper) {
        this(bench, plan, profile, profileFile, recheck, IfMoved.REFUSE, folder, wire, listener, stopper);
    }

    public ProfiledAcquisition(Bench bench, AcquisitionPlan plan, DeviceProfile profile, Path profileFile,
                               ProfileRecheck.Plan recheck, IfMoved ifMoved, RunFolder folder, WireLog wire,
                               RunListener listener, RunStopper stopper) {
        this.bench = bench;
        this.plan = plan;
        this.profile = profile;
        this.profileFile = profileFile;
        this.recheck = recheck;
        this.ifMoved = ifMoved;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Refuses, in one line, a recipe that reads or resets the junction otherwise than the profile was calibrated
     * with: its threshold and V50 would not apply. Null when they agree.
     */
    public static String mismatch(AcquisitionPlan plan, DeviceProfile profile) {
        ProfileSettings s = profile.settings();
        List<String> differ = new ArrayList<>();
        if (!plan.read().equals(s.read())) {
            differ.add("read bias " + plan.read() + " (profile: " + s.read() + ")");
        }
        if (!plan.reset().equals(profile.operatingPoint().toOperatingPoint().reset())) {
            differ.add("reset pulse " + plan.reset() + " (profile: " + profile.operatingPoint().toOperatingPoint()
                    .reset() + ")");
        }
        if (plan.wiring().writeChannel() != s.writeChannel() || plan.wiring().resetChannel() != s.resetChannel()) {
            differ.add("write/reset channels " + plan.wiring().writeChannel() + "/" + plan.wiring().resetChannel()
                    + " (profile: " + s.writeChannel() + "/" + s.resetChannel() + ")");
        }
        return differ.isEmpty() ? null : "the recipe's " + String.join(", ", differ) + " differ from the settings "
                + "device " + profile.device() + " was calibrated with; use the recipe it was calibrated with, or "
                + "calibrate it again with this one: spinnoise calibrate --device " + profile.device();
    }

    /** Re-checks the profile, then acquires; ends as every run does ({@link RunLifecycle}). */
    public RunSummary run() throws IOException {
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("bench").apply(m).withPlan(plan)
                        .withInstruments(new Instruments(bench.pulse().identity(), bench.smu().identity(), null, null)),
                this::stages, () -> CalibratedAcquisition.safeEnd(bench, folder, plan.reconnect()));
    }

    private RunSummary stages() throws IOException {
        if (stopper.stopRequested()) {
            throw new RunStoppedException("stopped before the first stage", null);
        }
        String mismatch = mismatch(plan, profile);
        if (mismatch != null) {
            throw new CalibrationException(mismatch);
        }
        CalibratedAcquisition.safeStart(bench, folder);
        bench.smu().configureRead(plan.read());
        listener.stage(String.format("re-checking the profile of %s (calibrated %s) with %,d pulses", profile.device(),
                profile.calibratedAt(), recheck.pulses()));
        List<ThresholdCalibration.LevelRead> levelReads = new ArrayList<>();
        ProfileRecheck.Result result;
        try (BatchRecorder sweepReads = BatchRecorder.readsOnly(folder.file(SWEEP_READS_FILE))) {
            result = ProfileRecheck.run(bench, profile, recheck, levelReads::add, batch -> {
                try {
                    sweepReads.accept(batch);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, stopper::stopRequested);
        }
        writeLevels(levelReads);
        writeCheck(result);
        String line = "profile " + profile.device() + " (" + profileFile + ", calibrated " + profile.calibratedAt()
                + "), " + result.describe() + instrumentsNote();
        folder.update(m -> m.withProfile(ProfileSection.loaded(profile.device(), profileFile.toString(),
                profile.calibratedAt(), profile.codeVersion(), result.trusted(), line, result.pulses())
                .withArea(profile.area())));
        folder.saveManifest();
        listener.stage(line);
        if (!result.trusted() && ifMoved == IfMoved.RECALIBRATE) {
            return recalibrateAndAcquire(line, result.pulses());
        }
        if (!result.trusted()) {
            throw new CalibrationException("device " + profile.device() + " has moved since its profile was made ("
                    + profile.calibratedAt() + "): " + String.join("; ", result.problems()) + "; calibrate it again: "
                    + calibrateCommand() + " (or let acquire do it: --recalibrate-if-moved)");
        }
        Threshold threshold = profile.threshold().toThreshold();
        OperatingPoint point = profile.operatingPoint().toOperatingPoint();
        SigmoidFitResult fit = profile.switching().toFitResult();
        // The calibration the bits are made with, where a resume looks for it: the profile's threshold between the
        // states as re-read now, and the profile's fit and operating point.
        ProfileRecheck.LevelsCheck levels = result.levels();
        folder.update(m -> m.withCalibration(Calibration.ofLevels(new ThresholdCalibration.Result(
                stats(levelReads, 0), stats(levelReads, 1), threshold, misread(levelReads, 0, threshold),
                misread(levelReads, 1, threshold))).withSweep(fit, point)));
        folder.saveManifest();
        listener.stage(String.format("acquiring %,d bits at the profile's %.4f V (states %.1f and %.1f ohm)",
                plan.bits(), point.write().amplitudeVolts(), levels.parallelOhms(), levels.antiparallelOhms()));
        listener.acquisitionStarting(plan.bits());
        BenchAcquisition.acquire(bench, plan, point, threshold, fit, folder, listener, stopper, 0);
        return BenchAcquisition.summary(folder, threshold, fit, point);
    }

    /** The command that writes this profile anew, with the profiles folder when it is not the default one. */
    private String calibrateCommand() {
        Path dir = profileFile.getParent();
        return "spinnoise calibrate --device " + profile.device()
                + (dir == null || dir.equals(DeviceProfiles.DEFAULT_DIR) ? "" : " --profiles " + dir);
    }

    /**
     * The device moved and the user asked for a recalibration: the full calibration stages, the profile replaced
     * (the run folder keeps the new one as {@value CalibrationRun#PROFILE_FILE}), then the bits at the new V50.
     */
    private RunSummary recalibrateAndAcquire(String recheckLine, long recheckPulses) throws IOException {
        listener.stage("device " + profile.device() + " has moved: calibrating it again (--recalibrate-if-moved)");
        CalibratedAcquisition.Calibrated c = new CalibratedAcquisition(bench, plan, folder, wire, listener, stopper)
                .calibrate();
        DeviceProfile fresh = CalibrationRun.profileOf(bench, plan, folder, c,
                new CalibrationRun.Device(profile.device(), null, null, profile.area()));
        DeviceProfiles.write(folder.file(CalibrationRun.PROFILE_FILE), fresh);
        DeviceProfiles.write(profileFile, fresh);
        folder.update(m -> m.withProfile(ProfileSection.recalibrated(profile.device(), profileFile.toString(),
                fresh.calibratedAt(), fresh.codeVersion(), fresh.calibrationPulses(), recheckLine, recheckPulses)
                .withArea(fresh.area())));
        folder.saveManifest();
        listener.stage(String.format("profile %s replaced (%s); acquiring %,d bits at V50 = %.4f V",
                profile.device(), profileFile, plan.bits(), c.fit().v50Volts()));
        listener.acquisitionStarting(plan.bits());
        BenchAcquisition.acquire(bench, plan, c.point(), c.levels().threshold(), c.fit(), folder, listener, stopper, 0);
        return BenchAcquisition.summary(folder, c.levels().threshold(), c.fit(), c.point());
    }

    private static ResistanceStats stats(List<ThresholdCalibration.LevelRead> reads, int intendedBit) {
        return ResistanceStats.of(reads.stream().filter(r -> r.intendedBit() == intendedBit)
                .mapToDouble(ThresholdCalibration.LevelRead::resistanceOhms).toArray());
    }

    /** Reads of the state meant to be {@code intendedBit} that the threshold gives the other bit. */
    private static int misread(List<ThresholdCalibration.LevelRead> reads, int intendedBit, Threshold threshold) {
        return (int) reads.stream().filter(r -> r.intendedBit() == intendedBit
                && threshold.bitOf(r.resistanceOhms()) != intendedBit).count();
    }

    /** Other units than the profile's are allowed (the re-check measures what matters) but said. */
    private String instrumentsNote() {
        StringBuilder note = new StringBuilder();
        unit(note, "pulse", bench.pulse().identity());
        unit(note, "smu", bench.smu().identity());
        return note.toString();
    }

    private void unit(StringBuilder note, String role, Identity now) {
        ProfileInstrument was = profile.instrument(role);
        if (was != null && !was.sameUnitAs(now)) {
            note.append("; ").append(role).append(" is now ").append(now.model()).append(" serial ")
                    .append(now.serialNumber()).append(" (profile: ").append(was.label()).append(")");
        }
    }

    private void writeLevels(List<ThresholdCalibration.LevelRead> reads) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(LEVELS_FILE), StandardCharsets.US_ASCII)) {
            out.write("intended_bit,resistance_ohms\n");
            for (ThresholdCalibration.LevelRead r : reads) {
                out.write(r.intendedBit() + "," + r.resistanceOhms() + "\n");
            }
        }
    }

    private void writeCheck(ProfileRecheck.Result result) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(CHECK_FILE), StandardCharsets.US_ASCII)) {
            out.write("write_amplitude_volts,write_width_seconds,pulses,switched,fraction,predicted_probability,"
                    + "std_err,z\n");
            double width = profile.operatingPoint().writeWidthSeconds();
            for (ProfileRecheck.PointCheck p : result.points()) {
                out.write(p.amplitudeVolts() + "," + width + "," + p.pulses() + "," + p.switched() + ","
                        + p.fraction() + "," + p.predictedProbability() + "," + p.stdErr() + "," + p.z() + "\n");
            }
        }
    }
}
