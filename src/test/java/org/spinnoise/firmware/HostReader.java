package org.spinnoise.firmware;

import java.io.ByteArrayOutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Reads a {@link BoardStream} to its end on a thread of its own, as a consumer would, so a test can drive a
 * {@link ScriptedBoard} meanwhile; keeps the bytes handed out and how the stream ended.
 */
final class HostReader {
    private final Thread thread;
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean interruptedAfter;

    private HostReader(BoardStream stream, long stopAfterBits) {
        thread = new Thread(() -> {
            byte[] chunk = new byte[1 << 16];
            try {
                for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
                    synchronized (got) {
                        got.write(chunk, 0, n);
                    }
                    if (stopAfterBits > 0 && bytes() * 8L >= stopAfterBits) {
                        stream.requestStop();
                    }
                }
            } catch (Exception e) {
                failure.set(e);
            } finally {
                interruptedAfter = Thread.currentThread().isInterrupted();
            }
        }, "host-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** Reads until the stream ends or fails. */
    static HostReader of(BoardStream stream) {
        return new HostReader(stream, 0);
    }

    /** Reads, and asks the board to stop once {@code bits} bits are in. */
    static HostReader stoppingAfter(BoardStream stream, long bits) {
        return new HostReader(stream, bits);
    }

    int bytes() {
        synchronized (got) {
            return got.size();
        }
    }

    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the end; the failure it ended with, or null after a clean end. */
    Exception join(long millis) throws InterruptedException {
        thread.join(TimeUnit.MILLISECONDS.toMillis(millis));
        if (thread.isAlive()) {
            throw new AssertionError("the host was still reading after " + millis + " ms");
        }
        return failure.get();
    }

    boolean interruptFlagKept() {
        return interruptedAfter;
    }
}
