package org.spinnoise.run;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.SourceEvent;

/**
 * The recording stage of every acquisition: batches go into a bounded queue and one writer thread appends their bits
 * to {@code bits.bin} (packed eight to a byte, most significant bit first, the last byte zero-padded), their reads to
 * {@code reads.csv} (when a batch has reads) and their source events to {@code events.csv}, so disk latency never
 * stalls the pulse/read loop or a board's stream, and a slow disk makes the acquisition wait (explicit back-pressure)
 * rather than growing memory. Closing drains the queue, so every batch handed over is on disk. A recorder can continue
 * a run's files ({@link #resume}), cut to the bits its manifest confirmed.
 */
final class BatchRecorder implements AutoCloseable {
    static final String READS_HEADER = "index,time_ns,write_amplitude_volts,write_width_seconds,resistance_ohms,bit";
    static final String EVENTS_HEADER = "time_ns,kind,bits,detail";
    private static final int QUEUE_BATCHES = 256;
    private static final BitBatch END = new BitBatch(-1, 0, new byte[0], List.of(), List.of());

    private final BlockingQueue<BitBatch> queue = new ArrayBlockingQueue<>(QUEUE_BATCHES);
    private final Path firstFile;
    private final OutputStream bits;
    private final Path readsFile;
    private final boolean readsExist;
    private final Writer events;
    private final Thread writer;
    private Writer reads;
    private volatile IOException failure;
    private long bitsWritten;
    /** Bits of the last, partly filled byte, in its top {@code carryBits} bits. */
    private int carry;
    private int carryBits;

    private BatchRecorder(Path bitsFile, Path readsFile, Path eventsFile, long bitsBefore, boolean readsExpected)
            throws IOException {
        this.firstFile = bitsFile != null ? bitsFile : readsFile;
        this.readsFile = readsFile;
        this.bitsWritten = bitsBefore;
        boolean resuming = bitsBefore > 0;
        if (bitsFile != null && resuming) {
            carry = RunFiles.cutBits(bitsFile, bitsBefore);
            carryBits = (int) (bitsBefore % 8);
        }
        this.bits = bitsFile == null ? null : new BufferedOutputStream(Files.newOutputStream(bitsFile,
                StandardOpenOption.CREATE, resuming ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), 1 << 20);
        this.readsExist = resuming && readsFile != null && Files.exists(readsFile);
        if (readsExist) {
            RunFiles.cutLines(readsFile, bitsBefore + 1);
        }
        if (readsExpected && readsFile != null && !readsExist) {
            // A source that reads (a bench) gets its reads.csv at once, so a run stopped before its first batch
            // still says, with an empty table, that it read nothing.
            reads = open(readsFile, READS_HEADER, false);
        }
        this.events = eventsFile == null ? null : open(eventsFile, EVENTS_HEADER, resuming && Files.exists(eventsFile));
        this.writer = new Thread(this::drain, "recorder-" + firstFile.getFileName());
        writer.setDaemon(true);
        writer.start();
    }

    /** Records into new files; a null path is not written. */
    static BatchRecorder create(Path bitsFile, Path readsFile, Path eventsFile) throws IOException {
        return new BatchRecorder(bitsFile, readsFile, eventsFile, 0, false);
    }

    /** Records into new files, with {@code reads.csv} made at once when the source reads (a bench). */
    static BatchRecorder create(Path bitsFile, Path readsFile, Path eventsFile, boolean readsExpected)
            throws IOException {
        return new BatchRecorder(bitsFile, readsFile, eventsFile, 0, readsExpected);
    }

    /** Records only the reads of each batch, e.g. a calibration's. */
    static BatchRecorder readsOnly(Path readsFile) throws IOException {
        return new BatchRecorder(null, readsFile, null, 0, true);
    }

    /**
     * Continues a run's files after its {@code bitsBefore} confirmed bits: {@code bits.bin} and {@code reads.csv} are
     * first cut to exactly those bits (a stopped run may have left a zero-padded last byte), events are appended.
     */
    static BatchRecorder resume(Path bitsFile, Path readsFile, Path eventsFile, long bitsBefore) throws IOException {
        return new BatchRecorder(bitsFile, readsFile, eventsFile, bitsBefore, false);
    }

    private static Writer open(Path file, String header, boolean append) throws IOException {
        Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE), 1 << 16);
        if (!append) {
            w.write(header + "\n");
        }
        return w;
    }

    /** Queues a batch; throws when an earlier batch could not be written. */
    void accept(BitBatch batch) throws IOException {
        if (failure != null) {
            throw new IOException("recording to " + firstFile + " failed: " + failure.getMessage(), failure);
        }
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while recording to " + firstFile);
        }
    }

    /** Bits in {@code bits.bin} (exact once closed), those before a resume included. */
    long bitsWritten() {
        return bitsWritten;
    }

    /** Drains the queue, pads and closes the files; throws if anything could not be written. */
    @Override
    public void close() throws IOException {
        try {
            queue.put(END);
            writer.join();
        } catch (InterruptedException e) {
            // Returning quietly would claim every batch is on disk while the writer may still be draining.
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted before every bit was written to " + firstFile);
        }
        if (failure != null) {
            throw new IOException("recording to " + firstFile + " failed: " + failure.getMessage(), failure);
        }
    }

    private void drain() {
        StringBuilder line = new StringBuilder(96);
        try (OutputStream b = bits; Writer e = events) {
            try {
                for (BitBatch batch; (batch = queue.take()) != END; ) {
                    if (b != null) {
                        writeBits(b, batch);
                    }
                    if (readsFile != null && !batch.reads().isEmpty()) {
                        writeReads(batch, line);
                    }
                    if (e != null) {
                        for (SourceEvent event : batch.events()) {
                            e.write(event.timeNanos() + "," + event.kind() + "," + event.bits() + ",\""
                                    + event.detail().replace("\"", "'").replace('\n', ' ') + "\"\n");
                        }
                    }
                }
                if (b != null && carryBits > 0) {
                    b.write(carry); // zero-padded; the manifest gives the exact bit count
                }
            } finally {
                if (reads != null) {
                    reads.close();
                }
            }
        } catch (IOException e) {
            failure = e;
            queue.clear();
        } catch (InterruptedException e) {
            failure = new IOException("recorder interrupted", e);
        }
    }

    private void writeReads(BitBatch batch, StringBuilder line) throws IOException {
        if (reads == null) {
            reads = open(readsFile, READS_HEADER, readsExist);
        }
        for (RawRead r : batch.reads()) {
            line.setLength(0);
            line.append(r.index()).append(',').append(r.timeNanos()).append(',').append(r.writeAmplitudeVolts())
                    .append(',').append(r.writeWidthSeconds()).append(',').append(r.resistanceOhms()).append(',')
                    .append(r.bit()).append('\n');
            reads.append(line);
        }
    }

    /** Appends the batch's bits after those already written, shifting them when the last byte was partly used. */
    private void writeBits(OutputStream out, BitBatch batch) throws IOException {
        byte[] packed = batch.packed();
        int n = batch.bitCount();
        if (carryBits == 0) {
            out.write(packed, 0, n / 8);
            if (n % 8 != 0) {
                carry = packed[n / 8] & (0xFF00 >>> (n % 8)) & 0xFF;
                carryBits = n % 8;
            }
        } else {
            for (int i = 0; i < n; i += 8) {
                int take = Math.min(8, n - i);
                int value = packed[i / 8] & (0xFF00 >>> take) & 0xFF;
                int merged = carry | (value >>> carryBits);
                int total = carryBits + take;
                if (total >= 8) {
                    out.write(merged & 0xFF);
                    carry = (value << (8 - carryBits)) & 0xFF;
                    carryBits = total - 8;
                } else {
                    carry = merged & 0xFF;
                    carryBits = total;
                }
            }
        }
        bitsWritten += n;
    }
}
