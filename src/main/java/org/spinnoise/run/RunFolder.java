package org.spinnoise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.spinnoise.json.JsonProblem;

/**
 * One run's folder: a manifest ({@link RunManifest}, typed and versioned) that says what produced the data and how far
 * the run got, beside the data files. The manifest is rewritten atomically after every stage, so a run that fails or
 * is killed still describes everything it had acquired. A folder is opened only when its manifest is of the format
 * this code reads; any other is refused with one line that names the file and what to do.
 */
public final class RunFolder {
    public static final String MANIFEST = "manifest.json";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path dir;
    private RunManifest manifest;

    private RunFolder(Path dir, RunManifest manifest) {
        this.dir = dir;
        this.manifest = manifest;
    }

    /** Opens an existing run folder with its manifest, to add what a later step (such as a pool ingest) did. */
    public static RunFolder open(Path dir) throws IOException {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new IOException(dir + " is not a run folder: it has no " + MANIFEST);
        }
        return new RunFolder(dir, read(file));
    }

    /** Reads a manifest file of the current format; refuses any other format with one line saying what to do. */
    static RunManifest read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException("manifest " + file + " " + JsonProblem.of(e) + "; the run folder's manifest is "
                    + "damaged: restore it from a copy, or re-acquire the run", e);
        }
        if (tree == null || !tree.isObject()) {
            throw new IOException(file + " is not a run manifest (not a JSON object)");
        }
        JsonNode format = tree.get("format");
        if (format == null) {
            throw new IOException(file + " is format 1 (the untyped manifest spinnoise wrote before format 2), and this "
                    + "spinnoise reads format " + RunManifest.FORMAT + ": re-acquire the run, or export its bits with "
                    + "the spinnoise that made it (export-raw)");
        }
        if (!format.canConvertToInt() || format.asInt() != RunManifest.FORMAT) {
            throw new IOException(file + " is format " + format + ", and this spinnoise reads format "
                    + RunManifest.FORMAT + ": open it with the spinnoise version that wrote it (" + tree.path("tool")
                    .path("version").asText("unknown") + ")");
        }
        try {
            return JSON.treeToValue(tree, RunManifest.class);
        } catch (IOException e) {
            throw new IOException("manifest " + file + " is not a valid format-" + RunManifest.FORMAT + " manifest: "
                    + JsonProblem.of(e) + "; restore it from a copy, or re-acquire the run", e);
        } catch (IllegalArgumentException e) {
            throw new IOException("manifest " + file + " is not a valid format-" + RunManifest.FORMAT + " manifest: "
                    + firstLine(e.getMessage()) + "; restore it from a copy, or re-acquire the run", e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Creates a new folder {@code <parent>/<yyyyMMdd-HHmmss>-<name>}, with a suffix if that exists already. */
    public static RunFolder create(Path parent, String name) throws IOException {
        Files.createDirectories(parent);
        String base = STAMP.format(LocalDateTime.now()) + "-" + name;
        // createDirectory fails atomically when the name is taken, so two runs started in the same second (even
        // from two processes) each get their own folder; checking exists() first would race.
        for (int i = 1; ; i++) {
            Path dir = parent.resolve(i == 1 ? base : base + "-" + i);
            try {
                Files.createDirectory(dir);
                return new RunFolder(dir, RunManifest.empty());
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }

    public Path dir() {
        return dir;
    }

    public Path file(String name) {
        return dir.resolve(name);
    }

    /** The manifest as it stands; change it with {@link #update} and write it with {@link #saveManifest()}. */
    public synchronized RunManifest manifest() {
        return manifest;
    }

    /** Replaces the manifest by {@code change} applied to it (not yet written). */
    public synchronized RunManifest update(UnaryOperator<RunManifest> change) {
        manifest = change.apply(manifest);
        return manifest;
    }

    /** Converts any record or map into JSON (for printing; manifests are written with {@link #saveManifest()}). */
    public static JsonNode toJson(Object value) {
        return JSON.valueToTree(value);
    }

    /** Writes any record or map as an indented JSON file. */
    public static void writeJson(Path file, Object value) throws IOException {
        JSON.writeValue(file.toFile(), value);
    }

    /** Writes the manifest through a temporary file and a rename, so a reader never sees half of it. */
    public synchronized void saveManifest() throws IOException {
        Path tmp = dir.resolve(MANIFEST + ".tmp");
        JSON.writeValue(tmp.toFile(), manifest);
        try {
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Lists every data file with its size and SHA-256 in the manifest's files. */
    public void describeFiles() throws IOException {
        Map<String, RunManifest.FileEntry> files = new LinkedHashMap<>();
        // Walk sub-folders too (segments, plots): a folder has no size or hash of its own, and hashing one fails.
        try (Stream<Path> list = Files.walk(dir)) {
            for (Path p : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = dir.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
                if (name.startsWith(MANIFEST)) {
                    continue;
                }
                files.put(name, new RunManifest.FileEntry(Files.size(p), sha256(p)));
            }
        }
        update(m -> m.withFiles(files));
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
