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
import org.spinnoise.instrument.ReconnectPolicy;

/** The recipe's optional "reconnect" section and the back-off it gives. */
class ReconnectRecipeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Path recipe(String reconnectJson) throws IOException {
        ObjectNode tree = (ObjectNode) JSON.valueToTree(AcquisitionPlan.demo());
        tree.remove("reconnect");
        if (reconnectJson != null) {
            tree.set("reconnect", JSON.readTree(reconnectJson));
        }
        Path file = dir.resolve("recipe.json");
        JSON.writeValue(file.toFile(), tree);
        return file;
    }

    @Test
    void aRecipeWithoutReconnectGetsTheDefault() throws Exception {
        assertEquals(ReconnectPolicy.DEFAULT, AcquisitionPlan.read(recipe(null)).reconnect());
    }

    @Test
    void aRecipeSetsItsOwnPolicy() throws Exception {
        AcquisitionPlan plan = AcquisitionPlan.read(recipe(
                "{\"attempts\": 3, \"firstBackoffSeconds\": 1, \"factor\": 3, \"capSeconds\": 5}"));
        assertEquals(new ReconnectPolicy(3, 1, 3, 5), plan.reconnect());
        assertEquals(0, plan.reconnect().backoffSecondsBefore(1), "the first attempt at once");
        assertEquals(1, plan.reconnect().backoffSecondsBefore(2));
        assertEquals(3, plan.reconnect().backoffSecondsBefore(3));
        assertEquals(5, plan.reconnect().backoffSecondsBefore(4), "capped");
    }

    @Test
    void theDefaultDoublesFromHalfASecondToEight() {
        ReconnectPolicy p = ReconnectPolicy.DEFAULT;
        double[] expected = {0, 0.5, 1, 2, 4, 8, 8, 8};
        for (int attempt = 1; attempt <= p.attempts(); attempt++) {
            assertEquals(expected[attempt - 1], p.backoffSecondsBefore(attempt), "before attempt " + attempt);
        }
    }

    @Test
    void aPolicyWithoutAttemptsIsRefusedInOneLine() throws Exception {
        IOException e = assertThrows(IOException.class, () -> AcquisitionPlan.read(recipe(
                "{\"attempts\": 0, \"firstBackoffSeconds\": 1, \"factor\": 2, \"capSeconds\": 5}")));
        assertTrue(e.getMessage().contains("reconnect.attempts must be at least 1"), e.getMessage());
    }
}
