package org.spinnoise.run;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import org.spinnoise.bits.RawRead;

/**
 * The recording stage: raw reads go into a bounded queue and a writer thread puts them on disk as CSV (and, when
 * asked, packs their bits into a binary file), so disk latency never stalls the pulse/read loop. When the queue is
 * full the acquisition waits (explicit back-pressure) rather than growing memory. Closing drains the queue, so every
 * read handed over before a failure is on disk.
 */
public final class ReadRecorder implements Consumer<RawRead>, AutoCloseable {
    private static final int QUEUE_CAPACITY = 65_536;
    private static final RawRead END = new RawRead(-1, 0, 0, 0, 0, 0);

    private final BlockingQueue<RawRead> queue = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Path csvFile;
    private final Writer csv;
    private final OutputStream packedBits;
    private final Thread writer;
    private volatile IOException failure;
    private long recorded;
    private int bitBuffer;
    private int bitsInBuffer;

    private ReadRecorder(Path csvFile, Path packedBitsFile) throws IOException {
        this.csvFile = csvFile;
        this.csv = new BufferedWriter(Files.newBufferedWriter(csvFile, StandardCharsets.US_ASCII), 1 << 16);
        this.packedBits = packedBitsFile == null ? null
                : new BufferedOutputStream(Files.newOutputStream(packedBitsFile), 1 << 16);
        csv.write("index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit\n");
        this.writer = new Thread(this::drain, "recorder-" + csvFile.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** Records reads to a CSV file only. */
    public static ReadRecorder csv(Path csvFile) throws IOException {
        return new ReadRecorder(csvFile, null);
    }

    /** Records reads to a CSV file and their bits, packed eight to a byte, most significant bit first. */
    public static ReadRecorder csvAndPackedBits(Path csvFile, Path packedBitsFile) throws IOException {
        return new ReadRecorder(csvFile, packedBitsFile);
    }

    @Override
    public void accept(RawRead read) {
        if (failure != null) {
            throw new UncheckedIOException("recording to " + csvFile + " failed", failure);
        }
        try {
            queue.put(read);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording to " + csvFile, e);
        }
    }

    /** Drains the queue, flushes and closes the files; throws if anything could not be written. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            // Returning quietly would claim every read is on disk while the writer may still be draining.
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted before every read was written to " + csvFile);
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Reads written so far (exact once closed). */
    public long recorded() {
        return recorded;
    }

    private void drain() {
        StringBuilder line = new StringBuilder(96);
        try (csv; OutputStream bits = packedBits) {
            while (true) {
                RawRead r = queue.take();
                if (r == END) {
                    break;
                }
                line.setLength(0);
                line.append(r.index()).append(',').append(r.timeNanos()).append(',')
                        .append(r.writeAmplitudeVolts()).append(',').append(r.writeWidthSeconds()).append(',')
                        .append(r.resistanceOhms()).append(',').append(r.bit()).append('\n');
                csv.append(line);
                if (bits != null) {
                    pack(bits, r.bit());
                }
                recorded++;
            }
            if (bits != null && bitsInBuffer > 0) {
                // The last byte is padded with zeros; the manifest gives the exact bit count.
                bits.write(bitBuffer << (8 - bitsInBuffer));
            }
        } catch (IOException e) {
            failure = e;
            queue.clear();
        } catch (InterruptedException e) {
            failure = new IOException("recorder interrupted", e);
        }
    }

    private void pack(OutputStream bits, int bit) throws IOException {
        if (bit != 0 && bit != 1) {
            // Any other value would spill into neighbouring bits of the packed byte.
            throw new IOException("read has bit " + bit + ", not 0 or 1; refusing to pack it");
        }
        bitBuffer = (bitBuffer << 1) | bit;
        if (++bitsInBuffer == 8) {
            bits.write(bitBuffer);
            bitBuffer = 0;
            bitsInBuffer = 0;
        }
    }
}
