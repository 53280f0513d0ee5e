package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.RunStatus;

/**
 * A command's progress when standard error is not a terminal (as in every test): a few plain lines, never a bar or
 * one line per block. The interval between lines is shortened from 10 s to 1 ms so that even the assessment, now a
 * matter of milliseconds on 300 kbit, shows them; the 10 % rule still holds them to about ten per task.
 */
class ProgressLinesCommandTest {
    private static final int BITS = 300_000;
    private static final Pattern LINE = Pattern.compile(
            "(assess|ingest): (\\d{1,2}% \\([\\d.]+ [kM]?bit / [\\d.]+ [kM]?bit\\), [\\d.,]+ [kM]?bit/s, \\d+:\\d\\d left"
                    + "|done, [\\d.]+ [kM]?bit in \\d+:\\d\\d \\([\\d.,]+ [kM]?bit/s\\))");

    @TempDir
    Path tmp;

    private record Outcome(int code, String out, String err) {
    }

    private static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String before = System.getProperty(ProgressMode.LINES_INTERVAL_PROPERTY);
        System.setProperty(ProgressMode.LINES_INTERVAL_PROPERTY, "1");
        try {
            int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
            return new Outcome(code, out.toString(), err.toString());
        } finally {
            if (before == null) {
                System.clearProperty(ProgressMode.LINES_INTERVAL_PROPERTY);
            } else {
                System.setProperty(ProgressMode.LINES_INTERVAL_PROPERTY, before);
            }
        }
    }

    private Path completeRun(int bitCount) throws Exception {
        RunFolder run = RunFolder.create(tmp.resolve("runs"), "fair");
        run.update(m -> m.withRun(new RunStatus("bench", "2026-12-01T00:00:00Z", "complete", null, null, null, null,
                        null))
                .withAcquisition(Acquisition.starting("test", null, "bits.bin", null, null, null, bitCount)
                        .withCounts(bitCount, bitCount / 2, 1, null, 0, 0, true)));
        run.saveManifest();
        byte[] bits = new byte[bitCount / 8];
        new SplittableRandom(17).nextBytes(bits);
        Files.write(run.file("bits.bin"), bits);
        return run.dir();
    }

    @Test
    void poolIngestLogsAFewPlainLinesOnStandardError() throws Exception {
        Path run = completeRun(BITS);
        Outcome o = run("pool", "ingest", "--pool", tmp.resolve("pool").toString(), "--run", run.toString());
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("assess: ")), o.err());
        assertTrue(lines.size() <= 2 * 12, "about ten lines per task at most: " + o.err());
        for (String line : lines) {
            assertTrue(LINE.matcher(line).matches(), "not a progress line: '" + line + "'");
        }
        assertTrue(!o.err().contains("\r") && !o.out().contains("assess: "), "no bar, and results alone on stdout");
    }

    @Test
    void progressNoneIsSilent() throws Exception {
        Path run = completeRun(20_000);
        Outcome o = run("--progress=none", "pool", "ingest", "--pool", tmp.resolve("pool").toString(), "--run",
                run.toString());
        assertEquals(0, o.code(), o.err());
        assertEquals("", o.err());
    }
}
