package org.spinnoise.run;

import java.io.IOException;
import java.time.Instant;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.RunStatus;

/**
 * The one manifest lifecycle every run goes through, bench or board, new or resumed: the manifest is written
 * "running" before anything is switched on; however the stages end, every output is put in its safe state, and only
 * then are the outcome ("complete", "failed" or "interrupted") and the finish time written, so the manifest never
 * claims a finish the hardware had not reached; then the wire transcript is closed and every file described with its
 * hash. A failure is rethrown; a stop that was asked for ends in a {@link RunStoppedException}.
 */
final class RunLifecycle {
    private static final Logger LOG = LoggerFactory.getLogger(RunLifecycle.class);

    /** The stages of a run, from the first command to the last bit. */
    interface Stages<T> {
        T run() throws IOException;
    }

    /** Puts every output the run owns in its safe state and says what became of each; never throws. */
    interface SafeEnd {
        SafeStateReport end();
    }

    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;

    RunLifecycle(RunFolder folder, WireLog wire, RunListener listener, RunStopper stopper) {
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /** The manifest's opening of a new run: tool, status "running", start time and kind ("bench" or "board"). */
    static UnaryOperator<RunManifest> newRun(String kind) {
        return m -> m.withTool(new RunManifest.Tool("spinnoise", CodeVersion.describe(),
                System.getProperty("java.version"))).withRun(RunStatus.running(kind, Instant.now().toString()));
    }

    /**
     * Runs {@code stages} between {@code begin} (applied to the manifest and saved first) and the safe end. A disk
     * that fills up is reported with the run folder's name ({@link NoSpaceLeft}).
     */
    <T> T run(UnaryOperator<RunManifest> begin, Stages<T> stages, SafeEnd safeEnd) throws IOException {
        try {
            return runBetween(begin, stages, safeEnd);
        } catch (IOException e) {
            throw NoSpaceLeft.naming(folder.dir(), e);
        }
    }

    private <T> T runBetween(UnaryOperator<RunManifest> begin, Stages<T> stages, SafeEnd safeEnd) throws IOException {
        try (RunStopper.Active running = stopper.enter()) {
            folder.update(begin);
            folder.saveManifest();
            listener.runStarted(folder.dir());
            Exception failure = null;
            try {
                return stages.run();
            } catch (IOException | RuntimeException e) {
                failure = e;
                if (stopper.stopRequested() && !(e instanceof RunStoppedException)) {
                    throw new RunStoppedException("run stopped by " + stopper.reason() + " after "
                            + folder.manifest().bits() + " confirmed bits; " + folder.dir()
                            + " keeps them (status 'interrupted')", e);
                }
                throw e;
            } finally {
                end(failure, safeEnd);
            }
        }
    }

    /** Safe state first, then the outcome and the finish time, then the transcript and the file list. */
    private void end(Exception failure, SafeEnd safeEnd) throws IOException {
        SafeStateReport safe = safeEnd.end();
        OutputsLeftOnException leftOn = null;
        if (!safe.allSafe()) {
            LOG.error("not every output could be put in its safe state: {}", safe.failures());
            leftOn = new OutputsLeftOnException(folder.dir(), safe);
            if (failure != null) {
                failure.addSuppressed(leftOn);
            }
        }
        boolean stopped = failure != null && stopper.stopRequested();
        String error = failure == null ? null
                : failure.getMessage() == null ? failure.toString() : failure.getMessage();
        String outcome = failure == null ? "complete" : stopped ? "interrupted" : "failed";
        folder.update(m -> m.withRun(m.run().withSafeState(safe.outputs())
                .withOutcome(outcome, error, stopped ? stopper.reason() : null)));
        folder.update(m -> m.withRun(m.run().withFinished(Instant.now().toString())));
        // The energy of what the junction went through, from the folder's records, before the files are listed.
        RunEnergy.writeAfterRun(folder);
        // Before the file list, so a watcher's last write into the folder (its live state) is what gets described.
        listener.runEnded(outcome, error);
        wire.close(); // finishes the transcript so its checksum below is of the whole file
        folder.describeFiles();
        folder.saveManifest();
        if (stopped) {
            listener.stage("stopped by " + stopper.reason() + ": " + folder.manifest().bits()
                    + " confirmed bits kept in " + folder.dir() + "; outputs "
                    + (safe.allSafe() ? "off" : "NOT ALL OFF: " + safe.failures()));
        }
        if (failure == null && leftOn != null) {
            // The bits are kept and the manifest says "complete"; the command still fails, naming the outputs.
            throw leftOn;
        }
    }
}
