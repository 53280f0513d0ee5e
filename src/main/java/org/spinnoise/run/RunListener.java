package org.spinnoise.run;

import java.nio.file.Path;
import java.util.List;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.TrackingRow;

/**
 * What a run tells whoever watches it (the console, a dashboard); every method does nothing unless overridden.
 * Methods called from the acquisition loop ({@link #recorded}, {@link #sourceEvent}, {@link #healthAlarm},
 * {@link #tracked}) run on that loop's thread: a listener must only note what it is told and return at once.
 */
public interface RunListener {
    default void stage(String description) {
    }

    /** A switching sweep of about {@code plannedPulses} write pulses begins (its points follow). */
    default void sweepStarting(long plannedPulses) {
    }

    default void sweepPoint(SwitchingPoint point) {
    }

    /** The calibration is done and the acquisition of {@code totalBits} at the operating point begins. */
    default void acquisitionStarting(long totalBits) {
    }

    default void acquired(long bits, long totalBits) {
    }

    /** The run in {@code folder} has begun: its manifest says "running" and is on disk. */
    default void runStarted(Path folder) {
    }

    /**
     * One confirmed batch was handed to the writer: {@code bits} confirmed so far in the run (a resumed run's
     * earlier bits included) of {@code totalBits}, of which this batch's {@code batchBits} held {@code batchOnes}.
     */
    default void recorded(long bits, long batchBits, long batchOnes, long totalBits) {
    }

    /** The source reported something beside its bits (a discarded batch, a reconnect, a lost frame). */
    default void sourceEvent(SourceEvent event) {
    }

    /**
     * The continuous health tests' alarm count grew to {@code failures}; the first alarm was at bit
     * {@code firstFailureBitIndex} of this acquisition.
     */
    default void healthAlarm(long failures, long firstFailureBitIndex) {
    }

    /** A drift tracker's estimate (and, when {@link TrackingRow#adjusted()}, its move of the write amplitude). */
    default void tracked(TrackingRow row) {
    }

    /** The run ended ("complete", "interrupted" or "failed", with the error or null), outputs in their safe state. */
    default void runEnded(String outcome, String error) {
    }

    /** A listener that tells each of {@code listeners} everything, in order. */
    static RunListener all(RunListener... listeners) {
        List<RunListener> each = List.of(listeners);
        return new RunListener() {
            @Override
            public void stage(String description) {
                each.forEach(l -> l.stage(description));
            }

            @Override
            public void sweepStarting(long plannedPulses) {
                each.forEach(l -> l.sweepStarting(plannedPulses));
            }

            @Override
            public void sweepPoint(SwitchingPoint point) {
                each.forEach(l -> l.sweepPoint(point));
            }

            @Override
            public void acquisitionStarting(long totalBits) {
                each.forEach(l -> l.acquisitionStarting(totalBits));
            }

            @Override
            public void acquired(long bits, long totalBits) {
                each.forEach(l -> l.acquired(bits, totalBits));
            }

            @Override
            public void runStarted(Path folder) {
                each.forEach(l -> l.runStarted(folder));
            }

            @Override
            public void recorded(long bits, long batchBits, long batchOnes, long totalBits) {
                for (RunListener l : each) {
                    l.recorded(bits, batchBits, batchOnes, totalBits);
                }
            }

            @Override
            public void sourceEvent(SourceEvent event) {
                each.forEach(l -> l.sourceEvent(event));
            }

            @Override
            public void healthAlarm(long failures, long firstFailureBitIndex) {
                each.forEach(l -> l.healthAlarm(failures, firstFailureBitIndex));
            }

            @Override
            public void tracked(TrackingRow row) {
                each.forEach(l -> l.tracked(row));
            }

            @Override
            public void runEnded(String outcome, String error) {
                each.forEach(l -> l.runEnded(outcome, error));
            }
        };
    }
}
