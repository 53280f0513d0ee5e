package org.spinnoise.sim;

import java.util.PriorityQueue;

/**
 * The simulated bench's clock for what instruments do on their own once triggered: a queue of actions in modelled
 * seconds, run in time order (ties in the order scheduled). An SMU pacing a batch schedules its trigger edges and
 * readings; a pulse generator that receives an edge schedules its pulses after its trigger delays; running the queue
 * then puts every pulse and reading on the junction in the order the hardware would, so a reading that starts before
 * a write pulse has ended sees the state before it. Time only moves forward; it is independent of wall-clock time.
 */
final class SimClock {
    private record Scheduled(double atSeconds, long order, Runnable action) {
    }

    private final PriorityQueue<Scheduled> queue = new PriorityQueue<>((a, b) -> a.atSeconds != b.atSeconds
            ? Double.compare(a.atSeconds, b.atSeconds) : Long.compare(a.order, b.order));
    private double nowSeconds;
    private long scheduled;
    private boolean running;

    /** Modelled time now: of the action running, or the last one run. */
    synchronized double nowSeconds() {
        return nowSeconds;
    }

    /** Queues an action at a modelled time, never earlier than now. */
    synchronized void at(double atSeconds, Runnable action) {
        if (!(atSeconds >= nowSeconds)) {
            throw new IllegalArgumentException("cannot schedule at " + atSeconds + " s, before now (" + nowSeconds
                    + " s)");
        }
        queue.add(new Scheduled(atSeconds, scheduled++, action));
    }

    /**
     * Runs every queued action in time order, including those the actions queue, until none is left. A call made
     * while the queue is already running (an action that triggers another instrument) returns at once: the outer
     * call runs what it queued.
     */
    void runAll() {
        synchronized (this) {
            if (running) {
                return;
            }
            running = true;
        }
        try {
            while (true) {
                Scheduled next;
                synchronized (this) {
                    next = queue.poll();
                    if (next == null) {
                        return;
                    }
                    nowSeconds = next.atSeconds;
                }
                next.action.run();
            }
        } finally {
            synchronized (this) {
                running = false;
            }
        }
    }
}
