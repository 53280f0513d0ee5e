package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code spinnoise bench wire}, run tiny: figures beside their baselines, then one JSON line last. */
class WireBenchCommandTest {
    @Test
    void printsFiguresBesideBaselinesAndEndsWithJson() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "wire", "--megabytes", "1");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("wire", json.get("bench").asText());
        for (String key : List.of("decode_payload_mbit_per_s", "crc32c_wire_mbit_per_s", "arraycopy_wire_mbit_per_s",
                "encode_payload_mbit_per_s")) {
            assertTrue(json.get(key).asDouble() > 0, key);
        }
        // 4096-byte payloads: 46 bytes of framing (or less, COBS) over 4078 bytes of bits.
        double overhead = json.get("framing_overhead_percent").asDouble();
        assertTrue(overhead > 0.2 && overhead <= 100.0 * 46 / 4078 + 1e-9, "overhead " + overhead);
        assertTrue(out.toString().contains("baseline"), out.toString());

        StringWriter badErr = new StringWriter();
        // Refused as the command line is parsed (issue 18 defect 14): a usage error.
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(badErr), "bench", "wire",
                "--payload-bytes", "18"));
        assertTrue(badErr.toString().contains("--payload-bytes must be from 19 to 4096, not 18"), badErr.toString());
    }
}
