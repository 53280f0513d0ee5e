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
 * and {@code quarantine.csv} says for each where it came from in the raw stream and why it was set aside.
 */
public final class QuarantineFiles implements Quarantine, AutoCloseable {
    public static final String BITS = "quarantine.bin";
    public static final String INDEX = "quarantine.csv";

    private final OutputStream bits;
    private final BufferedWriter index;
    private long bytesWritten;

    public QuarantineFiles(Path folder) throws IOException {
        boolean fresh = !Files.exists(folder.resolve(INDEX));
        this.bits = new BufferedOutputStream(Files.newOutputStream(folder.resolve(BITS), StandardOpenOption.CREATE,
                StandardOpenOption.APPEND));
        this.bytesWritten = Files.size(folder.resolve(BITS));
        this.index = Files.newBufferedWriter(folder.resolve(INDEX), StandardCharsets.US_ASCII,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
            index.write("first_raw_bit,bits,offset_in_quarantine_bin,reason\n");
        }
    }

    @Override
    public void keep(long firstBitIndex, byte[] packed, int offset, int length, String reason) throws IOException {
        bits.write(packed, offset, length);
        index.write(firstBitIndex + "," + (8L * length) + "," + bytesWritten + ",\"" + reason.replace('"', '\'')
                + "\"\n");
        bytesWritten += length;
    }

    @Override
    public void close() throws IOException {
        try (OutputStream b = bits; BufferedWriter i = index) {
            b.flush();
            i.flush();
        }
    }
}
