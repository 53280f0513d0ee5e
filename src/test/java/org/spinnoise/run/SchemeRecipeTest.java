package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.PacedBatchSource;

/** The recipe's "scheme": optional as a whole and in its settle margin, checked field by field. */
class SchemeRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path recipe(String schemeJson) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.valueToTree(AcquisitionPlan.demo());
        tree.remove("scheme");
        if (schemeJson != null) {
            tree.set("scheme", JSON.readTree(schemeJson));
        }
        Path file = dir.resolve("recipe.json");
        JSON.writeValue(file.toFile(), tree);
        return file;
    }

    @Test
    void theDemoRecipeRunsAutoInBatchesOfTwoThousand() throws Exception {
        AcquisitionPlan.SchemePlan scheme = AcquisitionPlan.demo().scheme();
        assertEquals(AcquisitionScheme.AUTO, scheme.scheme());
        assertEquals(2000, scheme.batchBits());
        assertEquals(1, scheme.smuTriggerLine());
    }

    @Test
    void aRecipeWithoutSchemeGetsAutoAndOneWithoutAMarginTheDefaultMargin() throws Exception {
        assertEquals(AcquisitionPlan.SchemePlan.DEFAULT, AcquisitionPlan.read(recipe(null)).scheme());
        AcquisitionPlan.SchemePlan scheme = AcquisitionPlan.read(recipe(
                "{\"mode\": \"batched\", \"smuTriggerLine\": 3, \"batchBits\": 500}")).scheme();
        assertEquals(AcquisitionScheme.BATCHED, scheme.scheme());
        assertEquals(PacedBatchSource.SETTLE_MARGIN_SECONDS, scheme.settleMarginSeconds());
        assertEquals(1e-4, AcquisitionPlan.read(recipe("{\"mode\": \"per-bit\", \"smuTriggerLine\": 1, "
                + "\"batchBits\": 500, \"settleMarginSeconds\": 1e-4}")).scheme().settleMarginSeconds());
    }

    @Test
    void aBadFieldIsOneLineNamingIt() throws Exception {
        IOException mode = assertThrows(IOException.class, () -> AcquisitionPlan.read(recipe(
                "{\"mode\": \"fast\", \"smuTriggerLine\": 1, \"batchBits\": 500}")));
        assertTrue(mode.getMessage().contains("scheme.mode must be \"auto\", \"batched\" or \"per-bit\""),
                mode.getMessage());
        assertEquals(1, mode.getMessage().lines().count(), mode.getMessage());
        IOException margin = assertThrows(IOException.class, () -> AcquisitionPlan.read(recipe(
                "{\"mode\": \"auto\", \"smuTriggerLine\": 1, \"batchBits\": 500, \"settleMarginSeconds\": -1}")));
        assertTrue(margin.getMessage().contains("scheme.settleMarginSeconds must be 0 to 1 s"), margin.getMessage());
        IOException notObject = assertThrows(IOException.class, () -> {
            Path file = dir.resolve("array.json");
            Files.writeString(file, "[1, 2]");
            AcquisitionPlan.read(file);
        });
        assertTrue(notObject.getMessage().contains("not a JSON object"), notObject.getMessage());
    }
}
