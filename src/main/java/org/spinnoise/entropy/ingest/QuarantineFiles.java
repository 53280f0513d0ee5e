package org.spinnoise.entropy.ingest;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Quarantined raw bits in a run folder: {@code quarantine.bin} holds the blocks (packed, MSB first) one after another
 * and {@code quarantine.csv} says for each where it came from in the raw stream and why it was set aside. The files
 * are created with the first quarantined block, so a folder without them had nothing quarantined.
 */
public final class QuarantineFiles implements Quarantine, AutoCloseable {
    public static final String BITS = "quarantine.bin";
    public static final String INDEX = "quarantine.csv";

    private final Path folder;
    private OutputStream bits;
    private BufferedWriter index;
    private long bytesWritten;

    public QuarantineFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public void keep(long firstBitIndex, byte[] packed, int offset, int length, String reason) throws IOException {
        if (bits == null) {
            open();
        }
        bits.write(packed, offset, length);
        index.write(firstBitIndex + "," + (8L * length) + "," + bytesWritten + ",\"" + reason.replace('"', '\'')
                + "\"\n");
        bytesWritten += length;
    }

    private void open() throws IOException {
        boolean fresh = !Files.exists(folder.resolve(INDEX));
        bits = new BufferedOutputStream(Files.newOutputStream(folder.resolve(BITS), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
        bytesWritten = Files.size(folder.resolve(BITS));
        index = Files.newBufferedWriter(folder.resolve(INDEX), StandardCharsets.US_ASCII, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        if (fresh) {
            index.write("first_raw_bit,bits,offset_in_quarantine_bin,reason\n");
        }
    }

    @Override
    public void close() throws IOException {
        if (bits == null) {
            return;
        }
        try (OutputStream b = bits; BufferedWriter i = index) {
            b.flush();
            i.flush();
        }
    }
}
