package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinnoise.instrument.SafetyLimits;

/**
 * A recipe is checked whole as it is read (issue 18 defect 14): every stage against the safety limits, every number
 * against plausible bounds, and each refusal is one line naming the file, the field by its JSON path and what is wrong,
 * in the file's words rather than Jackson's.
 */
class RecipeValidationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Words of the JSON library that once leaked into messages and mean nothing to whoever corrects a recipe. */
    private static final List<String> INTERNALS = List.of("FAIL_ON", "DeserializationFeature", "creator", "`",
            "org.spinnoise", "Cannot deserialize", "(index", "Unrecognized field", "through reference chain",
            "Source:");

    @TempDir
    Path dir;

    private static ObjectNode demoTree() throws IOException {
        try (InputStream in = AcquisitionPlan.class.getResourceAsStream(AcquisitionPlan.DEMO_RESOURCE)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    /** The demo recipe with the field at {@code path} (dots between names) set to {@code json}, or removed ("-"). */
    private Path edited(String path, String json) throws IOException {
        ObjectNode tree = demoTree();
        String[] names = path.split("\\.");
        ObjectNode parent = tree;
        for (int i = 0; i < names.length - 1; i++) {
            parent = (ObjectNode) parent.get(names[i]);
        }
        String last = names[names.length - 1];
        if (json.equals("-")) {
            parent.remove(last);
        } else {
            parent.set(last, JSON.readTree(json));
        }
        Path file = dir.resolve("recipe.json");
        JSON.writeValue(file.toFile(), tree);
        return file;
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        // Implausible limits: accepted silently before.
        "limits.maxJunctionVolts    | 1000      | field limits.maxJunctionVolts (or --max-volts): 1000.0 V is beyond",
        "limits.maxCurrentAmps      | 2         | field limits.maxCurrentAmps (or --max-amps): 2.0 A would destroy",
        // Each stage against the limits (1.5 V, 1 mA in the demo recipe), before any stage has pulsed.
        "sweep.stopVolts            | 1.6       | field sweep.stopVolts: 1.6 V exceeds the safety limit of 1.5 V",
        "levels.setAmplitudeVolts   | 1.7       | field levels.setAmplitudeVolts: 1.7 V exceeds the safety limit",
        "reset.amplitudeVolts       | -2.0      | field reset.amplitudeVolts: -2.0 V exceeds the safety limit",
        "read.currentLimitAmps      | 0.01      | field read.currentLimitAmps: 0.01 A exceeds the safety limit of 0.001 A",
        "read.biasVolts             | 0.5       | field read.biasVolts: 0.5 V is not below the sweep's lowest write",
        // Units slipped.
        "sweep.widthSeconds         | 20        | field sweep.widthSeconds: 20 is outside the plausible range",
        "reset.widthSeconds         | 2e-13     | field reset.widthSeconds: 2.0E-13 is outside the plausible range",
        "read.nplc                  | 1000      | field read.nplc: 1000 is outside the plausible range",
        "health.falseAlarmLog2      | 3         | field health.falseAlarmLog2: 3 is outside the plausible range",
        "health.claimedEntropyPerBit| 1.5       | field health.claimedEntropyPerBit: must be in (0, 1]",
        "bits                       | 1000000000000000 | field bits: 1000000000000000 is outside the plausible range",
        "wiring.writeChannel        | 0         | field wiring.writeChannel: 0 is outside the plausible range",
        "levels.readsPerState       | 1         | field levels.readsPerState: 1 is outside the plausible range",
        "reconnect                  | '{\"attempts\": 100000, \"firstBackoffSeconds\": 1, \"factor\": 2, \"capSeconds\": 5}' | field reconnect.attempts",
        // Shapes a person gets wrong: the field by its path, what it must be.
        "sweep.points               | '\"many\"' | field sweep.points: must be a whole number, got \"many\"",
        "sweep.stopVolts            | null      | field sweep.stopVolts: must be a number, not null",
        "sweep.points               | 2         | field sweep: a sweep needs at least 3 points, got 2",
        "limits                     | -         | field limits: missing",
        "reset                      | null      | field reset: missing or null",
        "wiring                     | null      | field wiring: missing or null",
        "sweep.stopVolts            | -         | field sweep.stopVolts: missing",
        "sweeep                     | '{}'      | field sweeep: unknown (the fields at the top are",
        "limits.maxVolts            | 1.0       | field limits.maxVolts: unknown (the fields of limits are maxCurrentAmps, maxJunctionVolts)",
        "limits                     | '\"1.5 V\"' | field limits: must be an object {...}",
        "sweep.widthSeconds         | '[2e-8]'  | field sweep.widthSeconds: must be a number"})
    void aFaultyRecipeIsRefusedInOneLineNamingTheField(String path, String json, String expected) throws IOException {
        Path file = edited(path, json);
        IOException e = assertThrows(IOException.class, () -> AcquisitionPlan.read(file));
        String message = e.getMessage();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.startsWith("recipe " + file + ": "), message);
        assertTrue(message.contains(expected), message);
        for (String internal : INTERNALS) {
            assertFalse(message.contains(internal), "'" + internal + "' in: " + message);
        }
    }

    @Test
    void aFileThatIsNotJsonGivesTheLineAndColumn() throws IOException {
        Path file = Files.writeString(dir.resolve("recipe.json"), "{\n  \"bits\": 100,\n  \"seed\": }\n");
        String message = assertThrows(IOException.class, () -> AcquisitionPlan.read(file)).getMessage();
        assertTrue(message.startsWith("recipe " + file + ": is not valid JSON at line 3, column"), message);
        assertEquals(1, message.lines().count(), message);
    }

    @Test
    void aMissingRecipeSaysNoSuchFileAndWhatToDo() {
        Path file = dir.resolve("no-such-recipe.json");
        String message = assertThrows(IOException.class, () -> AcquisitionPlan.read(file)).getMessage();
        assertTrue(message.startsWith("recipe " + file + ": no such file; give the path of a recipe JSON"), message);
    }

    @Test
    void theShippedRecipesAreValid() throws IOException {
        assertNull(AcquisitionPlan.demo().problem());
        assertNull(AcquisitionPlan.shipped("demo-toggle").problem());
    }

    @Test
    void limitsLoweredInCodeAreCheckedAgainstEveryStage() throws IOException {
        // The threshold stage's reset (-1.0 V) and set (0.9 V) fit under 1.2 V; the sweep's top (0.70 V) too.
        assertNull(AcquisitionPlan.demo().withLimits(new SafetyLimits(1.2, 1e-3)).problem());
        String problem = AcquisitionPlan.demo().withLimits(new SafetyLimits(0.8, 1e-3)).problem();
        assertTrue(problem.startsWith("field reset.amplitudeVolts: -1.0 V exceeds the safety limit of 0.8 V"), problem);
    }
}
