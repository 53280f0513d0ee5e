package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;
import org.spinnoise.run.EnergyLedgerArrayRunTest;
import org.spinnoise.run.EnergyLedgerRunTest;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.RunEnergy;

/**
 * {@code spinnoise board --emulate --junctions 3 --calibrate} on the demo array board: the run folder's energy ledger
 * against a hand computation from the recorded files alone (each junction's board_applied pulses, its board
 * calibration's R_P and R_AP and its board_stream counts in the manifest, junction-blocks.csv for which junction made
 * each bit of bits.bin), the report showing it, and an older manifest without the per-junction records getting a
 * ledger that names what it lacks.
 */
class EnergyLedgerBoardArrayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BITS = 30_000;

    @TempDir
    static Path dir;
    private static Path folder;

    /** Small frames, so each junction's turn of 8 frames is 2,944 bits and all three take turns within the run. */
    @BeforeAll
    static void stream() throws Exception {
        Outcome o = run("board", "--emulate", "--bench", "mock-instruments/benches/demo-board-array.json", "--seed",
                "5", "--junctions", "7", "--calibrate", "--payload-bytes", "64", "--bits", String.valueOf(BITS),
                "--runs", dir.resolve("runs").toString(), "--no-pool");
        assertEquals(0, o.code(), o.out() + o.err());
        Matcher m = Pattern.compile("run folder:? +(\\S+)").matcher(o.out());
        assertTrue(m.find(), o.out());
        folder = Path.of(m.group(1));
    }

    @Test
    void theLedgerMatchesAHandComputationFromEachJunctionsRecords() throws Exception {
        JsonNode m = JSON.readTree(folder.resolve("manifest.json").toFile());
        Map<Integer, JsonNode> junctions = new HashMap<>();
        m.at("/array/junctions").forEach(j -> junctions.put(j.get("junction").asInt(), j));
        assertEquals(3, junctions.size());
        List<Integer> owner = EnergyLedgerArrayRunTest.owners(folder);
        long bits = m.at("/acquisition/bits").asLong();
        assertEquals(BITS, bits);
        assertEquals(bits, owner.size(), "junction-blocks.csv covers every bit");
        byte[] packed = Files.readAllBytes(folder.resolve("bits.bin"));
        Map<Integer, Integer> previous = new HashMap<>(); // a junction's first reset: R_P, the ledger's stand-in
        double resetJ = 0;
        double writeJ = 0;
        for (int i = 0; i < bits; i++) {
            JsonNode j = junctions.get(owner.get(i));
            JsonNode applied = j.get("board_applied"); // the firmware's record: camelCase keys
            double reset = applied.get("resetVolts").asDouble();
            double write = applied.get("writeVolts").asDouble();
            double rp = j.at("/board_calibration/parallel_ohms").asDouble();
            double rap = j.at("/board_calibration/antiparallel_ohms").asDouble();
            int bit = (packed[i / 8] >>> (7 - i % 8)) & 1;
            resetJ += reset * reset * applied.get("resetWidthSeconds").asDouble()
                    / (previous.getOrDefault(owner.get(i), 0) == 1 ? rap : rp);
            writeJ += write * write * applied.get("writeWidthSeconds").asDouble() / rp;
            previous.put(owner.get(i), bit);
        }
        long lostAll = 0;
        double lostJ = 0;
        for (JsonNode j : junctions.values()) {
            JsonNode stream = j.get("board_stream");
            long lost = stream.get("pulsesFired").asLong() + stream.get("missingBits").asLong()
                    - j.get("bits").asLong();
            JsonNode applied = j.get("board_applied");
            double rp = j.at("/board_calibration/parallel_ohms").asDouble();
            lostAll += lost;
            lostJ += lost * (Math.pow(applied.get("resetVolts").asDouble(), 2)
                    * applied.get("resetWidthSeconds").asDouble() + Math.pow(applied.get("writeVolts").asDouble(), 2)
                    * applied.get("writeWidthSeconds").asDouble()) / rp;
        }
        assertTrue(lostAll > 0, "bits held back for the health tests when the run had its bits: cycles without one");
        assertTrue(junctions.get(0).at("/board_applied/writeVolts").asDouble()
                != junctions.get(2).at("/board_applied/writeVolts").asDouble(), "each junction its own write");

        JsonNode ledger = JSON.readTree(folder.resolve(RunEnergy.JSON_FILE).toFile());
        assertFalse(ledger.has("not_computed"), ledger.toString());
        Map<String, JsonNode> byKind = new HashMap<>();
        ledger.get("operations").forEach(o -> byKind.put(o.get("kind").asText(), o));
        double ledgerReset = byKind.get("reset pulse").get("joules").asDouble();
        double ledgerWrite = byKind.get("write pulse").get("joules").asDouble();
        double ledgerLost = byKind.get("reset pulse, no bit delivered").get("joules").asDouble()
                + byKind.get("write pulse, no bit delivered").get("joules").asDouble();
        assertEquals(resetJ, ledgerReset, 1e-9 * resetJ);
        assertEquals(writeJ, ledgerWrite, 1e-9 * writeJ);
        assertEquals(lostJ, ledgerLost, 1e-9 * lostJ);
        assertEquals(lostAll, byKind.get("write pulse, no bit delivered").get("count").asLong());
        assertEquals(bits, byKind.get("read (comparator)").get("count").asLong());
        assertTrue(byKind.get("read (comparator)").get("joules").isNull(), "a board read's energy is not known");
        double total = resetJ + writeJ + lostJ;
        assertEquals(total, ledger.get("device_joules").asDouble(), 1e-9 * total);
        assertEquals(total / bits, ledger.get("pulse_joules_per_raw_bit").asDouble(), 1e-9 * total / bits);
        assertTrue(ledger.get("scheme").asText().startsWith("board junction array of 3"),
                ledger.get("scheme").asText());
        System.out.printf("board array ledger: reset by hand %.9e J, ledger %.9e J; write by hand %.9e J, ledger "
                        + "%.9e J; %d cycles without a bit by hand %.9e J, ledger %.9e J; total %.9e J, %.6e J per "
                        + "raw bit%n", resetJ, ledgerReset, writeJ, ledgerWrite, lostAll, lostJ, ledgerLost, total,
                ledger.get("joules_per_raw_bit").asDouble());
    }

    @Test
    void theReportShowsTheBoardArraysLedger() throws Exception {
        String html = Files.readString(folder.resolve("report.html"));
        EnergyLedgerRunTest.assertReportShowsTheLedger(html, BITS);
        assertTrue(html.contains("board junction array of 3"), "the array's scheme");
        assertTrue(html.contains("per junction: junction 0: "), "each junction's share among the notes");
        assertTrue(html.contains("PROTOCOL.md gives no read bias"), "why the reads are not counted");
    }

    @Test
    void anOlderManifestWithoutThePerJunctionRecordsSaysWhatItLacks(@TempDir Path copyDir) throws Exception {
        Path copy = EnergyLedgerRunTest.copy(folder, copyDir.resolve("old"));
        ObjectNode m = (ObjectNode) JSON.readTree(copy.resolve("manifest.json").toFile());
        m.at("/array/junctions").forEach(j -> ((ObjectNode) j).remove(List.of("board_applied", "board_stream")));
        JSON.writerWithDefaultPrettyPrinter().writeValue(copy.resolve("manifest.json").toFile(), m);
        EnergyLedger ledger = RunEnergy.of(RunFolder.open(copy));
        assertFalse(ledger.computed());
        assertNull(ledger.deviceJoules());
        assertTrue(ledger.notComputed().startsWith("a board array run whose manifest predates")
                && ledger.notComputed().contains("array.junctions[].board_applied")
                && ledger.notComputed().contains("array.junctions[].board_stream")
                && ledger.notComputed().contains("junctions 0, 1, 2"), ledger.notComputed());
    }
}
