package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.catalog.CatalogExport;
import org.spinnoise.catalog.RunCatalog;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * {@code spinnoise runs list|show|export|rebuild} over run folders made by the CLI itself: an emulated board run
 * ingested into a pool, a board run that failed to start, and a {@code pool take} registered as a draw.
 */
class RunsCommandTest {
    @TempDir
    static Path dir;
    static Path runs;
    static Path pool;
    static String boardRun;

    @BeforeAll
    static void runsMadeByTheCli() throws Exception {
        runs = dir.resolve("runs");
        pool = dir.resolve("pool");
        Outcome board = run("board", "--emulate", "--bits", "200000", "--runs", runs.toString(), "--pool",
                pool.toString());
        assertEquals(0, board.code(), board.out() + board.err());
        try (Stream<Path> list = Files.list(runs)) {
            boardRun = list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).findFirst().orElseThrow();
        }
        assertEquals(1, run("board", "--address", "ASRL/dev/spinnoise-no-such-port::INSTR", "--runs",
                runs.toString()).code());
        String before = System.getProperty("spinnoise.runs");
        System.setProperty("spinnoise.runs", runs.toString());
        try {
            Outcome take = run("pool", "take", "--pool", pool.toString(), "--bytes", "1000", "--consumer", "dieharder",
                    "--out", dir.resolve("take.bin").toString());
            assertEquals(0, take.code(), take.err());
        } finally {
            if (before == null) {
                System.clearProperty("spinnoise.runs");
            } else {
                System.setProperty("spinnoise.runs", before);
            }
        }
    }

    private static Outcome runs(String... args) {
        List<String> all = new ArrayList<>(List.of("runs"));
        all.addAll(List.of(args));
        all.addAll(List.of("--runs", runs.toString(), "--pool", pool.toString()));
        return run(all.toArray(String[]::new));
    }

    @Test
    void listShowsTheRunWithItsIngestAndTheDrawAndFilters() throws Exception {
        Outcome all = runs("list");
        assertEquals(0, all.code(), all.err());
        List<String> lines = all.out().lines().toList();
        assertTrue(lines.get(0).startsWith("RUN") && lines.get(0).contains("POOL BYTES"), all.out());
        long added = EntropyPool.inspect(pool).bytesAppended();
        assertTrue(lines.stream().anyMatch(l -> l.startsWith(boardRun + " ") && l.contains(" board ")
                && l.contains(" ok ") && l.contains("SNB-EMU-0001") && l.endsWith(RunTable.count(added))), all.out());
        assertTrue(lines.stream().noneMatch(l -> l.startsWith(boardRun + "/ingest")), "in its run's row: " + all.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("draw-") && l.contains(" draw ") && l.endsWith("1,000")),
                all.out());

        Outcome ingests = runs("list", "--kind", "ingest");
        assertEquals(2, ingests.out().lines().count(), ingests.out());
        assertTrue(ingests.out().contains(boardRun + "/ingest"), ingests.out());
        Outcome failed = runs("list", "--outcome", "failed", "--kind", "board");
        assertEquals(2, failed.out().lines().count(), failed.out());
        assertTrue(failed.out().contains("-no-such") || failed.out().contains(" failed "), failed.out());
        Outcome device = runs("list", "--device", "SNB-EMU-0001", "--since", "2000-01-01", "--until", "2999-12-31");
        assertEquals(2, device.out().lines().count(), "the header and the run: " + device.out());
        Outcome none = runs("list", "--until", "2000-01-01");
        assertTrue(none.out().startsWith("no catalogued entries match"), none.out());
    }

    @Test
    void showPrintsWhatTheCatalogHoldsAndTheReportsPath() throws Exception {
        Files.writeString(runs.resolve(boardRun).resolve(RunsShowCommand.REPORT), "<html></html>");
        Outcome o = runs("show", boardRun);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("kind             board") && o.out().contains("device           SNB-EMU-0001")
                && o.out().contains("write amplitude") && o.out().contains("health: ")
                && o.out().contains("entry            " + boardRun + "/ingest")
                && o.out().contains("pool bytes added") && o.out().contains("credited entropy"), o.out());
        assertTrue(o.out().contains("report           " + runs.resolve(boardRun).resolve("report.html")), o.out());
        // an uncalibrated board run knows no ohms: its ledger says so, and still gives the time per bit
        assertTrue(o.out().contains("energy           not known per raw bit") && o.out().contains("energy overhead  "),
                o.out());

        Outcome missing = runs("show", "no-such-run");
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().lines().count(), missing.err());
        assertTrue(missing.err().contains("no catalogued run, ingest or draw is named 'no-such-run'"), missing.err());
    }

    @Test
    void exportsParseBackToTheSameEntries() throws Exception {
        // Exports hold every entry, ingests included.
        Path csv = dir.resolve("all.csv");
        Path json = dir.resolve("all.json");
        assertEquals(0, runs("export", "--format", "csv", "--out", csv.toString()).code());
        assertEquals(0, runs("export", "--format", "json", "--out", json.toString()).code());
        List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(String.join(",", CatalogExport.columns()), rows.get(0));
        JsonNode array = new ObjectMapper().readTree(json.toFile());
        assertEquals(rows.size() - 1, array.size());
        List<String> csvIds = rows.subList(1, rows.size()).stream().map(r -> r.substring(0, r.indexOf(','))).toList();
        List<String> jsonIds = new ArrayList<>();
        array.forEach(e -> jsonIds.add(e.get("id").asText()));
        assertEquals(jsonIds, csvIds);
        JsonNode ingest = null;
        for (JsonNode e : array) {
            if (e.get("kind").asText().equals("ingest")) {
                ingest = e;
            }
        }
        assertEquals(EntropyPool.inspect(pool).bytesAppended(), ingest.get("pool_bytes").asLong());
        assertEquals(CatalogExport.columns().size(), ingest.size());

        Path draws = dir.resolve("draws.json");
        assertEquals(0, runs("export", "--format", "json", "--out", draws.toString(), "--kind", "draw").code());
        JsonNode draw = new ObjectMapper().readTree(draws.toFile()).get(0);
        assertEquals("dieharder", draw.get("consumer").asText());
        assertEquals("trng", draw.get("mode").asText());
        assertEquals(1000, draw.get("pool_bytes").asLong());
        assertEquals(1, runs("export", "--format", "xml", "--out", draws.toString()).code());
    }

    @Test
    void aLostOrDamagedCatalogIsRebuiltTransparently(@TempDir Path tmp) throws Exception {
        Path copy = tmp.resolve("runs");
        try (Stream<Path> walk = Files.walk(runs)) {
            for (Path p : walk.toList()) {
                Path target = copy.resolve(runs.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (!p.getFileName().toString().startsWith(RunCatalog.FILE_NAME)) {
                    Files.copy(p, target);
                }
            }
        }
        Outcome fresh = run("runs", "list", "--runs", copy.toString(), "--pool", pool.toString(), "--kind", "board");
        Outcome original = runs("list", "--kind", "board");
        assertEquals(original.out().replace(runs.toString(), ""), fresh.out().replace(copy.toString(), ""));

        Files.writeString(copy.resolve(RunCatalog.FILE_NAME), "not a database ".repeat(300));
        Outcome damaged = run("runs", "list", "--runs", copy.toString(), "--kind", "board");
        assertEquals(0, damaged.code(), damaged.err());
        assertEquals(1, damaged.err().lines().count(), damaged.err());
        assertTrue(damaged.err().contains("was unreadable") && damaged.err().contains("moved it to catalog.sqlite"
                + ".unreadable-"), damaged.err());
        assertEquals(fresh.out(), damaged.out());

        Outcome rebuilt = run("runs", "rebuild", "--runs", copy.toString());
        assertEquals(0, rebuilt.code(), rebuilt.err());
        assertTrue(rebuilt.out().contains("2 run folders read"), rebuilt.out());
    }

    @Test
    void everySubcommandHasExamplesAndAMissingRunsFolderIsOneLine() {
        for (String sub : new String[] {"list", "show", "export", "rebuild"}) {
            Outcome help = run("runs", sub, "--help");
            assertEquals(0, help.code());
            assertTrue(help.out().contains("Examples:") && help.out().contains("spinnoise runs " + sub), help.out());
        }
        Outcome o = run("runs", "list", "--runs", dir.resolve("nowhere").toString());
        assertEquals(1, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("no runs folder"), o.err());
        assertFalse(Files.exists(dir.resolve("nowhere")));
    }

    @Test
    void theBenchmarkPrintsEachFigureBesideItsBaselineAndEndsWithOneJsonLine() throws Exception {
        Outcome o = run("bench", "catalog", "--runs-count", "60", "--repeats", "2");
        assertEquals(0, o.code(), o.out() + o.err());
        List<String> lines = o.out().lines().toList();
        assertTrue(o.out().contains("baseline: read 60 manifests from the folders"), o.out());
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertEquals("catalog", json.get("bench").asText());
        assertEquals(60, json.get("runs").asInt());
        assertTrue(json.get("entries").asInt() >= 60, "every run, and the ingests of some");
        for (String key : new String[] {"list_ms", "list_cpu_ms", "scan_folders_ms", "rebuild_ms", "process_list_ms",
                "process_version_ms"}) {
            assertTrue(json.get(key).asDouble() > 0, key + " in " + json);
        }
    }
}
