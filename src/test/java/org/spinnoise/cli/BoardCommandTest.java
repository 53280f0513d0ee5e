package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.link.WireLog;
import picocli.CommandLine;
import org.spinnoise.cli.CliRun.Outcome;

/** {@code spinnoise board --emulate}, {@code bench board} and {@code mock --board} from the command line. */
class BoardCommandTest {
    @Test
    void anEmulatedRunStreamsIntoARunFolderAndThePool(@TempDir Path dir) {
        Outcome o = run("board", "--emulate", "--bits", "200000", "--runs", dir.resolve("runs").toString(),
                "--pool", dir.resolve("pool").toString());
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("emulated board demo-board on ASRL") && o.out().contains("health tests   passed")
                && o.out().contains("0 corrupt, 0 missing, 0 duplicate") && o.out().contains("ingest "), o.out());
    }

    /** --no-pool keeps the run's bits in its run folder: no pool is opened or created, nothing is ingested. */
    @Test
    void noPoolLeavesThePoolAlone(@TempDir Path dir) {
        Path pool = dir.resolve("pool");
        Outcome o = run("board", "--emulate", "--bits", "200000", "--runs", dir.resolve("runs").toString(),
                "--pool", pool.toString(), "--no-pool");
        assertEquals(0, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("health tests   passed") && !o.out().contains("ingest"), o.out());
        assertTrue(Files.notExists(pool), "the pool was touched");
        assertEquals(1, dir.resolve("runs").toFile().listFiles(java.io.File::isDirectory).length,
                "the run folder is there");
    }

    /** Without --seed each emulated run streams fresh bits, so a second run into the same pool is taken too. */
    @Test
    void aSecondEmulatedRunIntoTheSamePoolIsTaken(@TempDir Path dir) {
        String[] args = {"board", "--emulate", "--bits", "200000", "--runs", dir.resolve("runs").toString(), "--pool",
                dir.resolve("pool").toString()};
        Outcome first = run(args);
        Outcome second = run(args);
        assertEquals(0, first.code(), first.out() + first.err());
        assertEquals(0, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("ingest "), second.out());
        Outcome repeated = run("board", "--emulate", "--bits", "200000", "--runs", dir.resolve("runs").toString(),
                "--pool", dir.resolve("pool").toString(), "--seed", seedOf(first.out()));
        assertEquals(1, repeated.code(), "the first run's seed repeats its bits: " + repeated.out());
        assertTrue(repeated.err().contains("never ingested twice"), repeated.err());
    }

    private static String seedOf(String printed) {
        Matcher seed = Pattern.compile("\\(seed (-?\\d+),").matcher(printed);
        assertTrue(seed.find(), printed);
        return seed.group(1);
    }

    @Test
    void aBadPortIsOneLineAndExitOne(@TempDir Path dir) {
        Outcome o = run("board", "--address", "ASRL/dev/spinnoise-no-such-port::INSTR", "--runs", dir.toString());
        assertEquals(1, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().startsWith("spinnoise: ") && o.err().contains("/dev/spinnoise-no-such-port"), o.err());
    }

    @Test
    void theBenchmarkEndsWithOneJsonLine() throws Exception {
        Outcome o = run("bench", "board", "--bits", "3000000", "--raw-megabytes", "1", "--payload-bytes", "2048");
        assertEquals(0, o.code(), o.out() + o.err());
        List<String> lines = o.out().lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("board", json.get("bench").asText());
        assertTrue(json.get("payload_mbit_per_s").asDouble() > 0 && json.get("raw_line_mbit_per_s").asDouble() > 0);
        assertTrue(json.get("bits").asLong() >= 3_000_000);
        // 2048-byte frames: 18 + 10 + about 9 of COBS + 1 over 2030 bytes of bits, under 2% by construction
        double overhead = json.get("overhead_percent").asDouble();
        assertTrue(overhead > 1.5 && overhead < 2.2, "overhead " + overhead);
    }

    @Test
    void mockBoardPrintsAnAddressAHostCanUse() throws Exception {
        StringWriter printed = new StringWriter();
        CommandLine commandLine = new CommandLine(new MockCommand()).setOut(new PrintWriter(printed));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread mock = new Thread(() -> exitCode.set(commandLine.execute("--board", "--seed", "9")));
        mock.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!printed.toString().contains("running") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Matcher address = Pattern.compile("board\\s+SNB-EMU-0001\\s+(ASRL\\S+::INSTR)").matcher(printed.toString());
        assertTrue(address.find(), printed.toString());
        try (BoardClient client = BoardClient.connect(address.group(1), new WireLog())) {
            assertEquals("emulator 1.0", client.hello().firmware());
        }
        mock.interrupt();
        mock.join(5000);
        assertEquals(0, exitCode.get());
    }
}
