package org.spinnoise.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The runs of a runs directory as a dashboard in another process sees them, from their folders alone: each run's
 * status, bits and start from its manifest, and for a run whose manifest says "running", the {@value LiveRun#FILE}
 * its command rewrites once a second (bits, bits/s, bias, tracking, health). A running run whose live file has not
 * changed for {@link #STALE} is flagged stale: its command was killed, or is an older spinnoise without live files.
 */
public final class RunsOverview {
    /** A running run's live file older than this is stale. */
    public static final Duration STALE = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runsDir;
    private final int maxRuns;

    /** The newest {@code maxRuns} run folders under {@code runsDir} (by name, which starts with the date). */
    public RunsOverview(Path runsDir, int maxRuns) {
        this.runsDir = runsDir;
        this.maxRuns = maxRuns;
    }

    /** {@code {"dir": ..., "runs": [{"name","status","bits","total_bits","bits_per_s","updated","age_s","stale"}]}}. */
    public ObjectNode json() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("dir", runsDir.toString());
        ArrayNode list = n.putArray("runs");
        for (Path dir : folders()) {
            ObjectNode r = row(dir);
            if (r != null) {
                list.add(r);
            }
        }
        return n;
    }

    /**
     * The live state of the newest run still running (its {@value LiveRun#FILE}, with {@code stale} and
     * {@code age_s} added), or else of the newest run that has one; null when no run has a live file.
     */
    public ObjectNode liveRun() {
        ObjectNode newest = null;
        for (Path dir : folders()) {
            ObjectNode live = readLive(dir);
            if (live == null) {
                continue;
            }
            if (live.path("status").asText().equals("running")) {
                return live;
            }
            if (newest == null) {
                newest = live;
            }
        }
        return newest;
    }

    private List<Path> folders() {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(runsDir)) {
            return list.filter(p -> Files.isRegularFile(p.resolve(RunFolder.MANIFEST)))
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed())
                    .limit(maxRuns).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private ObjectNode row(Path dir) {
        JsonNode manifest = read(dir.resolve(RunFolder.MANIFEST));
        if (manifest == null) {
            return null;
        }
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("name", dir.getFileName().toString());
        String status = manifest.path("run").path("status").asText("unknown");
        r.put("status", status).put("started", manifest.path("run").path("started").asText(null));
        JsonNode acquisition = manifest.path("acquisition");
        r.put("bits", acquisition.path("bits").asLong()).put("total_bits", acquisition.path("requested_bits").asLong());
        r.put("bits_per_s", acquisition.path("bits_per_second").isNumber()
                ? acquisition.path("bits_per_second").asDouble() : null);
        ObjectNode live = status.equals("running") ? readLive(dir) : null;
        if (live != null) {
            r.put("bits", live.path("bits").asLong()).put("total_bits", live.path("total_bits").asLong())
                    .put("bits_per_s", live.path("bits_per_s").asDouble()).put("stage", live.path("stage").asText());
            r.set("age_s", live.get("age_s"));
            r.set("stale", live.get("stale"));
            r.put("updated", live.path("updated").asText(null));
        } else {
            r.put("updated", manifest.path("run").path("finished").asText(null));
            r.put("stale", status.equals("running"));
        }
        return r;
    }

    private static ObjectNode readLive(Path dir) {
        Path file = dir.resolve(LiveRun.FILE);
        JsonNode live = read(file);
        if (!(live instanceof ObjectNode n)) {
            return null;
        }
        try {
            Duration age = Duration.between(Files.getLastModifiedTime(file).toInstant(), Instant.now());
            boolean running = n.path("status").asText().equals("running");
            n.put("age_s", Math.max(0, age.toMillis()) / 1e3).put("stale", running && age.compareTo(STALE) > 0);
        } catch (IOException e) {
            return null;
        }
        return n;
    }

    private static JsonNode read(Path file) {
        try {
            return Files.isRegularFile(file) ? JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            // Half-written manifests cannot happen (written by rename); anything unreadable is simply not shown.
            return null;
        }
    }
}
