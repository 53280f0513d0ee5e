package org.spinnoise.sim.soak;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults at random moments (exponential gaps, {@code faultsPerMinute} on average) into whatever run is armed
 * at that moment, with a kind drawn from those for its target; a gap that ends with nothing armed injects nothing (had
 * it waited for the next run, every such fault would land in the first instant of a run's faultable phase). A run
 * arms itself once its faultable phase begins and disarms when it ends; disarming waits for a fault being held to be
 * lifted, so no fault outlives its run.
 */
final class FaultScheduler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FaultScheduler.class);

    /** An armed run: what is running and the kinds injected into it so far. */
    static final class Armed {
        final SoakFault.Target target;
        final SoakFault.Running running;
        final List<String> injected = new ArrayList<>();

        Armed(SoakFault.Target target, SoakFault.Running running) {
            this.target = target;
            this.running = running;
        }
    }

    private final List<SoakFault> kinds;
    private final double faultsPerMinute;
    private final SplittableRandom random;
    private final BooleanSupplier running;
    private Armed armed;

    FaultScheduler(List<SoakFault> kinds, double faultsPerMinute, long seed, BooleanSupplier running) {
        this.kinds = List.copyOf(kinds);
        this.faultsPerMinute = faultsPerMinute;
        this.random = new SplittableRandom(seed);
        this.running = running;
    }

    synchronized void arm(Armed run) {
        armed = run;
        notifyAll();
    }

    /** Ends faults on {@code run}; returns once no fault on it is being held. */
    synchronized List<String> disarm(Armed run) {
        if (armed == run) {
            armed = null;
        }
        synchronized (run) {
            return List.copyOf(run.injected);
        }
    }

    @Override
    public void run() {
        if (faultsPerMinute <= 0) {
            return;
        }
        try {
            while (running.getAsBoolean()) {
                long gapMillis = (long) (-Math.log(1 - random.nextDouble()) * 60_000 / faultsPerMinute);
                sleepWhileRunning(gapMillis);
                injectIntoArmed();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void injectIntoArmed() throws InterruptedException {
        Armed target;
        synchronized (this) {
            target = armed;
            if (target == null) {
                return;
            }
            List<SoakFault> fitting = kinds.stream().filter(k -> k.target() == target.target).toList();
            if (fitting.isEmpty()) {
                return;
            }
            SoakFault kind = fitting.get(random.nextInt(fitting.size()));
            SoakFault.Injected injected;
            try {
                injected = kind.inject(target.running, random);
            } catch (RuntimeException e) {
                LOG.warn("soak: injecting {} failed", kind.name(), e);
                return;
            }
            synchronized (target) {
                target.injected.add(kind.name());
            }
            LOG.info("soak fault {}: {}", kind.name(), injected.detail());
            // Held under this monitor (sleep keeps it, wait would not), so disarm() waits for the fault to be lifted.
            try {
                if (!injected.hold().isZero()) {
                    Thread.sleep(injected.hold().toMillis());
                }
            } finally {
                injected.end().run();
            }
        }
    }

    private void sleepWhileRunning(long millis) throws InterruptedException {
        long until = System.nanoTime() + millis * 1_000_000;
        while (running.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
        }
    }
}
