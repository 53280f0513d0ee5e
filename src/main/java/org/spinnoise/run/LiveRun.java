package org.spinnoise.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.calibration.TrackingRow;

/**
 * The live state of the run this process is making, for a dashboard: a {@link RunListener} whose methods called
 * from the acquisition loop only store a few numbers (an atomic add, volatile writes; a lock only for the rare
 * tracking rows and events), while one daemon thread samples them once a second into a short history (bits/s, the
 * ones fraction) and writes the state as {@value #FILE} into the run folder, so a dashboard in another process can
 * show the run too. The last write happens when the run ends, before the folder's files are listed in its manifest;
 * the state stays readable in memory until {@link #close()}.
 */
public final class LiveRun implements RunListener, AutoCloseable {
    /** The live state in a run folder: the JSON of {@link #json()}, rewritten once a second while the run goes on. */
    public static final String FILE = "live.json";
    private static final Logger LOG = LoggerFactory.getLogger(LiveRun.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int HISTORY_SAMPLES = 180;
    private static final int TRACKING_ROWS = 120;
    private static final int EVENTS = 20;
    /** Seconds of history the headline rate is averaged over. */
    private static final int RATE_WINDOW_SAMPLES = 5;

    private final boolean writeFile;
    private final long startNanos = System.nanoTime();
    private final AtomicLong ones = new AtomicLong();
    private final AtomicLong bitsSeen = new AtomicLong();
    private final ScheduledExecutorService sampler;
    private volatile Path folder;
    private volatile String status = "starting";
    private volatile String error;
    private volatile String stage = "";
    private volatile long bits;
    private volatile long totalBits;
    private volatile long healthAlarms;
    private volatile long firstAlarmBit = -1;
    private volatile boolean fileClosed;
    private final Object lock = new Object();
    private final ArrayDeque<long[]> history = new ArrayDeque<>();
    private final ArrayDeque<TrackingRow> tracking = new ArrayDeque<>();
    private final ArrayDeque<SourceEvent> events = new ArrayDeque<>();
    private long trackingEstimates;
    private long adjustments;
    private long sourceEvents;

    private LiveRun(boolean writeFile) {
        this.writeFile = writeFile;
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spinnoise-live-run");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }

    /** A live state that also writes {@value #FILE} into the run's folder once a second. */
    public static LiveRun writingToFolder() {
        return new LiveRun(true);
    }

    /** A live state kept in memory only (a benchmark's arm, a test). */
    public static LiveRun inMemory() {
        return new LiveRun(false);
    }

    @Override
    public void stage(String description) {
        stage = description;
    }

    @Override
    public void acquisitionStarting(long total) {
        totalBits = total;
    }

    @Override
    public void runStarted(Path dir) {
        folder = dir;
        fileClosed = false;
        status = "running";
    }

    @Override
    public void recorded(long bitsSoFar, long batchBits, long batchOnes, long total) {
        ones.addAndGet(batchOnes);
        bitsSeen.addAndGet(batchBits);
        bits = bitsSoFar;
        totalBits = total;
    }

    @Override
    public void sourceEvent(SourceEvent event) {
        synchronized (lock) {
            sourceEvents++;
            keep(events, event, EVENTS);
        }
    }

    @Override
    public void healthAlarm(long failures, long firstFailureBitIndex) {
        healthAlarms = failures;
        firstAlarmBit = firstFailureBitIndex;
    }

    @Override
    public void tracked(TrackingRow row) {
        synchronized (lock) {
            trackingEstimates++;
            if (row.adjusted()) {
                adjustments++;
            }
            keep(tracking, row, TRACKING_ROWS);
        }
    }

    @Override
    public void runEnded(String outcome, String failure) {
        status = outcome;
        error = failure;
        sample();
        synchronized (lock) {
            writeFile();
            fileClosed = true;
        }
    }

    /** The state as one JSON object (see the dashboard's README section for its keys). */
    public ObjectNode json() {
        ObjectNode n = JSON.createObjectNode();
        Path dir = folder;
        n.put("folder", dir == null ? null : dir.toString());
        n.put("status", status).put("error", error).put("stage", stage);
        n.put("bits", bits).put("total_bits", totalBits).put("elapsed_s", round((System.nanoTime() - startNanos) / 1e9));
        long seen = bitsSeen.get();
        n.put("ones_fraction", seen == 0 ? null : (double) ones.get() / seen);
        n.put("health_alarms", healthAlarms).put("first_alarm_bit", firstAlarmBit);
        synchronized (lock) {
            n.put("bits_per_s", rate());
            // [t_s, bits, bits/s over the interval before, ones fraction over it (null when no bits came)]
            ArrayNode h = n.putArray("history");
            long[] previous = null;
            for (long[] s : history) {
                ArrayNode point = h.addArray().add(round(s[0] / 1e9)).add(s[1]);
                if (previous == null || s[0] == previous[0]) {
                    point.add(0.0).addNull();
                } else {
                    point.add(round((s[1] - previous[1]) / ((s[0] - previous[0]) / 1e9)));
                    long newBits = s[3] - previous[3];
                    if (newBits > 0) {
                        point.add((double) (s[2] - previous[2]) / newBits);
                    } else {
                        point.addNull();
                    }
                }
                previous = s;
            }
            n.put("tracking_estimates", trackingEstimates).put("tracking_adjustments", adjustments);
            ArrayNode rows = n.putArray("tracking");
            for (TrackingRow r : tracking) {
                rows.addObject().put("bit_index", r.bitIndex()).put("junction", r.junction()).put("bias", r.bias())
                        .put("bias_stderr", r.biasStdErr()).put("write_amplitude_volts", r.writeAmplitudeVolts())
                        .put("adjusted", r.adjusted());
            }
            n.put("source_events", sourceEvents);
            ArrayNode ev = n.putArray("events");
            for (SourceEvent e : events) {
                ev.addObject().put("t_s", round(e.timeNanos() / 1e9)).put("kind", e.kind()).put("bits", e.bits())
                        .put("detail", e.detail());
            }
        }
        n.put("updated", Instant.now().toString());
        return n;
    }

    /** Stops the sampler; the state stays readable. */
    @Override
    public void close() {
        sampler.shutdownNow();
    }

    private void tick() {
        sample();
        synchronized (lock) {
            if (!fileClosed) {
                writeFile();
            }
        }
    }

    /** One history sample: time since start, bits so far, ones seen so far (the fraction is derived per interval). */
    private void sample() {
        synchronized (lock) {
            keep(history, new long[] {System.nanoTime() - startNanos, bits, ones.get(), bitsSeen.get()},
                    HISTORY_SAMPLES);
        }
    }

    /** Bits per second over the last few samples (0 before two samples or once the bits stop). */
    private double rate() {
        if (history.size() < 2) {
            return 0;
        }
        long[] last = history.peekLast();
        long[] first = null;
        int back = 0;
        var it = history.descendingIterator();
        while (it.hasNext() && back <= RATE_WINDOW_SAMPLES) {
            first = it.next();
            back++;
        }
        double seconds = (last[0] - first[0]) / 1e9;
        return seconds <= 0 ? 0 : round((last[1] - first[1]) / seconds);
    }

    private void writeFile() {
        Path dir = folder;
        if (!writeFile || dir == null || !Files.isDirectory(dir)) {
            return;
        }
        Path tmp = dir.resolve(FILE + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), json());
            try {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, dir.resolve(FILE), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            LOG.debug("could not write {} in {}: {}", FILE, dir, e.getMessage());
        }
    }

    private static <T> void keep(ArrayDeque<T> ring, T item, int capacity) {
        if (ring.size() == capacity) {
            ring.removeFirst();
        }
        ring.addLast(item);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
