package org.spinnoise.sim;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The SCPI error/event queue: first in, first out, bounded. When it is full, the newest entry is replaced by -350
 * Queue overflow, so a client that drains the queue learns errors were lost. Every error also sets its class bit in
 * the event status register.
 */
final class ErrorQueue {
    private final Deque<Integer> codes = new ArrayDeque<>();
    private final int capacity;
    private final EventStatusRegister eventStatus;

    ErrorQueue(int capacity, EventStatusRegister eventStatus) {
        this.capacity = capacity;
        this.eventStatus = eventStatus;
    }

    synchronized void push(int code) {
        eventStatus.recordError(code);
        if (codes.size() < capacity) {
            codes.addLast(code);
        } else {
            codes.pollLast();
            codes.addLast(ScpiError.QUEUE_OVERFLOW);
        }
    }

    /** The oldest error code, removed from the queue, or 0 when the queue is empty. */
    synchronized int next() {
        Integer code = codes.pollFirst();
        return code == null ? 0 : code;
    }

    synchronized int count() {
        return codes.size();
    }

    synchronized void clear() {
        codes.clear();
    }
}
