package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;
import java.util.zip.CRC32C;

/**
 * The pool's {@code commits} file: after each record is forced to its segment, the append writes one 16-byte entry
 * holding the pool's new end offset (magic "SPNC", u64 end, CRC-32C of those 12 bytes) and forces it before it
 * returns. It is what lets recovery tell the two kinds of damaged bytes at the end of the newest segment apart: those
 * past the last committed end are an append a crash interrupted (never acknowledged, nothing promised was lost);
 * those below it held acknowledged records and are corrupt. Entries only grow; a torn last entry fails its CRC and is
 * ignored. Recovery rewrites the file to a single entry, so it never grows beyond one entry per append since the last
 * open.
 */
final class CommitLog implements AutoCloseable {
    static final String NAME = "commits";
    private static final int MAGIC = 0x53504E43; // "SPNC"
    private static final int ENTRY_BYTES = 16;

    private final Path file;
    private final FileChannel channel;

    private CommitLog(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** The highest committed end offset in {@code poolDir}'s commit log, or empty when there is none readable. */
    static OptionalLong read(Path poolDir) throws IOException {
        byte[] data;
        try {
            data = Files.readAllBytes(poolDir.resolve(NAME));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        }
        long highest = -1;
        for (int p = 0; p + ENTRY_BYTES <= data.length; p += ENTRY_BYTES) {
            ByteBuffer entry = ByteBuffer.wrap(data, p, ENTRY_BYTES);
            long end = entry.getInt() == MAGIC ? entry.getLong() : -1;
            if (end >= 0 && entry.getInt() == crc(data, p)) {
                highest = Math.max(highest, end);
            }
        }
        return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    /** Replaces the log by one entry, durably; used by recovery, before the log is opened for appends. */
    static void reset(Path poolDir, long committedEnd) throws IOException {
        DurableFiles.replace(poolDir.resolve(NAME), entry(committedEnd).array());
    }

    /** Opens the log for appending entries. */
    static CommitLog open(Path poolDir) throws IOException {
        Path file = poolDir.resolve(NAME);
        return new CommitLog(file, FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND));
    }

    /** Records, durably, that every record up to {@code end} is acknowledged. */
    void commit(long end) throws IOException {
        ByteBuffer entry = entry(end);
        while (entry.hasRemaining()) {
            channel.write(entry);
        }
        channel.force(false);
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    private static ByteBuffer entry(long end) {
        ByteBuffer entry = ByteBuffer.allocate(ENTRY_BYTES);
        entry.putInt(MAGIC).putLong(end);
        entry.putInt(crc(entry.array(), 0));
        return entry.flip();
    }

    private static int crc(byte[] data, int entryStart) {
        CRC32C crc = new CRC32C();
        crc.update(data, entryStart, ENTRY_BYTES - 4);
        return (int) crc.getValue();
    }
}
