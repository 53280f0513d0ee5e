package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.OperatingPointCheck;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Resume;
import org.spinnoise.scpi.Identity;

/**
 * Continues a bench run that was interrupted (or failed, e.g. after a lost instrument): re-opens the bench at the
 * addresses in its manifest, checks by {@code *IDN?} that they are the same instruments (model and serial number),
 * puts every output in its safe state, restores the read bias and the pulses from the manifest, checks the operating
 * point with {@value #CHECK_BITS} bits whose fraction of ones must lie within {@value #CHECK_TOLERANCE} of 1/2, and
 * then appends to the run's {@code bits.bin} and {@code reads.csv} until the plan's bits are confirmed. The manifest's
 * bit count is the truth: the files are cut to it first, so no bit is lost or repeated. The health tests restart on
 * the appended bits (their state before is kept in the resume's record). Each resume is recorded in the manifest.
 */
public final class ResumedAcquisition {
    /** Bits of the operating-point check before appending ({@link OperatingPointCheck}). */
    public static final int CHECK_BITS = OperatingPointCheck.CHECK_BITS;
    /** Largest |fraction of ones − 1/2| the check accepts ({@link OperatingPointCheck}). */
    public static final double CHECK_TOLERANCE = OperatingPointCheck.TOLERANCE;

    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;

    private ResumedAcquisition(RunFolder folder, WireLog wire, RunListener listener, RunStopper stopper) {
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Opens the run in {@code dir} for a resume, or refuses in one line: a folder that is not a run, a run that is
     * complete, still marked running, a board run, or one that failed before its calibration finished.
     */
    public static ResumedAcquisition open(Path dir, WireLog wire, RunListener listener, RunStopper stopper)
            throws IOException {
        RunFolder folder = RunFolder.open(dir);
        RunManifest m = folder.manifest();
        String status = m.status();
        if (status.equals("complete")) {
            throw new IOException(dir + " is complete (" + m.bits() + " bits); there is nothing to resume: start a "
                    + "new run with spinnoise acquire");
        }
        if (!status.equals("interrupted") && !status.equals("failed")) {
            throw new IOException(dir + " says its run is '" + status + "', and only an interrupted or failed run "
                    + "can be resumed; if its process was killed, the run was never closed: start a new run");
        }
        if (m.poolIngest() != null) {
            throw new IOException(dir + " was already ingested into the pool at " + m.poolIngest().pool() + ", and a "
                    + "run's bits enter a pool only once, so resumed bits could never follow: start a new run");
        }
        if (m.array() != null) {
            throw new IOException(dir + " is a junction-array run, which --resume cannot continue: start a new run "
                    + "with spinnoise acquire");
        }
        if (m.run() != null && "calibration".equals(m.run().kind())) {
            throw new IOException(dir + " is a calibration run (spinnoise calibrate), which acquires no bits: "
                    + "calibrate again, or acquire with its profile: spinnoise acquire --device NAME");
        }
        if (m.plan() == null || m.bench() == null || m.instruments() == null) {
            throw new IOException(dir + " is not a bench run (no plan, bench addresses or instruments in its "
                    + "manifest); --resume continues runs made by spinnoise acquire or demo");
        }
        if (m.calibration() == null || m.calibration().operatingPoint() == null) {
            throw new IOException(dir + " failed before its calibration finished (no operating point in its "
                    + "manifest), so there is nothing to resume: start a new run with spinnoise acquire");
        }
        return new ResumedAcquisition(folder, wire, listener, stopper);
    }

    /** The file this resume's wire transcript goes to, beside the run's first one. */
    public Path transcript() {
        List<Resume> resumes = folder.manifest().resumes();
        return folder.file("wire-transcript-resume-" + ((resumes == null ? 0 : resumes.size()) + 1) + ".log.gz");
    }

    public Path dir() {
        return folder.dir();
    }

    /** The bits the run holds now and the bits its plan wants. */
    public long bitsBefore() {
        return folder.manifest().bits();
    }

    public long bitsWanted() {
        return folder.manifest().plan().bits();
    }

    /** Re-opens the bench and continues the run; ends as every run does ({@link RunLifecycle}). */
    public RunSummary run() throws IOException {
        RunManifest m = folder.manifest();
        AcquisitionPlan plan = m.plan();
        long before = m.bits();
        listener.stage("re-opening the bench at " + m.bench().pulseAddress() + " and " + m.bench().smuAddress());
        try (Bench bench = Bench.connect(m.bench().pulseAddress(), m.bench().smuAddress(),
                plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
            Resume resume = new Resume(Instant.now().toString(), m.status(), before, null, 0, 0,
                    "restarted at bit " + before + ": the repetition count and adaptive proportion tests start "
                            + "afresh on the appended bits; health_tests are theirs, health_tests_before the earlier",
                    m.healthTests());
            return new RunLifecycle(folder, wire, listener, stopper).run(
                    mm -> mm.withRun(mm.run().resumed()).withResume(resume),
                    () -> stages(bench, plan, before),
                    () -> CalibratedAcquisition.safeEnd(bench, folder, plan.reconnect()));
        }
    }

    private RunSummary stages(Bench bench, AcquisitionPlan plan, long before) throws IOException {
        RunManifest m = folder.manifest();
        sameInstrument("pulse", m.bench().pulseAddress(), m.instruments().pulse(), bench.pulse().identity());
        sameInstrument("smu", m.bench().smuAddress(), m.instruments().smu(), bench.smu().identity());
        CalibratedAcquisition.safeStart(bench, folder);
        bench.smu().configureRead(plan.read());
        Threshold threshold = m.calibration().levels().threshold();
        OperatingPoint point = m.calibration().operatingPoint();
        listener.stage(String.format("checking the operating point: %d bits at %.4f V", CHECK_BITS,
                point.write().amplitudeVolts()));
        checkOperatingPoint(bench, point, threshold);
        listener.stage(String.format("appending %,d bits to the %,d of %s", plan.bits() - before, before,
                folder.dir()));
        listener.acquisitionStarting(plan.bits());
        try {
            BenchAcquisition.acquire(bench, plan, point, threshold, m.calibration().sweepFit(), folder, listener,
                    stopper, before);
        } finally {
            long after = folder.manifest().bits();
            folder.update(mm -> mm.withResumes(replaceLast(mm.resumes(), last(mm).withBitsAfter(after))));
        }
        return BenchAcquisition.summary(folder, threshold, m.calibration().sweepFit(), point);
    }

    private static void sameInstrument(String role, String address, Identity was, Identity now)
            throws InstrumentException {
        if (!was.model().equals(now.model()) || !was.serialNumber().equals(now.serialNumber())) {
            throw new InstrumentException(role + " at " + address + " is " + now.model() + " serial "
                    + now.serialNumber() + ", but the run was made with " + was.model() + " serial "
                    + was.serialNumber() + "; connect the same instrument, or start a new run");
        }
    }

    /** A short acquisition at the operating point, kept in its own file, whose ones must be near half. */
    private void checkOperatingPoint(Bench bench, OperatingPoint point, Threshold threshold) throws IOException {
        int index = folder.manifest().resumes().size();
        OperatingPointCheck.Result check;
        try (BatchRecorder log = BatchRecorder.readsOnly(folder.file("resume-" + index + "-check.csv"))) {
            check = OperatingPointCheck.run(bench, point, threshold, stopper::stopRequested, log::accept);
        }
        if (check.bits() < CHECK_BITS) {
            throw new RunStoppedException("stopped during the operating-point check", null);
        }
        long checkOnes = check.ones();
        folder.update(mm -> mm.withResumes(replaceLast(mm.resumes(), new Resume(last(mm).time(),
                last(mm).resumedFrom(), last(mm).bitsBefore(), null, CHECK_BITS, checkOnes, last(mm).healthTests(),
                last(mm).healthTestsBefore()))));
        folder.saveManifest();
        if (!check.passed()) {
            throw new CalibrationException(check.describe() + ": the junction has drifted since the run was "
                    + "calibrated: start a new run (spinnoise acquire) to recalibrate");
        }
    }

    private static Resume last(RunManifest m) {
        return m.resumes().get(m.resumes().size() - 1);
    }

    private static List<Resume> replaceLast(List<Resume> resumes, Resume last) {
        List<Resume> all = new ArrayList<>(resumes);
        all.set(all.size() - 1, last);
        return List.copyOf(all);
    }
}
