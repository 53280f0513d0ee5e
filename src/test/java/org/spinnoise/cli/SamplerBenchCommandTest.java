package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** {@code spinnoise bench sampler} refuses impossible settings in one line (the run itself is tested tiny in nn). */
class SamplerBenchCommandTest {
    @Test
    void refusesAnEmptyBatchInOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "bench", "sampler", "--batch", "0");
        // A usage error as the command line is parsed (issue 18 defect 14): the option's range, then where to look.
        assertEquals(2, code, err.toString());
        String[] lines = err.toString().strip().split("\n");
        assertEquals(2, lines.length, err.toString());
        assertTrue(lines[0].contains("--batch must be from 1 to 1024, not 0"), lines[0]);
        assertEquals("", out.toString());
    }
}
