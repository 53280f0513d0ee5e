package org.spinnoise.run;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cuts a run's data files back to the bits its manifest confirmed, before a resume appends to them: the manifest's
 * bit count is the truth, and whatever a stopped or failed run left beyond it (a zero-padded last byte, reads written
 * after the last save) goes, so no bit is lost or counted twice.
 */
final class RunFiles {
    private RunFiles() {
    }

    /**
     * Cuts {@code bits.bin} to the whole bytes of its first {@code bits} bits and returns the byte of the remaining
     * {@code bits % 8} bits (top bits, the rest zero), which the next bits complete.
     */
    static int cutBits(Path file, long bits) throws IOException {
        long needBytes = (bits + 7) / 8;
        long size = Files.exists(file) ? Files.size(file) : 0;
        if (size < needBytes) {
            throw new IOException(file + " holds " + size * 8 + " bits but the manifest confirms " + bits
                    + "; the folder is damaged and cannot be resumed");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            int partial = 0;
            if (bits % 8 != 0) {
                ByteBuffer one = ByteBuffer.allocate(1);
                channel.read(one, bits / 8);
                partial = one.get(0) & (0xFF00 >>> (bits % 8)) & 0xFF;
            }
            channel.truncate(bits / 8);
            return partial;
        }
    }

    /** Cuts a text file after its first {@code lines} lines (a header and one line per read). */
    static void cutLines(Path file, long lines) throws IOException {
        long offset = 0;
        long seen = 0;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            for (int c; seen < lines && (c = in.read()) >= 0; offset++) {
                if (c == '\n') {
                    seen++;
                }
            }
        }
        if (seen < lines) {
            throw new IOException(file + " holds " + Math.max(0, seen - 1) + " reads but the manifest confirms "
                    + (lines - 1) + "; the folder is damaged and cannot be resumed");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(offset);
        }
    }
}
