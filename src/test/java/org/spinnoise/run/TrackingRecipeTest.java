package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.TrackingPlan;

/** The recipe's "tracking" section: absent means tracking on with the defaults; fields override; bad ones are named. */
class TrackingRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private ObjectNode demoTree() throws IOException {
        try (InputStream in = AcquisitionPlan.class.getResourceAsStream(AcquisitionPlan.DEMO_RESOURCE)) {
            return (ObjectNode) JSON.readTree(in);
        }
    }

    private AcquisitionPlan read(ObjectNode tree) throws IOException {
        Path recipe = dir.resolve("recipe.json");
        JSON.writeValue(recipe.toFile(), tree);
        return AcquisitionPlan.read(recipe);
    }

    @Test
    void aRecipeWithoutTrackingTracksWithTheDefaults() throws IOException {
        ObjectNode tree = demoTree();
        tree.remove("tracking");
        assertEquals(TrackingPlan.DEFAULT, read(tree).tracking());
    }

    @Test
    void givenFieldsOverrideTheDefaultsAndTheSectionRoundTripsThroughTheManifestForm() throws IOException {
        ObjectNode tree = demoTree();
        tree.putObject("tracking").put("enabled", false).put("windowBits", 2048).put("targetProbability", 0.25);
        AcquisitionPlan plan = read(tree);
        assertFalse(plan.tracking().enabled());
        assertEquals(2048, plan.tracking().windowBits());
        assertEquals(0.25, plan.tracking().targetProbability());
        assertEquals(TrackingPlan.DEFAULT.maxStepDeltas(), plan.tracking().maxStepDeltas());
        AcquisitionPlan back = JSON.treeToValue(JSON.valueToTree(plan), AcquisitionPlan.class);
        assertEquals(plan.tracking(), back.tracking());
    }

    @Test
    void aPlanBuiltInCodeOrAnOldManifestHasNoTracking() throws IOException {
        AcquisitionPlan small = SmallPlans.demoWith(1000);
        assertEquals(TrackingPlan.OFF, small.tracking());
        ObjectNode old = JSON.valueToTree(small);
        old.remove("tracking");
        assertEquals(TrackingPlan.OFF, JSON.treeToValue(old, AcquisitionPlan.class).tracking());
    }

    @Test
    void aBadFieldIsNamed() throws IOException {
        ObjectNode tree = demoTree();
        tree.putObject("tracking").put("gain", 2.0);
        IOException e = assertThrows(IOException.class, () -> read(tree));
        assertTrue(e.getMessage().contains("tracking.gain must be in (0, 1]"), e.getMessage());
    }

    @Test
    void windowsRoundToWholeBatches() {
        assertEquals(4000, TrackingPlan.DEFAULT.roundedToBatches(2000).windowBits());
        assertEquals(5000, TrackingPlan.DEFAULT.roundedToBatches(5000).windowBits());
        assertTrue(Files.isDirectory(dir));
    }
}
