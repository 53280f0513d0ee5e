package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code spinnoise acquire} is told about an array: one --pulse/--smu pair per junction, or a simulated bench
 * file; a mismatched count or a mix of both is refused in one line before anything is opened.
 */
class AcquireArrayOptionsTest {
    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {
    }

    private Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void aPulseGeneratorWithoutItsSmuIsRefused() {
        Outcome o = run("acquire", "--pulse", "TCPIP::127.0.0.1::5025::SOCKET", "--pulse",
                "TCPIP::127.0.0.1::5026::SOCKET", "--smu", "TCPIP::127.0.0.1::5027::SOCKET", "--runs",
                dir.resolve("runs").toString());
        assertNotEquals(0, o.code());
        assertTrue(o.err().contains("one pair per junction"), o.err());
        assertTrue(Files.notExists(dir.resolve("runs")), "nothing was started");
    }

    @Test
    void aBenchFileAndAddressesTogetherAreRefused() {
        Outcome o = run("acquire", "--bench", "mock-instruments/benches/demo-array.json", "--pulse",
                "TCPIP::127.0.0.1::5025::SOCKET", "--runs", dir.resolve("runs").toString());
        assertNotEquals(0, o.code());
        assertTrue(o.err().contains("--bench starts a simulated bench"), o.err());
    }

    @Test
    void aBenchFileWithASiteMissingItsSmuIsRefusedInOneLine() throws Exception {
        Path benches = dir.resolve("benches");
        Files.createDirectories(benches);
        Path models = Path.of("mock-instruments/models").toAbsolutePath();
        Files.createSymbolicLink(dir.resolve("models"), models);
        String demo = Files.readString(Path.of("mock-instruments/benches/demo.json"));
        // A second pulse generator, on the same junction, with no SMU of its own.
        String broken = demo.replace("\"smu\": {", "\"pulse-2\": {\"model\": \"keysight-33622a\", \"wiring\": "
                + "{\"1\": 0}},\n    \"smu\": {");
        Path file = benches.resolve("broken.json");
        Files.writeString(file, broken);
        Outcome o = run("acquire", "--bench", file.toString(), "--runs", dir.resolve("runs").toString());
        assertEquals(1, o.code(), o.err());
        assertEquals(1, o.err().strip().lines().count(), o.err());
        assertTrue(o.err().contains("site 2 has a pulse generator 'pulse-2' but no SMU"), o.err());
    }
}
