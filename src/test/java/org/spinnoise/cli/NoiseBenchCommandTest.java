package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code spinnoise bench noise}, run tiny: a table beside the JDK baseline, then one JSON line last. */
class NoiseBenchCommandTest {
    @Test
    void printsTheTableAndEndsWithJson() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "noise", "--samples", "65536",
                "--serve-megabytes", "2");
        assertEquals(0, code, err.toString());
        String[] lines = out.toString().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("{\"bench\":\"noise\"") && last.endsWith("}"), last);
        assertTrue(last.contains("\"serve_ratio_1_client\":") && last.contains("\"serve_ratio_4_clients\":"), last);
        assertTrue(out.toString().contains("jdk nextGaussian (baseline)"), out.toString());
        assertTrue(out.toString().contains("trng pool bits per float32 normal: 32.00"), out.toString());

        StringWriter badErr = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(badErr), "bench", "noise",
                "--samples", "5"));
        assertTrue(badErr.toString().contains("noise benchmark passes must be"), badErr.toString());
    }
}
