package org.spinnoise.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.PackedHealthTests;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.firmware.StreamEvent;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;

/**
 * A run on a pulser board: connect and say HELLO, configure the operating point, stream the asked number of bits
 * into the run folder's {@code bits.bin} under the continuous health tests, stop, and record the provenance: the
 * board's HELLO capabilities, the configuration asked for and applied, the stream report (every corrupt, missing and
 * duplicate frame) with its events in {@code stream-events.csv}, and the wire transcript. A failure at any point
 * (a bad port, a silent board, a version mismatch, the port vanishing) leaves the folder with every bit received and
 * the error in the manifest. The pool ingest runs afterwards on the folder, as for any run ({@link RunIngest}).
 */
public final class BoardAcquisition {
    public static final String EVENTS_FILE = "stream-events.csv";
    private static final java.lang.invoke.VarHandle BIG_ENDIAN_LONG =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.BIG_ENDIAN);

    /** What to acquire and how: bits, operating point, safety limit, frame size, credit window, health tests. */
    public record Plan(long bits, BoardOperatingPoint point, double maxJunctionVolts, int payloadBytes,
                       int windowFrames, double claimedEntropyPerBit, double alpha) {
        public Plan {
            if (bits < 8) {
                throw new IllegalArgumentException("ask the board for at least 8 bits, not " + bits);
            }
        }
    }

    /** What the run got. */
    public record Result(Path folder, HelloReply board, BoardOperatingPoint applied, long bits, long ones,
                         double seconds, StreamReport stream, List<HealthTestReport> health) {
        public double bias() {
            return (double) ones / bits - 0.5;
        }

        public boolean healthPassed() {
            return health.stream().allMatch(r -> r.failures() == 0);
        }
    }

    private final String address;
    private final Plan plan;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;
    /** The stream once started, so the manifest can say how it ended after the client has closed. */
    private BoardStream stream;

    public BoardAcquisition(String address, Plan plan, RunFolder folder, WireLog wire, RunListener listener) {
        this(address, plan, folder, wire, listener, RunStopper.never());
    }

    /** A run that, when {@code stopper} asks, sends STOP and keeps every bit that arrives until STOP_ACK. */
    public BoardAcquisition(String address, Plan plan, RunFolder folder, WireLog wire, RunListener listener,
                            RunStopper stopper) {
        this.address = address;
        this.plan = plan;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Runs the acquisition; on failure the manifest says why and keeps the bits, and the error is rethrown. A stop
     * asked for through the stopper sends STOP, keeps the bits in flight, marks the run "interrupted" and ends in a
     * {@link RunStoppedException}. The outcome and finish time are written after the board's stream has ended.
     */
    public Result run() throws IOException {
        try (RunStopper.Active running = stopper.enter()) {
            ObjectNode manifest = folder.manifest();
            manifest.putObject("tool").put("name", "spinnoise").put("version", CodeVersion.describe())
                    .put("java", System.getProperty("java.version"));
            ObjectNode status = manifest.putObject("run");
            status.put("kind", "board").put("started", Instant.now().toString()).put("status", "running");
            manifest.set("plan", RunFolder.toJson(plan));
            manifest.putObject("board").put("address", address);
            folder.saveManifest();
            try {
                Result result = acquire(manifest);
                if (result.bits() < plan.bits() && stopper.stopRequested()) {
                    throw new RunStoppedException("run stopped by " + stopper.reason() + " after " + result.bits()
                            + " bits; " + folder.dir() + " keeps them (status 'interrupted')", null);
                }
                status.put("status", "complete");
                return result;
            } catch (IOException | RuntimeException e) {
                boolean stopped = stopper.stopRequested();
                status.put("status", stopped ? "interrupted" : "failed")
                        .put("error", e.getMessage() == null ? e.toString() : e.getMessage());
                if (stopped) {
                    status.put("stopped_by", stopper.reason());
                }
                throw e;
            } finally {
                status.set("safe_state", RunFolder.toJson(Map.of("board", boardEnd())));
                status.put("finished", Instant.now().toString());
                wire.close();
                folder.describeFiles();
                folder.saveManifest();
                if (stopper.stopRequested()) {
                    listener.stage("stopped by " + stopper.reason() + ": " + manifest.at("/acquisition/bits").asLong(0)
                            + " bits kept in " + folder.dir() + "; board: " + boardEnd());
                }
            }
        }
    }

    /** How the board's stream ended, for the manifest's safe state. */
    private String boardEnd() {
        if (stream == null) {
            return "not streaming";
        }
        String endedBy = stream.report().endedBy();
        return endedBy.equals("stop") ? "stopped (STOP acknowledged)"
                : SafeStateReport.FAILED + "the stream ended by " + endedBy + "; no STOP was acknowledged";
    }

    private Result acquire(ObjectNode manifest) throws IOException {
        listener.stage("connecting to the board at " + address);
        try (BoardClient client = BoardClient.connect(address, wire)) {
            ObjectNode board = (ObjectNode) manifest.get("board");
            board.set("hello", RunFolder.toJson(client.hello()));
            listener.stage("configuring: write " + plan.point().writeVolts() + " V, reset " + plan.point().resetVolts()
                    + " V, threshold code " + plan.point().thresholdCode());
            ObjectNode configuration = board.putObject("configuration");
            configuration.set("requested", RunFolder.toJson(plan.point()));
            BoardSettings applied = client.configure(plan.point(), plan.maxJunctionVolts());
            BoardOperatingPoint appliedPoint = BoardOperatingPoint.ofSettings(applied, client.hello());
            configuration.set("applied_codes", RunFolder.toJson(applied));
            configuration.set("applied", RunFolder.toJson(appliedPoint));
            folder.saveManifest();
            listener.stage(String.format("streaming %,d bits", plan.bits()));
            BoardStream stream = client.start(plan.payloadBytes(), plan.windowFrames(), plan.bits());
            this.stream = stream;
            BoardBitSource source = new BoardBitSource(client, stream, appliedPoint);
            return stream(manifest, source, stream, client.hello(), appliedPoint);
        }
    }

    private Result stream(ObjectNode manifest, BoardBitSource source, BoardStream stream, HelloReply hello,
                          BoardOperatingPoint applied) throws IOException {
        PackedHealthTests health = PackedHealthTests.binary(plan.claimedEntropyPerBit(), plan.alpha());
        ObjectNode acquisition = manifest.putObject("acquisition");
        acquisition.put("source", source.describe()).put("bits_file", "bits.bin (MSB first)")
                .put("requested_bits", plan.bits()).put("events_file", EVENTS_FILE)
                .put("bits_confirmed_by", "STREAM frames that passed their CRC and sequence checks");
        byte[] chunk = new byte[1 << 16];
        long bytes = 0;
        long ones = 0;
        long t0 = System.nanoTime();
        long reportEvery = Math.max(1, plan.bits() / 20);
        long nextReport = reportEvery;
        try (PackedBitsRecorder recorder = new PackedBitsRecorder(folder.file("bits.bin"))) {
            try {
                for (int n; (n = source.read(chunk, 0, chunk.length)) >= 0; ) {
                    recorder.accept(chunk, 0, n);
                    health.acceptBytes(chunk, 0, n);
                    ones += ones(chunk, n);
                    bytes += n;
                    if (bytes * 8 >= plan.bits() || stopper.stopRequested()) {
                        // After STOP the stream goes on handing out the bits in flight until STOP_ACK, and keeps them.
                        stream.requestStop();
                    }
                    if (bytes * 8 >= nextReport) {
                        listener.acquired(Math.min(bytes * 8, plan.bits()), plan.bits());
                        nextReport += reportEvery;
                    }
                }
            } finally {
                double seconds = (System.nanoTime() - t0) / 1e9;
                StreamReport report = stream.report();
                acquisition.put("bits", bytes * 8).put("ones", ones).put("seconds", seconds);
                ObjectNode streamNode = manifest.putObject("stream");
                streamNode.setAll((ObjectNode) RunFolder.toJson(report));
                streamNode.put("overhead_percent", report.overheadPercent());
                manifest.set("health_tests", RunFolder.toJson(health.reports()));
                acquisition.put("health_passed", health.reports().stream().allMatch(r -> r.failures() == 0));
                writeEvents(folder.file(EVENTS_FILE), stream.events());
            }
        }
        double seconds = acquisition.get("seconds").asDouble();
        Result result = new Result(folder.dir(), hello, applied, bytes * 8, ones, seconds, stream.report(),
                health.reports());
        acquisition.put("bias", result.bias()).put("bits_per_second", result.bits() / seconds)
                .put("health_passed", result.healthPassed());
        return result;
    }

    private static long ones(byte[] chunk, int n) {
        long ones = 0;
        int i = 0;
        for (; i + 8 <= n; i += 8) {
            ones += Long.bitCount((long) BIG_ENDIAN_LONG.get(chunk, i));
        }
        for (; i < n; i++) {
            ones += Integer.bitCount(chunk[i] & 0xFF);
        }
        return ones;
    }

    private static void writeEvents(Path file, List<StreamEvent> events) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(StreamEvent.CSV_HEADER);
            out.newLine();
            for (StreamEvent e : events) {
                out.write(e.csv());
                out.newLine();
            }
        }
    }
}
