package org.spinnoise.run;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The recording stage for packed bits: chunks go into a bounded queue and a writer thread appends them to a file, so
 * disk latency never holds up a board's stream (whose credit would run dry) and a slow disk makes the acquisition
 * wait instead of growing memory. Closing drains the queue, so every chunk handed over is on disk.
 */
final class PackedBitsRecorder implements AutoCloseable {
    private static final int QUEUE_CHUNKS = 64;
    private static final byte[] END = new byte[0];

    private final Path file;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
    private final Thread writer;
    private volatile IOException failure;
    private long bytesWritten;

    PackedBitsRecorder(Path file) throws IOException {
        this.file = file;
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        writer = new Thread(() -> drain(out), "recorder-" + file.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** Queues a copy of {@code bytes[offset, offset + length)}. */
    void accept(byte[] bytes, int offset, int length) throws IOException {
        if (failure != null) {
            throw new IOException("writing " + file + " failed: " + failure.getMessage(), failure);
        }
        try {
            queue.put(Arrays.copyOfRange(bytes, offset, offset + length));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while recording to " + file);
        }
    }

    /** Bytes on disk (exact once closed). */
    long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public void close() throws IOException {
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before every bit was written to " + file);
        }
        if (failure != null) {
            throw new IOException("writing " + file + " failed: " + failure.getMessage(), failure);
        }
    }

    private void drain(OutputStream out) {
        try (out) {
            while (true) {
                byte[] chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                out.write(chunk);
                bytesWritten += chunk.length;
            }
        } catch (IOException e) {
            failure = e;
            queue.clear();
        } catch (InterruptedException e) {
            failure = new IOException("recorder interrupted", e);
        }
    }
}
