package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runs directory as another process's dashboard sees it: finished runs from their manifests, a running run from
 * its live file, a running run whose live file stopped changing flagged stale, and the newest running run's state.
 */
class RunsOverviewTest {
    @TempDir
    Path runs;

    @Test
    void showsFinishedRunsFromManifestsAndRunningOnesFromTheirLiveFiles() throws Exception {
        folder("20261207-060000-acquire", "{\"run\":{\"status\":\"complete\",\"finished\":\"2026-12-07T06:10:00Z\"},"
                + "\"acquisition\":{\"bits\":20000,\"requested_bits\":20000,\"bits_per_second\":210.5}}", null);
        Path killed = folder("20261207-070000-board", "{\"run\":{\"status\":\"running\"},\"acquisition\":{\"bits\":0}}",
                "{\"status\":\"running\",\"bits\":777,\"total_bits\":9000,\"bits_per_s\":55.0,\"stage\":\"s\"}");
        Files.setLastModifiedTime(killed.resolve(LiveRun.FILE), FileTime.from(Instant.now().minusSeconds(60)));
        folder("20261207-080000-acquire", "{\"run\":{\"status\":\"running\"},\"acquisition\":{\"bits\":0}}",
                "{\"status\":\"running\",\"bits\":4000,\"total_bits\":100000,\"bits_per_s\":212.5,\"stage\":\"acq\"}");
        Files.createDirectories(runs.resolve("not-a-run"));

        RunsOverview overview = new RunsOverview(runs, 10);
        JsonNode list = overview.json().get("runs");
        assertEquals(3, list.size());
        JsonNode newest = list.get(0);
        assertEquals("20261207-080000-acquire", newest.get("name").asText());
        assertEquals(4000, newest.get("bits").asLong());
        assertEquals(212.5, newest.get("bits_per_s").asDouble());
        assertFalse(newest.get("stale").asBoolean());
        JsonNode stale = list.get(1);
        assertEquals(777, stale.get("bits").asLong());
        assertTrue(stale.get("stale").asBoolean());
        assertTrue(stale.get("age_s").asDouble() >= 59);
        JsonNode done = list.get(2);
        assertEquals("complete", done.get("status").asText());
        assertEquals(20000, done.get("bits").asLong());
        assertEquals(210.5, done.get("bits_per_s").asDouble());

        assertEquals(4000, overview.liveRun().get("bits").asLong());
        assertEquals(1, new RunsOverview(runs, 1).json().get("runs").size());
    }

    @Test
    void aMissingOrEmptyRunsDirectoryShowsNoRuns() {
        assertEquals(0, new RunsOverview(runs.resolve("none"), 10).json().get("runs").size());
        assertNull(new RunsOverview(runs, 10).liveRun());
    }

    private Path folder(String name, String manifest, String live) throws Exception {
        Path dir = Files.createDirectories(runs.resolve(name));
        Files.writeString(dir.resolve(RunFolder.MANIFEST), manifest);
        if (live != null) {
            Files.writeString(dir.resolve(LiveRun.FILE), live);
        }
        return dir;
    }
}
