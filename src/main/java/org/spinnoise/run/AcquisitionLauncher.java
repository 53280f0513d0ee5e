package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.calibration.profile.DeviceProfile;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.calibration.profile.ProfileRecheck;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.link.InstrumentAddress;
import org.spinnoise.link.WireLog;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.RunStatus;

/**
 * Starts every kind of acquisition into a new run folder the same way ({@link #launch}): the folder is created while
 * the process's stopper is held, so a signal during connecting waits for the run to start, sees the stop and ends it
 * cleanly rather than leaving a folder without a manifest; its path is announced; the wire log records into its
 * transcript; the acquisition runs with the caller's listener and stopper. On that one path sit a bench run of one
 * junction (calibrated, or from a re-checked device profile), a bench junction array, a pulser-board run and a board
 * junction array; beside it, the continuation of an interrupted run and a finished run's ingest into a pool.
 */
public final class AcquisitionLauncher {
    /**
     * Where a run goes and who watches it: the parent of run folders, the folder's name part, the run's listener
     * (console, dashboard), the process's stopper, and who is told the new folder's path as soon as it exists.
     */
    public record Launch(Path runsDir, String name, RunListener listener, RunStopper stopper,
                         Consumer<Path> folderCreated) {
    }

    /** What runs in the new folder, given the folder and the wire log already recording into its transcript. */
    @FunctionalInterface
    public interface Acquisition<T> {
        T run(RunFolder folder, WireLog wire) throws IOException;
    }

    /** One junction's two bench addresses: its pulse generator and its source-measure unit. */
    public record SiteAddresses(String pulse, String smu) {
    }

    /** A device profile to re-check and use instead of calibrating, the file it came from, and what if it moved. */
    public record Profile(DeviceProfile profile, Path file, ProfiledAcquisition.IfMoved ifMoved) {
        /** Loads {@code device}'s profile from {@code dir}, refusing one that does not suit {@code plan}. */
        public static Profile load(Path dir, String device, AcquisitionPlan plan, boolean recalibrateIfMoved)
                throws IOException {
            DeviceProfile profile = DeviceProfiles.load(dir, device);
            String mismatch = ProfiledAcquisition.mismatch(plan, profile);
            if (mismatch != null) {
                throw new IOException(mismatch);
            }
            return new Profile(profile, DeviceProfiles.fileFor(dir, device), recalibrateIfMoved
                    ? ProfiledAcquisition.IfMoved.RECALIBRATE : ProfiledAcquisition.IfMoved.REFUSE);
        }
    }

    private AcquisitionLauncher() {
    }

    /** Runs {@code acquisition} in a new run folder: the one path every launch below takes. */
    public static <T> T launch(Launch launch, Acquisition<T> acquisition) throws IOException {
        try (RunStopper.Active launching = launch.stopper().enter(); WireLog wire = new WireLog()) {
            RunFolder folder = RunFolder.create(launch.runsDir(), launch.name());
            launch.folderCreated().accept(folder.dir());
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            return acquisition.run(folder, wire);
        }
    }

    /**
     * A bench run of one junction by address: calibrate and acquire, or with a {@code profile} (null: none) re-check
     * it and acquire at its operating point. {@code benchSection} goes into the manifest first.
     */
    public static RunSummary bench(Launch launch, String pulseAddress, String smuAddress, AcquisitionPlan plan,
                                   BenchSection benchSection, Profile profile) throws IOException {
        checkBench(pulseAddress, smuAddress, plan);
        return launch(launch, (folder, wire) -> {
            folder.update(m -> m.withBench(benchSection));
            try (Bench bench = connect(folder, pulseAddress, smuAddress, plan, wire)) {
                if (profile != null) {
                    return new ProfiledAcquisition(bench, plan, profile.profile(), profile.file(),
                            ProfileRecheck.Plan.DEFAULT, profile.ifMoved(), folder, wire, launch.listener(),
                            launch.stopper()).run();
                }
                return new CalibratedAcquisition(bench, plan, folder, wire, launch.listener(), launch.stopper()).run();
            }
        });
    }

    /** A bench junction array: one pulse generator and SMU per junction, in order, each calibrated on its own. */
    public static ArrayRunSummary benchArray(Launch launch, List<SiteAddresses> sites, AcquisitionPlan plan,
                                             BenchSection benchSection) throws IOException {
        for (int i = 0; i < sites.size(); i++) {
            try {
                checkBench(sites.get(i).pulse(), sites.get(i).smu(), plan);
            } catch (IOException e) {
                throw new IOException("junction " + i + ": " + e.getMessage(), e);
            }
        }
        return launch(launch, (folder, wire) -> {
            folder.update(m -> m.withBench(benchSection));
            List<ArrayAcquisition.Site> connected = connectAll(folder, sites, plan, wire);
            try {
                return new ArrayAcquisition(connected, plan, folder, wire, launch.listener(), launch.stopper(),
                        ArrayAcquisition.JunctionWrapper.NONE).run();
            } finally {
                connected.forEach(s -> s.bench().close());
            }
        });
    }

    /**
     * A pulser-board run at {@code address}; with a {@code calibration} (null: none) the board is calibrated from
     * its bits first, with {@code tracking} (null: none) p = 1/2 is held while streaming.
     */
    public static BoardAcquisition.Result board(Launch launch, String address, BoardAcquisition.Plan plan,
                                                BoardCalibration.Plan calibration, TrackingPlan tracking)
            throws IOException {
        checkBoard(address, plan);
        return launch(launch, (folder, wire) -> {
            BoardAcquisition run = new BoardAcquisition(address, plan, folder, wire, launch.listener(),
                    launch.stopper());
            boardOptions(calibration, run::withCalibration, tracking, run::withTracking);
            return run.run();
        });
    }

    /** A board junction array (several bits in the plan's junction mask), as {@link #board} for each junction. */
    public static ArrayRunSummary boardArray(Launch launch, String address, BoardAcquisition.Plan plan,
                                             BoardCalibration.Plan calibration, TrackingPlan tracking)
            throws IOException {
        checkBoard(address, plan);
        return launch(launch, (folder, wire) -> {
            BoardArrayAcquisition run = new BoardArrayAcquisition(address, plan, folder, wire, launch.listener(),
                    launch.stopper());
            boardOptions(calibration, run::withCalibration, tracking, run::withTracking);
            return run.run();
        });
    }

    /** A board run's optional stages: calibration and tracking, each when given (not null). */
    private static void boardOptions(BoardCalibration.Plan calibration, Consumer<BoardCalibration.Plan> calibrate,
                                     TrackingPlan tracking, Consumer<TrackingPlan> track) {
        if (calibration != null) {
            calibrate.accept(calibration);
        }
        if (tracking != null) {
            track.accept(tracking);
        }
    }

    /**
     * Continues the interrupted or failed run in {@code runDir} on the bench its manifest names; {@code opened} is
     * told what is resumed before the first bit.
     */
    public static RunSummary resume(Path runDir, RunListener listener, RunStopper stopper,
                                    Consumer<ResumedAcquisition> opened) throws IOException {
        try (RunStopper.Active launching = stopper.enter(); WireLog wire = new WireLog()) {
            ResumedAcquisition resumed = ResumedAcquisition.open(runDir, wire, listener, stopper);
            opened.accept(resumed);
            wire.recordTo(resumed.transcript());
            return resumed.run();
        }
    }

    /**
     * Assesses the finished run's bits and ingests them into the pool in {@code poolDir}, testing the health of the
     * bits at significance {@code alpha}.
     */
    public static RunIngest.Result ingest(Path runFolder, Path poolDir, double alpha, Progress progress)
            throws IOException {
        try (EntropyPool pool = EntropyPool.open(poolDir, PoolConfig.defaults())) {
            return RunIngest.ingest(RunFolder.open(runFolder), pool, null, alpha, progress);
        }
    }

    /** As above, at the significance of the plan the run's manifest records (a bench run's). */
    public static RunIngest.Result ingest(Path runFolder, Path poolDir, Progress progress) throws IOException {
        return ingest(runFolder, poolDir, RunFolder.open(runFolder).manifest().plan().health().alpha(), progress);
    }

    /**
     * Refuses, before any run folder exists or any instrument is opened, a bench whose addresses do not parse or a
     * plan whose stages do not all keep within its safety limits (see {@link AcquisitionPlan#problem()}): a run that
     * fails validation leaves nothing behind. Commands that make their own folder (calibrate) call it first too.
     */
    public static void checkBench(String pulseAddress, String smuAddress, AcquisitionPlan plan) throws IOException {
        checkAddress("pulse", pulseAddress);
        checkAddress("smu", smuAddress);
        String problem = plan.problem();
        if (problem != null) {
            throw new IOException("the recipe is not safe to run: " + problem);
        }
    }

    /**
     * Refuses, before any run folder exists, a board address that does not parse or an operating point whose write or
     * reset pulse exceeds the plan's safety limit (the board client checks the DAC-rounded pulses again as it
     * configures the board, the one place nothing beyond the limit is ever sent).
     */
    public static void checkBoard(String address, BoardAcquisition.Plan plan) throws IOException {
        checkAddress("board", address);
        double limit = plan.maxJunctionVolts();
        if (!(limit > 0) || limit > SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS) {
            throw new IOException("board: --max-volts " + limit + " V is not a plausible safety limit; give a "
                    + "limit above 0 and at most " + SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS + " V");
        }
        double worst = Math.max(plan.point().writeVolts(), -plan.point().resetVolts());
        if (!(worst <= limit)) {
            throw new IOException(String.format(Locale.ROOT, "board: a %s V pulse (write %s V, reset %s V) "
                    + "exceeds the safety limit of %s V across the junction (--max-volts); lower the pulse or, if "
                    + "the device takes it, raise the limit", worst, plan.point().writeVolts(),
                    plan.point().resetVolts(), limit));
        }
    }

    /** Refuses an address that does not parse, naming the instrument's {@code role}. */
    public static void checkAddress(String role, String address) throws IOException {
        if (address == null) {
            throw new IOException(role + ": no address given");
        }
        try {
            InstrumentAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new IOException(role + ": " + e.getMessage(), e);
        }
    }

    /** Connects; a failure is written into the manifest before it propagates, so the folder says why it is empty. */
    public static Bench connect(RunFolder folder, String pulseAddress, String smuAddress, AcquisitionPlan plan,
                                WireLog wire) throws IOException {
        try {
            return Bench.connect(pulseAddress, smuAddress, plan.wiring().writeChannel(), plan.wiring().resetChannel(),
                    plan.limits(), wire);
        } catch (IOException e) {
            folder.update(m -> m.withRun(RunStatus.failedToStart("bench", e.getMessage())));
            folder.saveManifest();
            throw e;
        }
    }

    /** Every site, in order; when one cannot be opened, those already open are made safe and closed. */
    private static List<ArrayAcquisition.Site> connectAll(RunFolder folder, List<SiteAddresses> sites,
                                                          AcquisitionPlan plan, WireLog wire) throws IOException {
        List<ArrayAcquisition.Site> connected = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            SiteAddresses s = sites.get(i);
            try {
                connected.add(new ArrayAcquisition.Site(Bench.connect(s.pulse(), s.smu(),
                        plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire), s.pulse(),
                        s.smu()));
            } catch (IOException e) {
                for (ArrayAcquisition.Site open : connected) {
                    open.bench().safeState();
                    open.bench().close();
                }
                String why = "junction " + i + " (" + s.pulse() + ", " + s.smu() + "): " + e.getMessage();
                folder.update(m -> m.withRun(RunStatus.failedToStart("bench-array", why)));
                folder.saveManifest();
                throw new IOException(why, e);
            }
        }
        return connected;
    }
}
