package org.spinnoise.sim.soak;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.run.RunListener;

/**
 * The soak's listener on one run: it arms the fault scheduler when the run's faultable phase begins (a bench run's
 * acquisition, after calibration; a board run's stream, from its start), counts what the source reported beside its
 * bits (reconnects, discarded batches, bad frames: the controller detecting a fault), and notes the run folder.
 */
final class RunFaults implements RunListener {
    private final FaultScheduler scheduler;
    private final FaultScheduler.Armed armed;
    private final boolean armAtStart;
    private final boolean armable;
    private final AtomicLong sourceEvents = new AtomicLong();
    private volatile Path folder;

    /** {@code armable} false: a run no fault is injected into (the soak's first, its baseline). */
    RunFaults(FaultScheduler scheduler, SoakFault.Target target, SoakFault.Running running, boolean armable) {
        this.armable = armable;
        this.scheduler = scheduler;
        this.armed = new FaultScheduler.Armed(target, running);
        this.armAtStart = target == SoakFault.Target.BOARD_STREAM;
    }

    void folderCreated(Path dir) {
        folder = dir;
    }

    Path folder() {
        return folder;
    }

    long sourceEvents() {
        return sourceEvents.get();
    }

    FaultScheduler.Armed armed() {
        return armed;
    }

    @Override
    public void runStarted(Path dir) {
        folder = dir;
        if (armAtStart && armable) {
            scheduler.arm(armed);
        }
    }

    @Override
    public void acquisitionStarting(long totalBits) {
        if (!armAtStart && armable) {
            scheduler.arm(armed);
        }
    }

    @Override
    public void sourceEvent(SourceEvent event) {
        sourceEvents.incrementAndGet();
    }
}
