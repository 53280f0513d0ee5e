package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.run.manifest.RunStatus;

class RunFolderTest {
    @TempDir
    Path parent;

    @Test
    void folderIsStampedAndNamed() throws Exception {
        RunFolder run = RunFolder.create(parent.resolve("runs"), "demo");
        assertTrue(Files.isDirectory(run.dir()));
        assertTrue(run.dir().getFileName().toString().matches("\\d{8}-\\d{6}-demo"), run.dir().toString());
        assertEquals(run.dir().resolve("reads.csv"), run.file("reads.csv"));
    }

    @Test
    void foldersCreatedAtOnceAllGetTheirOwnName() throws Exception {
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Path>> tasks = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tasks.add(() -> RunFolder.create(parent, "same").dir());
            }
            Set<Path> dirs = new HashSet<>();
            for (Future<Path> f : pool.invokeAll(tasks)) {
                dirs.add(f.get());
            }
            assertEquals(n, dirs.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manifestIsWrittenWholeAndReplacedWithoutLeavingATemporaryFile() throws Exception {
        RunFolder run = RunFolder.create(parent, "m");
        run.update(m -> m.withRun(RunStatus.running("bench", "2026-12-01T00:00:00Z")));
        run.saveManifest();
        run.update(m -> m.withRun(m.run().withOutcome("complete", null, null)));
        run.saveManifest();
        assertEquals("complete", RunFolder.open(run.dir()).manifest().status());
        assertEquals(RunManifest.FORMAT, RunFolder.open(run.dir()).manifest().format());
        assertFalse(Files.exists(run.file(RunFolder.MANIFEST + ".tmp")));
    }

    @Test
    void filesAreListedWithSizeAndSha256IncludingSubFolders() throws Exception {
        RunFolder run = RunFolder.create(parent, "f");
        Files.writeString(run.file("reads.csv"), "abc", StandardCharsets.US_ASCII);
        Files.createDirectories(run.file("segments"));
        Files.write(run.file("segments").resolve("0001.bin"), new byte[0]);
        run.saveManifest();
        run.describeFiles();
        Map<String, RunManifest.FileEntry> files = run.manifest().files();
        assertEquals(3, files.get("reads.csv").bytes());
        // Known SHA-256 digests of "abc" and of nothing.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                files.get("reads.csv").sha256());
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                files.get("segments/0001.bin").sha256());
        assertFalse(files.containsKey(RunFolder.MANIFEST));
        assertFalse(files.containsKey("segments"));
        assertEquals(2, files.size());
        assertNotEquals(null, files.get("segments/0001.bin"));
    }
}
