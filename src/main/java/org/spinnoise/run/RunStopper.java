package org.spinnoise.run;

import java.time.Duration;

/**
 * How the runs of one process are asked to stop early, and how the asker learns they have reached a safe end. The
 * CLI's handler of SIGINT and SIGTERM calls {@link #requestStop} and then {@link #awaitIdle}; a run polls
 * {@link #stopRequested()} between bits and holds an {@link Active} from its start until its outputs are off, its
 * files are closed and its manifest is written, so the process does not exit under it. Commands hold one too around
 * whatever must be closed before the process ends (a simulated bench, a board emulator's pseudo-terminal).
 */
public final class RunStopper {
    private volatile String reason;
    private int active;

    /** A stopper nobody stops, for runs driven by code rather than a console. */
    public static RunStopper never() {
        return new RunStopper();
    }

    /** Asks every run to stop at its next safe point; {@code reason} (e.g. "SIGINT") goes into the manifests. */
    public void requestStop(String why) {
        if (reason == null) {
            reason = why;
        }
    }

    public boolean stopRequested() {
        return reason != null;
    }

    /** Why the stop was asked for, or null when it was not. */
    public String reason() {
        return reason;
    }

    /** Marks the start of something that must finish before the process ends; close the result when it has. */
    public synchronized Active enter() {
        active++;
        return new Active();
    }

    /**
     * Waits until nothing holds an {@link Active}, at most {@code timeout}.
     *
     * @return true when idle, false when the time ran out first
     */
    public synchronized boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (active > 0) {
            long leftNanos = deadline - System.nanoTime();
            if (leftNanos <= 0) {
                return false;
            }
            wait(Math.max(1, leftNanos / 1_000_000));
        }
        return true;
    }

    private synchronized void leave() {
        active--;
        notifyAll();
    }

    /** One holder's claim that the process must not end yet; closing it twice releases it once. */
    public final class Active implements AutoCloseable {
        private boolean closed;

        private Active() {
        }

        @Override
        public void close() {
            synchronized (RunStopper.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            leave();
        }
    }
}
