package org.spinnoise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinnoise.calibration.profile.DeviceProfiles;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunFolder;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.board.BoardBenchFile;

/**
 * Every reader of a file a user writes or keeps (recipe, bench file, board bench, device profile, run manifest) turns
 * a damaged file into one line: the file, the field by its JSON path, what is wrong, what to do; never the JSON
 * library's own words (issue 18 defect 14: {@code FAIL_ON_MISSING_CREATOR_PROPERTIES} reached users). A missing file
 * says "no such file". One table over the readers and the ways a file goes wrong.
 */
class UserFileReadersTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROJECT = Path.of(System.getProperty("spinnoise.projectDir", "."));
    private static final List<String> INTERNALS = List.of("FAIL_ON", "DeserializationFeature", "creator", "`",
            "org.spinnoise", "Cannot deserialize", "(index", "Unrecognized field", "through reference chain",
            "Source:", "(code ", "Exception");

    @TempDir
    Path dir;

    private Path manifestFolder;

    @BeforeEach
    void aRunFolder() throws IOException {
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "readers");
        folder.saveManifest();
        manifestFolder = folder.dir();
    }

    /** Where each reader's example lives and how it reads a file; the bench needs its models folder beside it. */
    private Path example(String reader) throws IOException {
        return switch (reader) {
            case "recipe" -> PROJECT.resolve("calibration/recipes/demo.json");
            case "bench" -> PROJECT.resolve("mock-instruments/benches/demo.json");
            case "board" -> PROJECT.resolve("mock-instruments/benches/demo-board.json");
            case "profile" -> firstProfile();
            case "manifest" -> manifestFolder.resolve(RunFolder.MANIFEST);
            default -> throw new IllegalArgumentException(reader);
        };
    }

    private static Path firstProfile() throws IOException {
        try (var files = Files.list(PROJECT.resolve("calibration/profiles"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().findFirst().orElseThrow();
        }
    }

    /** Where the edited copy goes: a bench's models are found in ../models from it. */
    private Path copyFor(String reader, Path example) throws IOException {
        return switch (reader) {
            case "bench" -> {
                Path models = dir.resolve("models");
                if (!Files.isDirectory(models)) {
                    Files.createDirectories(models);
                    try (var files = Files.list(PROJECT.resolve("mock-instruments/models"))) {
                        for (Path f : files.toList()) {
                            Files.copy(f, models.resolve(f.getFileName()));
                        }
                    }
                }
                yield Files.createDirectories(dir.resolve("benches")).resolve("bench.json");
            }
            case "manifest" -> example;
            default -> dir.resolve(example.getFileName());
        };
    }

    private static String read(String reader, Path file) {
        try {
            switch (reader) {
                case "recipe" -> AcquisitionPlan.read(file);
                case "bench" -> BenchFile.read(file);
                case "board" -> BoardBenchFile.read(file);
                case "profile" -> DeviceProfiles.read(file);
                case "manifest" -> RunFolder.open(file.getParent());
                default -> throw new IllegalArgumentException(reader);
            }
        } catch (IOException | RuntimeException e) {
            return e.getMessage();
        }
        return fail(reader + " read " + file + " without complaint");
    }

    /**
     * Edits: "set PATH JSON" puts a value at a dotted path ([i] for a list element), "remove PATH" takes it away,
     * "text CONTENT" replaces the whole file, "delete" removes it.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "recipe   | delete                                   | : no such file; give the path",
        "recipe   | text {\"bits\": 5,                       | : is not valid JSON at line 1",
        "recipe   | set sweep.points \"nine\"                | field sweep.points: must be a whole number, got \"nine\"",
        "recipe   | set bits null                            | field bits: must be a whole number, not null",
        "recipe   | remove wiring                            | field wiring: missing",
        "recipe   | set colour \"red\"                       | field colour: unknown",
        "bench    | delete                                   | : no such file; give the path of a bench file",
        "bench    | text {\"name\": \"x\",\\n \"seed\": }    | : is not valid JSON at line 2",
        "bench    | set junctions[0].v50Volts \"high\"       | field junctions[0].v50Volts: must be a number, got \"high\"",
        "bench    | remove junctions[0].v50Volts             | field junctions[0].v50Volts: missing",
        "bench    | set junctions[0].colour 1                | field junctions[0].colour: unknown",
        "bench    | set seed [1]                             | field seed: must be a whole number",
        "board    | delete                                   | : no such file; give the path of a board bench",
        "board    | text [1, 2                               | : the whole file must be an object {...}",
        "board    | text {\"name\": \"b\" \"seed\": 1}     | : is not valid JSON at line 1",
        "board    | set seed \"soon\"                        | field seed: must be a whole number, got \"soon\"",
        "board    | set board \"fast\"                       | field board: must be an object {...}",
        "profile  | delete                                   | : no such file; give the path of a device profile",
        "profile  | text {\"format\": 1,                     | is not valid JSON at line 1",
        "profile  | set threshold.parallel_ohms \"low\"      | field threshold.parallel_ohms: must be a number, got \"low\"",
        "profile  | set settings.colour \"blue\"             | field settings.colour: unknown",
        "manifest | text {\"format\": 2, \"run\": }          | is not valid JSON at line 1",
        "manifest | set run \"finished\"                     | field run: must be an object {...}"})
    void aDamagedFileIsOneLineNamingTheFileAndTheField(String reader, String edit, String expected)
            throws IOException {
        Path example = example(reader);
        Path file = copyFor(reader, example);
        String content = Files.readString(example);
        String[] words = edit.split(" ", 3);
        switch (words[0]) {
            case "delete" -> content = null;
            case "text" -> content = edit.substring(5).replace("\\n", "\n");
            case "set", "remove" -> {
                ObjectNode tree = (ObjectNode) JSON.readTree(content);
                String[] names = words[1].split("\\.");
                JsonNode parent = tree;
                for (int i = 0; i < names.length - 1; i++) {
                    parent = step(parent, names[i]);
                }
                String last = names[names.length - 1];
                if (words[0].equals("set")) {
                    ((ObjectNode) parent).set(last, JSON.readTree(words[2]));
                } else {
                    ((ObjectNode) parent).remove(last);
                }
                content = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
            }
            default -> throw new IllegalArgumentException(edit);
        }
        if (content == null) {
            Files.deleteIfExists(file);
        } else {
            Files.writeString(file, content);
        }
        String message = read(reader, file);
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.contains(file.toString()), "the file is not named: " + message);
        assertTrue(message.contains(expected), message);
        for (String internal : INTERNALS) {
            assertFalse(message.contains(internal), "'" + internal + "' in: " + message);
        }
        if (!words[0].equals("delete")) {
            // What to do: every line but a missing file's ends by saying how to put the file right.
            String lower = message.toLowerCase(Locale.ROOT);
            assertTrue(lower.contains("correct") || lower.contains("restore") || lower.contains("remove it")
                    || lower.contains("calibrate"), "no way out in: " + message);
        }
    }

    /** "junctions[0]" steps into a list's element, "name" into an object's field. */
    private static JsonNode step(JsonNode node, String name) {
        int bracket = name.indexOf('[');
        if (bracket < 0) {
            return node.get(name);
        }
        int index = Integer.parseInt(name.substring(bracket + 1, name.length() - 1));
        return node.get(name.substring(0, bracket)).get(index);
    }
}
