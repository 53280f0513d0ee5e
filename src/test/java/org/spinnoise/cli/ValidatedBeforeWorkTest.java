package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spinnoise.testing.DemoBench;

/**
 * Issue 18 defect 14: everything a command can check is checked before the first pulse and before a run folder
 * exists. A recipe whose sweep goes beyond its limit once pulsed the junction through the threshold stage before the
 * sweep was refused; a malformed address once left an empty run folder behind.
 */
class ValidatedBeforeWorkTest {
    private static final String GOOD = "TCPIP::127.0.0.1::5025::SOCKET";

    @TempDir
    Path dir;

    private static void assertOneLineFailure(CliRun.Outcome o, String... mustContain) {
        assertEquals(1, o.code(), o.err());
        List<String> lines = o.err().strip().lines().toList();
        assertEquals(1, lines.size(), o.err());
        for (String s : mustContain) {
            assertTrue(lines.get(0).contains(s), "'" + s + "' missing from: " + lines.get(0));
        }
    }

    private List<Path> runFolders(Path runs) throws IOException {
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runs)) {
            return s.toList();
        }
    }

    @Test
    void aSweepBeyondTheLimitIsRefusedBeforeTheThresholdStagePulses() throws Exception {
        // Under 1.2 V the threshold stage's set (0.9 V) and reset (-1.0 V) pulses are allowed; the sweep's 1.3 V is not.
        String recipe = new String(getClass().getResourceAsStream("/org/spinnoise/recipes/demo.json").readAllBytes())
                .replace("\"maxJunctionVolts\": 1.5", "\"maxJunctionVolts\": 1.2")
                .replace("\"stopVolts\": 0.70", "\"stopVolts\": 1.3");
        Path file = Files.writeString(dir.resolve("recipe.json"), recipe);
        Path runs = dir.resolve("runs");
        try (DemoBench demo = DemoBench.start(31)) {
            CliRun.Outcome o = CliRun.run("acquire", "--pulse", demo.address("pulse"), "--smu", demo.address("smu"),
                    "--recipe", file.toString(), "--runs", runs.toString(), "--no-pool");
            assertOneLineFailure(o, "recipe " + file, "field sweep.stopVolts: 1.3 V exceeds the safety limit of 1.2 V");
            assertEquals(0, demo.sim.junction(0).pulsesApplied(), "no pulse for a recipe that cannot run");
        }
        assertEquals(List.of(), runFolders(runs));
    }

    @Test
    void aMaxVoltsBelowTheRecipesStagesIsRefusedBeforeAnyRunFolder() throws Exception {
        Path runs = dir.resolve("runs");
        try (DemoBench demo = DemoBench.start(32)) {
            CliRun.Outcome o = CliRun.run("acquire", "--pulse", demo.address("pulse"), "--smu", demo.address("smu"),
                    "--max-volts", "0.95", "--runs", runs.toString(), "--no-pool");
            assertOneLineFailure(o, "--max-volts", "field reset.amplitudeVolts: -1.0 V exceeds the safety limit of 0.95 V");
            assertEquals(0, demo.sim.junction(0).pulsesApplied());
        }
        assertEquals(List.of(), runFolders(runs));
    }

    @Test
    void aBoardPulseBeyondTheLimitIsRefusedBeforeAnyRunFolder() throws Exception {
        Path runs = dir.resolve("runs");
        CliRun.Outcome o = CliRun.run("board", "--address", "ASRL/dev/nonexistent-board::INSTR", "--write-volts", "1.2",
                "--max-volts", "1.0", "--no-pool", "--runs", runs.toString());
        assertOneLineFailure(o, "board: a 1.2 V pulse (write 1.2 V, reset -1.0 V) exceeds the safety limit of 1.0 V");
        assertEquals(List.of(), runFolders(runs));
    }

    /** Malformed addresses on every launch path: one line naming the instrument and the fault, and no run folder. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "acquire pulse      | TCPIP::127.0.0.1::abc::SOCKET | pulse: address 'TCPIP::127.0.0.1::abc::SOCKET': the port 'abc' is not a number",
        "acquire smu        | TCPIP::127.0.0.1::5025::SOKET | smu: address 'TCPIP::127.0.0.1::5025::SOKET' does not end in ::SOCKET",
        "acquire array      | GPIB0::12::INSTR              | junction 1: pulse: address 'GPIB0::12::INSTR' is not a VISA resource",
        "calibrate          | TCPIP::lab awg::5025::SOCKET  | pulse: address 'TCPIP::lab awg::5025::SOCKET': 'lab awg' is not a host name",
        "board              | ASRL1::INSTR                  | board: address 'ASRL1::INSTR': give the serial device by path"})
    void aMalformedAddressLeavesNoRunFolder(String path, String address, String expected) throws IOException {
        Path runs = dir.resolve("runs");
        List<String> args = new ArrayList<>();
        switch (path) {
            case "acquire pulse" -> args.addAll(List.of("acquire", "--pulse", address, "--smu", GOOD));
            case "acquire smu" -> args.addAll(List.of("acquire", "--pulse", GOOD, "--smu", address));
            case "acquire array" -> args.addAll(List.of("acquire", "--pulse", GOOD, "--smu", GOOD, "--pulse", address,
                    "--smu", GOOD));
            case "calibrate" -> args.addAll(List.of("calibrate", "--device", "d1", "--profiles",
                    dir.resolve("profiles").toString(), "--pulse", address, "--smu", GOOD));
            case "board" -> args.addAll(List.of("board", "--address", address));
            default -> throw new IllegalArgumentException(path);
        }
        args.addAll(List.of("--runs", runs.toString()));
        if (!path.equals("calibrate")) {
            args.add("--no-pool");
        }
        CliRun.Outcome o = CliRun.run(args.toArray(String[]::new));
        assertOneLineFailure(o, expected);
        assertFalse(o.out().contains("run folder"), o.out());
        assertEquals(List.of(), runFolders(runs));
    }

    /**
     * A noise source that cannot be ({@code clt-0} was accepted, and failed only after the model and test set were
     * loaded): refused as the command starts, a usage line with the valid forms, nothing printed, nothing written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "clt-0            | noise source clt-0: K must be a number of bits from 1 to 64",
        "prng,clt-65      | noise source clt-65: K must be a number of bits from 1 to 64",
        "clt-four         | noise source clt-four: K must be a number of bits from 1 to 64",
        "biased-1         | noise source biased-1: P must be a probability strictly between 0 and 1",
        "biased-0         | noise source biased-0: P must be a probability strictly between 0 and 1",
        "cltt-4           | unknown noise source 'cltt-4'",
        "inv-17           | noise source inv-17: B must be a number of bits from 1 to 16",
        "irwin-hall-4x1   | noise source irwin-hall-4x1: B must be a number of bits from 2 to 16",
        "clt-4-fair       | noise source clt-4-fair: the fair-coin correction is for raw bits",
        "'trng,,prng'     | an empty source in 'trng,,prng'",
        "raw:no/such/run  | noise source raw:no/such/run: no such run folder no/such/run"})
    void aNoiseSourceThatCannotBeIsRefusedBeforeAnyWork(String sources, String expected) {
        Path out = dir.resolve("eval");
        CliRun.Outcome o = CliRun.run("evaluate", "--sources", sources, "--out", out.toString(), "--pool",
                dir.resolve("pool").toString());
        assertEquals(2, o.code(), o.err());
        List<String> lines = o.err().lines().toList();
        assertEquals(2, lines.size(), o.err());
        assertTrue(lines.get(0).startsWith("spinnoise evaluate: --sources: " + expected), lines.get(0));
        assertTrue(lines.get(0).contains("clt-K (K bits per normal, 1 to 64), irwin-hall-KxB (K words of B bits, K 1 "
                + "to 64, B 2 to 16), inv-B (a 2^B-entry inversion table, B 1 to 16), biased-P (0 < P < 1), raw:<run "
                + "folder>, and clt-K:raw:<run folder> or clt-K-fair:raw:<run folder>")
                || expected.startsWith("noise source raw:"), lines.get(0));
        assertEquals("", o.out());
        assertFalse(Files.exists(out));
    }
}
