package org.spinnoise.diffusion.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A training checkpoint: a JSON header saying what produced it (command, seed, step, loss, schedule, model settings)
 * and named float32 arrays (weights, EMA weights, optimizer moments). On disk: the 8-byte magic {@code SPNCKPT1}, the
 * header length (4 bytes, big-endian), the header as UTF-8 JSON, each array's values as little-endian float32 in the
 * header's order, and the SHA-256 of everything before it. Writes go to a temporary file that is synced and then
 * renamed, so a crash leaves either the old checkpoint or the new one, never half of one.
 */
public record Checkpoint(Header header, Map<String, float[]> arrays) {
    static final byte[] MAGIC = "SPNCKPT1".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    private static final int DIGEST_BYTES = 32;
    private static final int MAX_HEADER_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What a checkpoint was made by and holds.
     *
     * @param command   the command line that produced it
     * @param seed      the training seed
     * @param step      optimizer steps completed
     * @param loss      the loss of the last step
     * @param schedule  the noise schedule's name
     * @param settings  model and training settings needed to rebuild the run (free-form strings)
     * @param arrays    each array's name and length, in file order
     */
    public record Header(int formatVersion, String command, long seed, long step, double loss, String schedule,
                         Map<String, String> settings, List<ArrayEntry> arrays) {
    }

    /** One array's name and number of float32 values. */
    public record ArrayEntry(String name, int length) {
    }

    /** A checkpoint of the given arrays, kept in the order given. */
    public static Checkpoint of(String command, long seed, long step, double loss, String schedule,
                                Map<String, String> settings, Map<String, float[]> arrays) {
        List<ArrayEntry> entries = new ArrayList<>();
        Map<String, float[]> copy = new LinkedHashMap<>();
        arrays.forEach((name, values) -> {
            entries.add(new ArrayEntry(name, values.length));
            copy.put(name, values.clone());
        });
        return new Checkpoint(new Header(FORMAT_VERSION, command, seed, step, loss, schedule, Map.copyOf(settings),
                List.copyOf(entries)), copy);
    }

    /** The array named {@code name}; the message lists what the file holds when it is absent. */
    public float[] array(String name, Object file) throws CheckpointException {
        float[] values = arrays.get(name);
        if (values == null) {
            throw new CheckpointException(file + " holds no array '" + name + "' (it has " + arrays.keySet() + ")");
        }
        return values;
    }

    /** Writes the checkpoint to {@code file} atomically (temporary file, fsync, rename). */
    public void write(Path file) throws IOException {
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        MessageDigest sha = sha256();
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 4 + headerBytes.length);
            start.put(MAGIC).putInt(headerBytes.length).put(headerBytes).flip();
            writeAndDigest(out, start, sha);
            ByteBuffer chunk = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] a : arrays.values()) {
                for (float v : a) {
                    if (!chunk.hasRemaining()) {
                        chunk.flip();
                        writeAndDigest(out, chunk, sha);
                        chunk.clear();
                    }
                    chunk.putFloat(v);
                }
            }
            chunk.flip();
            writeAndDigest(out, chunk, sha);
            ByteBuffer digest = ByteBuffer.wrap(sha.digest());
            while (digest.hasRemaining()) {
                out.write(digest);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeAndDigest(FileChannel out, ByteBuffer buffer, MessageDigest sha) throws IOException {
        sha.update(buffer.duplicate());
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }

    /** Reads and verifies a checkpoint; a damaged, truncated or foreign file is refused naming what is wrong. */
    public static Checkpoint read(Path file) throws IOException {
        byte[] all;
        try {
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint " + file + " does not exist (no such file): give a file written by "
                    + "spinnoise train (or classifier train), or leave the option out for the built-in one", e);
        }
        return parse(all, file.toString());
    }

    /** Verifies and decodes checkpoint bytes, e.g. a resource inside the jar; {@code source} names them in errors. */
    public static Checkpoint parse(byte[] all, String source) throws CheckpointException {
        String file = source;
        if (all.length < MAGIC.length + 4 + DIGEST_BYTES || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new CheckpointException(file + " is not a spinnoise checkpoint (no SPNCKPT1 magic)");
        }
        int body = all.length - DIGEST_BYTES;
        MessageDigest sha = sha256();
        sha.update(all, 0, body);
        if (!Arrays.equals(sha.digest(), 0, DIGEST_BYTES, all, body, all.length)) {
            throw new CheckpointException(file + " is damaged (SHA-256 mismatch): use an earlier checkpoint or train again");
        }
        ByteBuffer in = ByteBuffer.wrap(all, 0, body);
        in.position(MAGIC.length);
        int headerLength = in.getInt();
        if (headerLength < 2 || headerLength > Math.min(MAX_HEADER_BYTES, in.remaining())) {
            throw new CheckpointException(file + " declares a header of " + headerLength + " bytes, which it cannot hold");
        }
        Header header;
        try {
            header = JSON.readValue(all, in.position(), headerLength, Header.class);
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + " has an unreadable header: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CheckpointException(file + " has an unreadable header: " + e.getMessage(), e);
        }
        if (header.formatVersion() != FORMAT_VERSION) {
            throw new CheckpointException(file + " is checkpoint format " + header.formatVersion() + "; this version reads "
                    + FORMAT_VERSION);
        }
        in.position(in.position() + headerLength);
        in.order(ByteOrder.LITTLE_ENDIAN);
        Map<String, float[]> arrays = new LinkedHashMap<>();
        for (ArrayEntry entry : header.arrays()) {
            if (entry.length() < 0 || (long) entry.length() * Float.BYTES > in.remaining()) {
                throw new CheckpointException(file + ": array '" + entry.name() + "' of " + entry.length()
                        + " values runs past the end of the file");
            }
            float[] values = new float[entry.length()];
            in.asFloatBuffer().get(values);
            in.position(in.position() + entry.length() * Float.BYTES);
            arrays.put(entry.name(), values);
        }
        if (in.hasRemaining()) {
            throw new CheckpointException(file + " has " + in.remaining() + " bytes its header does not account for");
        }
        return new Checkpoint(header, arrays);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
