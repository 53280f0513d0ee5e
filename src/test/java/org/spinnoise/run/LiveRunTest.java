package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.calibration.TrackingRow;

/**
 * The live state a run's listener keeps: counts, ones fraction, tracking rows and moves, events and alarms, the rate
 * sampled once a second, and its file in the run folder, rewritten while the run goes on and last written at its end.
 */
class LiveRunTest {
    @TempDir
    Path dir;

    @Test
    void keepsWhatTheRunReportsAndWritesItIntoTheFolder() throws Exception {
        try (LiveRun live = LiveRun.writingToFolder()) {
            assertEquals("starting", live.json().get("status").asText());
            live.runStarted(dir);
            live.stage("acquiring 10,000 bits");
            live.acquisitionStarting(10_000);
            live.recorded(1000, 1000, 480, 10_000);
            live.recorded(2000, 1000, 520, 10_000);
            live.tracked(new TrackingRow(2000, 1.0, 0, 2000, 1000, -0.02, 0.011, 0.51, false));
            live.tracked(new TrackingRow(4000, 2.0, 0, 2000, 1000, 0.03, 0.011, 0.505, true));
            live.sourceEvent(new SourceEvent(1_500_000_000L, "discarded", 1000, "batch <short>"));
            live.healthAlarm(1, 1234);

            ObjectNode n = live.json();
            assertEquals(dir.toString(), n.get("folder").asText());
            assertEquals("running", n.get("status").asText());
            assertEquals("acquiring 10,000 bits", n.get("stage").asText());
            assertEquals(2000, n.get("bits").asLong());
            assertEquals(10_000, n.get("total_bits").asLong());
            assertEquals(0.5, n.get("ones_fraction").asDouble(), 1e-12);
            assertEquals(2, n.get("tracking_estimates").asLong());
            assertEquals(1, n.get("tracking_adjustments").asLong());
            assertEquals(0.505, n.get("tracking").get(1).get("write_amplitude_volts").asDouble());
            assertTrue(n.get("tracking").get(1).get("adjusted").asBoolean());
            assertEquals(1, n.get("source_events").asLong());
            assertEquals("batch <short>", n.get("events").get(0).get("detail").asText());
            assertEquals(1.5, n.get("events").get(0).get("t_s").asDouble());
            assertEquals(1, n.get("health_alarms").asLong());
            assertEquals(1234, n.get("first_alarm_bit").asLong());

            // The sampler: a second later the file exists; two samples give a rate for the bits between them.
            awaitHistory(live, 1);
            assertTrue(Files.isRegularFile(dir.resolve(LiveRun.FILE)));
            live.recorded(5000, 3000, 1500, 10_000);
            awaitHistory(live, 2);
            assertTrue(live.json().get("bits_per_s").asDouble() > 0, live.json().toString());

            live.runEnded("interrupted", "run stopped by SIGINT");
            JsonNode written = new ObjectMapper().readTree(dir.resolve(LiveRun.FILE).toFile());
            assertEquals("interrupted", written.get("status").asText());
            assertEquals(5000, written.get("bits").asLong());
            assertEquals("run stopped by SIGINT", written.get("error").asText());
            long size = Files.size(dir.resolve(LiveRun.FILE));
            long modified = Files.getLastModifiedTime(dir.resolve(LiveRun.FILE)).toMillis();
            Thread.sleep(1300);
            assertEquals(modified, Files.getLastModifiedTime(dir.resolve(LiveRun.FILE)).toMillis(),
                    "after the end (and its file list in the manifest) the file is left alone");
            assertEquals(size, Files.size(dir.resolve(LiveRun.FILE)));
            assertFalse(Files.exists(dir.resolve(LiveRun.FILE + ".tmp")));
        }
    }

    @Test
    void anInMemoryStateWritesNoFile() throws Exception {
        try (LiveRun live = LiveRun.inMemory()) {
            live.runStarted(dir);
            live.recorded(10, 10, 5, 10);
            live.runEnded("complete", null);
            assertFalse(Files.exists(dir.resolve(LiveRun.FILE)));
            assertEquals("complete", live.json().get("status").asText());
        }
    }

    private static void awaitHistory(LiveRun live, int samples) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (live.json().get("history").size() < samples) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no sample in 5 s: " + live.json());
            }
            Thread.sleep(50);
        }
    }
}
