package org.spinnoise.entropy.pool;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Reads and writes a pool's {@code cursor} file: one line of JSON ({@link CursorState}) followed by a line
 * {@code crc32c <8 hex digits>} over the JSON bytes. The checksum matters because a flipped digit in
 * {@code reservedEnd} would otherwise make the pool serve bytes a second time. Writes go through
 * {@link DurableFiles#replace}, so a reader sees the old or the new cursor, never a mix.
 */
final class CursorFile {
    static final String NAME = "cursor";
    private static final String CRC_PREFIX = "crc32c ";
    private static final ObjectMapper JSON = new ObjectMapper();

    private CursorFile() {
    }

    /** The cursor in {@code poolDir}, or empty if there is none. */
    static Optional<CursorState> read(Path poolDir) throws PoolException {
        Path file = poolDir.resolve(NAME);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (CharacterCodingException e) {
            throw corrupt(file, "it is not text (overwritten or damaged on disk)", e);
        } catch (IOException e) {
            throw new PoolException("cannot read entropy pool cursor " + file + ": " + e.getMessage(), e);
        }
        int split = text.lastIndexOf('\n' + CRC_PREFIX);
        String json = split < 0 ? "" : text.substring(0, split);
        String crc = split < 0 ? "" : text.substring(split + 1 + CRC_PREFIX.length()).strip();
        if (split < 0 || !crc.equals(crcHex(json))) {
            throw corrupt(file, "its checksum does not match", null);
        }
        CursorState state;
        try {
            state = JSON.readValue(json, CursorState.class);
        } catch (IOException | IllegalArgumentException e) {
            throw corrupt(file, "it does not parse (" + e.getMessage() + ")", e);
        }
        if (state.format() != CursorState.FORMAT && state.format() != CursorState.FORMAT_WITHOUT_TORN_BYTES) {
            throw new PoolException("entropy pool cursor " + file + " has format " + state.format()
                    + ", this version reads format " + CursorState.FORMAT + "; open the pool with a matching "
                    + "spinnoise version");
        }
        return Optional.of(state);
    }

    static void write(Path poolDir, CursorState state) throws PoolException {
        Path file = poolDir.resolve(NAME);
        try {
            String json = JSON.writeValueAsString(state);
            String text = json + '\n' + CRC_PREFIX + crcHex(json) + '\n';
            DurableFiles.replace(file, text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PoolException("cannot write entropy pool cursor " + file + ": " + e.getMessage()
                    + "; check free space and permissions of the pool directory", e);
        }
    }

    private static String crcHex(String json) {
        CRC32C crc = new CRC32C();
        crc.update(json.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static PoolException corrupt(Path file, String why, Throwable cause) {
        return new PoolException("entropy pool cursor " + file + " is corrupt: " + why + ". Without it the pool "
                + "cannot tell which bytes were already served. Restore the file from a backup, or move it aside "
                + "to treat every stored byte as served (nothing is then served twice, the stored bytes are "
                + "discarded)", cause);
    }
}
