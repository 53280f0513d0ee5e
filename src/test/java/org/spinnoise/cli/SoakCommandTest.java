package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spinnoise soak}, run for 12 s with faults dense enough that some surely land: the whole chain runs, bytes
 * are served, faults are injected and each accounted for, and no byte is served twice; the report, its JSON line and
 * the samples are in the soak's folder.
 */
class SoakCommandTest {
    @Test
    void aShortSoakWithFaultsServesNoByteTwiceAndReportsEveryFigure(@TempDir Path dir) throws Exception {
        CliRun.Outcome outcome = CliRun.run("soak", "--minutes", "0.2", "--seed", "7", "--fault-rate", "30",
                "--frame-damage", "0.04", "--bench-bits", "2000", "--board-bits", "1000000", "--runs",
                dir.toString());
        assertEquals(0, outcome.code(), outcome.out() + outcome.err());
        String[] lines = outcome.out().strip().split("\n");
        JsonNode json = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("soak", json.get("bench").asText());
        for (String key : List.of("bits_acquired", "faults_injected", "faults_detected", "faults_recovered",
                "bytes_served", "overlaps", "heap_max_after_gc_mb", "rss_hwm_mb", "threads_before", "threads_after",
                "open_files_before", "open_files_after", "memory_flat", "bits_lost_or_repeated")) {
            assertTrue(json.has(key), key + " in " + lines[lines.length - 1]);
        }
        assertTrue(json.get("bits_acquired").asLong() >= 1_000_000, "the board run at least");
        assertTrue(json.get("bytes_served").asLong() > 0, "the clients got noise");
        long injected = json.get("faults_injected").asLong();
        assertTrue(injected > 0, "faults were injected");
        assertEquals(injected, json.get("faults_recovered").asLong() + json.get("faults_unnoticed").asLong()
                + json.get("faults_unresolved").asLong());
        assertEquals(0, json.get("overlaps").asLong());
        assertEquals(0, json.get("bits_lost_or_repeated").asLong());
        assertEquals(0, json.get("outputs_left_on").asLong());
        assertTrue(json.get("rss_hwm_mb").asDouble() > 10 && json.get("threads_after").asInt() > 0);
        assertTrue(json.get("memory_flat").isNull(), "12 s is too short to judge memory");
        assertTrue(outcome.out().contains("soak ") && outcome.out().contains("verdict        passed"),
                outcome.out());

        Path folder;
        try (Stream<Path> soaks = Files.list(dir)) {
            folder = soaks.filter(p -> p.getFileName().toString().endsWith("-soak")).findFirst().orElseThrow();
        }
        assertEquals(lines[lines.length - 1], Files.readString(folder.resolve("soak.json")).strip());
        assertTrue(Files.readString(folder.resolve("soak-report.txt")).contains("overlaps       0"));
        assertTrue(Files.readAllLines(folder.resolve("memory.csv")).size() > 3);
    }

    @Test
    void refusesTooFewClientsAndANonPositiveDuration() {
        CliRun.Outcome clients = CliRun.run("soak", "--clients", "2");
        assertEquals(2, clients.code());
        assertTrue(clients.err().contains("--clients must be from 3 to 64, not 2"), clients.err());
        CliRun.Outcome minutes = CliRun.run("soak", "--minutes", "0");
        assertEquals(2, minutes.code());
        assertTrue(minutes.err().contains("--minutes must be above 0 and at most 10080, not 0"), minutes.err());
    }
}
