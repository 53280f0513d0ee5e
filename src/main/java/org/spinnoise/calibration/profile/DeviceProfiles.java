package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.spinnoise.json.JsonProblem;

/**
 * Device profiles on disk: one file per device, {@code DIR/NAME.json}, written atomically (a reader never sees half
 * of one) and read back strictly: a file that is not JSON, of another format, with a field missing, unknown or out
 * of range is refused with one line naming the file and the field.
 */
public final class DeviceProfiles {
    /** Where profiles live by default, relative to the working directory (the repository's own folder). */
    public static final Path DEFAULT_DIR = Path.of("calibration", "profiles");

    /** The optional parts of a profile: a hand-written file may leave them out; they are then null. */
    private static final List<String> OPTIONAL = List.of("temperature_kelvin", "run_folder", "width_map", "toggle",
            "simulation", "area");

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private DeviceProfiles() {
    }

    /** The file of {@code device}'s profile in {@code dir}. */
    public static Path fileFor(Path dir, String device) {
        return dir.resolve(DeviceProfile.checkName(device) + ".json");
    }

    /** Writes {@code profile} to {@code DIR/NAME.json} (replacing an older one) and returns the file. */
    public static Path save(Path dir, DeviceProfile profile) throws IOException {
        Files.createDirectories(dir);
        Path file = fileFor(dir, profile.device());
        write(file, profile);
        return file;
    }

    /** Writes {@code profile} to {@code file} through a temporary file and a rename. */
    public static void write(Path file, DeviceProfile profile) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), profile);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Loads {@code device}'s profile from {@code dir}; a missing one is refused with the line that makes it, and a
     * file holding another device's profile is refused too.
     */
    public static DeviceProfile load(Path dir, String device) throws IOException {
        Path file = fileFor(dir, device);
        if (!Files.isRegularFile(file)) {
            throw new IOException("there is no profile of device '" + device + "' in " + dir + " (no " + file
                    + "): make one with spinnoise calibrate --device " + device
                    + (dir.equals(DEFAULT_DIR) ? "" : " --profiles " + dir));
        }
        DeviceProfile profile = read(file);
        if (!profile.device().equals(device)) {
            throw new IOException("profile " + file + " is not valid: field device is '" + profile.device()
                    + "', but the file is named for '" + device + "'; rename the file or calibrate again");
        }
        return profile;
    }

    /** Reads a profile file of the current format, or refuses it in one line naming the file and the field. */
    public static DeviceProfile read(Path file) throws IOException {
        JsonNode tree;
        try {
            tree = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new IOException("profile " + file + ": no such file; give the path of a device profile (spinnoise "
                    + "calibrate writes them, in calibration/profiles/ by default)", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("profile " + file + " " + JsonProblem.of(e)
                    + "; calibrate the device again or restore the file", e);
        } catch (IOException e) {
            throw new IOException("profile " + file + " " + JsonProblem.of(e), e);
        }
        if (!(tree instanceof ObjectNode object)) {
            throw new IOException("profile " + file + " is not a device profile (not a JSON object)");
        }
        JsonNode format = object.get("format");
        if (format == null || !object.has("device")) {
            throw new IOException("profile " + file + " is not a device profile (no field " + (format == null
                    ? "format" : "device") + "); profiles are written by spinnoise calibrate");
        }
        if (!format.canConvertToInt() || format.asInt() != DeviceProfile.FORMAT) {
            throw new IOException("profile " + file + " is format " + format + ", and this spinnoise reads format "
                    + DeviceProfile.FORMAT + ": read it with the spinnoise that wrote it ("
                    + object.path("code_version").asText("unknown") + ") or calibrate the device again");
        }
        for (String optional : OPTIONAL) {
            if (!object.has(optional)) {
                object.putNull(optional);
            }
        }
        try {
            return JSON.treeToValue(object, DeviceProfile.class);
        } catch (JsonMappingException e) {
            throw new IOException("profile " + file + " is not valid: " + describe(e)
                    + "; calibrate the device again or correct the file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("profile " + file + " is not valid: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * "in field threshold: parallel_ohms must be ...", from where in the file reading failed and why, in the file's
     * words ({@link JsonProblem}).
     */
    private static String describe(JsonMappingException e) {
        String problem = JsonProblem.of(e);
        if (problem.endsWith(": missing")) {
            problem += " (every field of a profile must be present; optional ones may be null)";
        }
        return problem.startsWith("field ") ? "in " + problem : problem;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
