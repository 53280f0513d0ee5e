package org.spinnoise.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;

/** The catalog over real run folders: registration, every filter, rebuild after loss, damaged files, staleness. */
class RunCatalogTest {
    @TempDir
    static Path shared;
    static Path runs;
    static Path pool;
    static Path board;

    private static final Instant NOV_3 = Instant.parse("2026-11-03T10:00:00Z");
    private static final Instant NOV_20 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant DEC_5 = Instant.parse("2026-12-05T10:00:00Z");

    @BeforeAll
    static void folders() throws Exception {
        runs = shared.resolve("runs");
        pool = shared.resolve("pool");
        board = CatalogRuns.boardRun(runs, pool);
        CatalogRuns.benchRun(runs, "20261103-110000-acquire", "mtj-A1", NOV_3, "complete", false, 0.612);
        CatalogRuns.benchRun(runs, "20261120-110000-acquire", "mtj-A2", NOV_20, "failed", false, 0.633);
        CatalogRuns.benchRun(runs, "20261205-110000-demo", null, DEC_5, "interrupted", true, 0.605);
    }

    private static List<String> ids(RunCatalog catalog, CatalogFilter filter) throws Exception {
        return catalog.list(filter).stream().map(CatalogEntry::id).toList();
    }

    private static Path copyOfRuns(Path where) throws Exception {
        try (Stream<Path> walk = Files.walk(runs)) {
            for (Path p : walk.toList()) {
                if (p.getFileName().toString().startsWith(RunCatalog.FILE_NAME)) {
                    continue;
                }
                Path target = where.resolve(runs.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
        return where;
    }

    @Test
    void aRealBoardRunAndItsIngestAreCataloguedWithWhatTheManifestSays(@TempDir Path tmp) throws Exception {
        Path dir = copyOfRuns(tmp.resolve("runs"));
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            catalog.sync(List.of());
            String name = board.getFileName().toString();
            CatalogEntry run = catalog.find(name).orElseThrow();
            RunManifest m = RunFolder.open(dir.resolve(name)).manifest();
            assertEquals("board", run.kind());
            assertEquals("ok", run.outcome());
            assertEquals("SNB-EMU-0001", run.device(), "a board run without a profile is filed under its serial");
            assertEquals(m.bits(), run.bits());
            assertEquals(m.acquisition().bias(), run.bias());
            assertEquals(m.board().configuration().applied().writeVolts(), run.writeVolts());
            assertEquals(m.board().configuration().applied().thresholdCode(), run.thresholdCode());
            assertEquals(Instant.parse(m.run().started()).toEpochMilli(), run.startedMs());
            assertEquals(Boolean.TRUE, run.healthPassed());
            assertEquals(m.healthTests().size(), catalog.health(name).size());

            CatalogEntry ingest = catalog.find(name + "/ingest").orElseThrow();
            assertEquals("ingest", ingest.kind());
            assertEquals(m.poolIngest().report().bytesOut(), ingest.poolBytes());
            assertEquals(m.poolIngest().creditedEntropyPerBit(), ingest.entropyPerBit());
            assertEquals(pool.toAbsolutePath().toString(), ingest.pool());
            assertEquals(EntropyPool.inspect(pool).bytesAppended(), ingest.poolBytes(),
                    "the pool's own count of what this ingest appended");
            assertEquals(ingest.poolBytes(), run.poolBytes(), "the run's row shows what its ingest produced");
            assertEquals(List.of(name), catalog.rows(new CatalogFilter("SNB-EMU-0001", null, null, null, null, 0))
                    .stream().map(CatalogRow::id).toList(), "runs list shows the ingest in its run's row");
        }
    }

    @Test
    void everyFilterFindsItsRuns(@TempDir Path tmp) throws Exception {
        Path dir = copyOfRuns(tmp.resolve("runs"));
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            catalog.sync(List.of());
            assertEquals(List.of("20261103-110000-acquire"), ids(catalog, filter("mtj-A1", null, null, null, null)));
            assertEquals(List.of("20261120-110000-acquire"), ids(catalog, filter(null, null, null, "failed", null)));
            assertEquals(List.of("20261205-110000-demo"), ids(catalog, filter(null, null, null, "interrupted", null)));
            assertEquals(List.of("20261205-110000-demo"), ids(catalog, filter(null, null, null, null, "demo")));
            assertEquals(List.of(board.getFileName() + "/ingest"), ids(catalog, filter(null, null, null, null, "ingest")));
            assertEquals(List.of("20261103-110000-acquire", "20261120-110000-acquire"),
                    ids(catalog, filter(null, null, null, null, "acquire")));
            long since = CatalogFilter.parseTime("2026-11-10", false, "--since");
            long until = CatalogFilter.parseTime("2026-12-05T10:00:00Z", false, "--until");
            assertEquals(List.of("20261120-110000-acquire", "20261205-110000-demo"),
                    ids(catalog, filter(null, since, until, null, null)));
            assertEquals(List.of("20261103-110000-acquire"), ids(catalog,
                    filter(null, null, CatalogFilter.parseTime("2026-11-03", true, "--until"), null, null)));
            assertEquals(List.of("20261205-110000-demo"),
                    ids(catalog, new CatalogFilter(null, null, until, null, null, 1)), "--newest 1 before Dec 5");
            CatalogEntry failed = catalog.find("120-110000").orElseThrow();
            assertEquals(0.633, failed.v50Volts());
            assertEquals(0.0123, failed.deltaVolts());
            assertEquals(3712.5, failed.thresholdOhms());
            assertEquals(0.632, failed.writeVolts(), 1e-12);
            assertEquals(1L, failed.healthFailures());
            assertTrue(failed.error().contains("SMU did not answer"), failed.error());
        }
        assertThrows(IllegalArgumentException.class, () -> filter(null, null, null, "broken", null));
        assertThrows(IllegalArgumentException.class, () -> filter(null, null, null, null, "walk"));
        assertThrows(IllegalArgumentException.class, () -> CatalogFilter.parseTime("yesterday", false, "--since"));
    }

    private static CatalogFilter filter(String device, Long since, Long until, String outcome, String kind) {
        return new CatalogFilter(device, since, until, outcome, kind, 0);
    }

    @Test
    void aDeletedCatalogIsRebuiltWithTheSameRows(@TempDir Path tmp) throws Exception {
        Path dir = copyOfRuns(tmp.resolve("runs"));
        List<CatalogEntry> before;
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            catalog.sync(List.of());
            before = catalog.list(CatalogFilter.ALL);
        }
        assertEquals(5, before.size(), "four runs and one ingest");
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            Files.deleteIfExists(dir.resolve(RunCatalog.FILE_NAME + suffix));
        }
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            assertTrue(catalog.list(CatalogFilter.ALL).isEmpty());
            RunCatalog.SyncReport report = catalog.sync(List.of());
            assertEquals(4, report.foldersRead());
            assertEquals(before, catalog.list(CatalogFilter.ALL));
            assertEquals(before, listAfterRebuild(catalog));
        }
    }

    private static List<CatalogEntry> listAfterRebuild(RunCatalog catalog) throws Exception {
        catalog.rebuild(List.of());
        return catalog.list(CatalogFilter.ALL);
    }

    @Test
    void aDamagedCatalogIsMovedAsideAndRebuilt(@TempDir Path tmp) throws Exception {
        Path dir = copyOfRuns(tmp.resolve("runs"));
        byte[] junk = "this is no database, just bytes that were once a catalog".repeat(200)
                .getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve(RunCatalog.FILE_NAME), junk);
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            assertNotNull(catalog.notice());
            assertTrue(catalog.notice().contains("unreadable") && catalog.notice().contains("moved it to"),
                    catalog.notice());
            catalog.sync(List.of());
            assertEquals(5, catalog.list(CatalogFilter.ALL).size());
        }
        try (Stream<Path> list = Files.list(dir)) {
            Path aside = list.filter(p -> p.getFileName().toString().startsWith(RunCatalog.FILE_NAME + ".unreadable-"))
                    .findFirst().orElseThrow();
            assertEquals(List.of(junk.length), List.of(Files.readAllBytes(aside).length), "moved, not deleted");
        }
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            assertNull(catalog.notice(), "the new file opens cleanly");
        }
    }

    @Test
    void aChangedOrVanishedFolderIsNoticedAndAnUnreadableOneIsReported(@TempDir Path tmp) throws Exception {
        Path dir = copyOfRuns(tmp.resolve("runs"));
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            catalog.sync(List.of());
            CatalogRuns.benchRun(dir, "20261103-110000-acquire", "mtj-A9", NOV_3, "complete", false, 0.612);
            Files.setLastModifiedTime(dir.resolve("20261103-110000-acquire").resolve(RunFolder.MANIFEST),
                    java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
            deleteTree(dir.resolve("20261120-110000-acquire"));
            Files.createDirectories(dir.resolve("20261206-090000-old"));
            Files.writeString(dir.resolve("20261206-090000-old").resolve(RunFolder.MANIFEST), "{\"run\":{}}");
            RunCatalog.SyncReport report = catalog.sync(List.of());
            assertEquals(2, report.foldersRead());
            assertEquals(1, report.foldersRemoved());
            assertEquals(1, report.foldersUnreadable());
            assertTrue(report.problems().get(0).contains("format 1"), report.problems().toString());
            assertEquals("mtj-A9", catalog.find("20261103-110000-acquire").orElseThrow().device());
            assertTrue(catalog.find("20261120-110000-acquire").isEmpty());
            assertEquals(1, catalog.unreadableFolders().size());
            assertEquals(0, catalog.sync(List.of()).foldersRead(), "nothing changed since");
        }
    }

    @Test
    void drawsAreAccountedOnThePoolsOwnLedger(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs"));
        Path p = tmp.resolve("pool");
        try (EntropyPool open = EntropyPool.open(p, PoolConfig.defaults())) {
            byte[] payload = new byte[20_000];
            open.append(payload, 0, payload.length, new org.spinnoise.entropy.pool.IngestCounts(160_000, 0, 160_000.0),
                    "test");
            open.take("earlier", 1_000); // before the catalog existed
        }
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            String id = catalog.beginDraw(p, "sample");
            try (EntropyPool open = EntropyPool.open(p, PoolConfig.defaults())) {
                open.take("sample", 3_000);
                open.take("sample-drbg-seed", 48);
                open.take("someone-else", 500);
            }
            catalog.endDraw(id, "trng", null);
            CatalogEntry draw = catalog.find(id).orElseThrow();
            assertEquals("draw", draw.kind());
            assertEquals("ok", draw.outcome());
            assertEquals("trng", draw.mode());
            assertEquals(3_048L, draw.poolBytes(), "its consumer's and its drbg seed's bytes, nothing else");
            assertNotNull(draw.finished());

            catalog.sync(List.of(p));
            Map<String, Long> byConsumer = new java.util.TreeMap<>();
            for (CatalogEntry e : catalog.list(new CatalogFilter(null, null, null, null, "draw", 0))) {
                byConsumer.merge(e.consumer(), e.poolBytes(), Long::sum);
            }
            assertEquals(EntropyPool.inspect(p).bytesOutByConsumer().get("earlier"), byConsumer.get("earlier"));
            assertEquals(500L, byConsumer.get("someone-else"), "found in the ledger, not registered");
            long total = byConsumer.values().stream().mapToLong(Long::longValue).sum();
            assertEquals(EntropyPool.inspect(p).bytesServed(), total, "the draws add up to the pool's ledger");
        }
    }

    @Test
    void aDrawWhoseProcessDiedIsMarkedInterrupted(@TempDir Path tmp) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("runs"));
        Path p = tmp.resolve("pool");
        try (EntropyPool open = EntropyPool.open(p, PoolConfig.defaults())) {
            byte[] payload = new byte[5_000];
            open.append(payload, 0, payload.length, new org.spinnoise.entropy.pool.IngestCounts(40_000, 0, 40_000.0),
                    "test");
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (RunCatalog catalog = RunCatalog.open(dir)) {
            String id = catalog.beginDraw(p, "serve", gone.pid());
            try (EntropyPool open = EntropyPool.open(p, PoolConfig.defaults())) {
                open.take("serve", 700);
            }
            catalog.sync(List.of(p));
            CatalogEntry draw = catalog.find(id).orElseThrow();
            assertEquals("interrupted", draw.outcome());
            assertEquals(700L, draw.poolBytes(), "the bytes the ledger gave it before its process ended");
        }
    }

    @Test
    void aRunOutsideTheCatalogsFolderIsRefused(@TempDir Path tmp) throws Exception {
        try (RunCatalog catalog = RunCatalog.open(Files.createDirectories(tmp.resolve("runs")))) {
            CatalogException e = assertThrows(CatalogException.class, () -> catalog.register(board));
            assertTrue(e.getMessage().contains("is not in the runs folder"), e.getMessage());
        }
        assertFalse(Files.exists(tmp.resolve("runs").resolve(board.getFileName())));
    }

    private static void deleteTree(Path root) throws Exception {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
