package org.spinnoise.sim.board;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.BoardStream;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.firmware.wire.FrameEncoder;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.progress.Progress;
import org.spinnoise.sim.PtyPair;

/**
 * Core of {@code spinnoise bench board}: on one socat pty pair, first the line's raw byte rate (the emulator's port
 * writing ready-made STREAM frames as fast as it can, the host reading and counting bytes, no protocol), then the
 * host client streaming from the board emulator over the same pty: payload bits per second of wall time and per
 * CPU-second of the host's reading thread (the "one core" figure), and the framing overhead (wire bytes / payload
 * bytes − 1). A warm-up stream runs before the timed one.
 */
public final class BoardBenchmark {
    private static final BoardOperatingPoint AT_V50 =
            new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);
    private static final int WINDOW_FRAMES = 64;

    /** The figures, rates in Mbit/s (10^6 bits per second). */
    public record Result(long bits, int payloadBytes, double seconds, double hostCpuSeconds,
                         double payloadMbitPerS, double payloadMbitPerHostCpuS, double overheadPercent,
                         long rawBytes, double rawMbitPerS, StreamReport stream) {

        /** One line of JSON with units in the keys. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"board\",\"payload_mbit_per_s\":%.1f,"
                            + "\"payload_mbit_per_host_cpu_s\":%.1f,\"raw_line_mbit_per_s\":%.1f,"
                            + "\"payload_to_raw_line\":%.3f,\"overhead_percent\":%.3f,\"stream_payload_bytes\":%d,"
                            + "\"bits\":%d,\"seconds\":%.3f,\"host_cpu_s\":%.3f,\"raw_bytes\":%d}",
                    payloadMbitPerS, payloadMbitPerHostCpuS, rawMbitPerS, payloadMbitPerS / rawMbitPerS,
                    overheadPercent, payloadBytes, bits, seconds, hostCpuSeconds, rawBytes);
        }
    }

    private BoardBenchmark() {
    }

    /**
     * Runs both measurements.
     *
     * @param bits         payload bits of the timed stream
     * @param rawBytes     bytes of the raw line measurement
     * @param payloadBytes STREAM payload size
     * @param progress     receives one line per phase
     */
    public static Result run(long bits, long rawBytes, int payloadBytes, Consumer<String> progress)
            throws BoardException, LinkException {
        return run(bits, rawBytes, payloadBytes, progress, Progress.NONE);
    }

    /** As above, showing the warm-up and the timed stream on {@code streamed} as they go. */
    public static Result run(long bits, long rawBytes, int payloadBytes, Consumer<String> progress, Progress streamed)
            throws BoardException, LinkException {
        BoardBenchFile bench = BoardBenchFile.demo();
        try (PtyPair pty = PtyPair.open()) {
            String address = "ASRL" + pty.endB() + "::INSTR";
            double rawSeconds = rawLine(pty, address, rawBytes, payloadBytes);
            double rawMbit = rawBytes * 8 / rawSeconds / 1e6;
            progress.accept(String.format(Locale.ROOT, "raw line: %,d bytes in %.3f s: %.1f Mbit/s", rawBytes,
                    rawSeconds, rawMbit));
            try (BoardEmulator board = BoardEmulator.startOn(pty, bench, bench.seed());
                 BoardClient client = BoardClient.connect(address, new WireLog())) {
                client.configure(AT_V50, 1.5);
                long warmUp = Math.max(1_000_000, bits / 5);
                Timed w = stream(client, payloadBytes, warmUp, "warm-up", streamed);
                progress.accept(String.format(Locale.ROOT, "warm-up: %,d bits in %.3f s: %.1f Mbit/s", warmUp,
                        w.seconds, w.report.bitsReceived() / w.seconds / 1e6));
                Timed t = stream(client, payloadBytes, bits, "host payload", streamed);
                StreamReport r = t.report;
                if (!r.clean()) {
                    throw new BoardException("board benchmark: the stream was damaged on a clean line: " + r);
                }
                double mbit = r.bitsReceived() / t.seconds / 1e6;
                double perCpu = r.bitsReceived() / t.cpuSeconds / 1e6;
                progress.accept(String.format(Locale.ROOT, "host payload: %,d bits in %.3f s: %.1f Mbit/s "
                                + "(%.1f Mbit per CPU-second of the host thread), framing overhead %.3f%%; "
                                + "raw line %.1f Mbit/s", r.bitsReceived(), t.seconds, mbit, perCpu,
                        r.overheadPercent(), rawMbit));
                return new Result(r.bitsReceived(), payloadBytes, t.seconds, t.cpuSeconds, mbit, perCpu,
                        r.overheadPercent(), rawBytes, rawMbit, r);
            }
        }
    }

    private record Timed(double seconds, double cpuSeconds, StreamReport report) {
    }

    private static Timed stream(BoardClient client, int payloadBytes, long bits, String task, Progress streamed)
            throws BoardException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] chunk = new byte[1 << 16];
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        BoardStream stream = client.start(payloadBytes, WINDOW_FRAMES, bits);
        long bytes = 0;
        streamed.begin(task, bits, "bit");
        try {
            for (int n; (n = stream.read(chunk, 0, chunk.length)) >= 0; ) {
                bytes += n;
                streamed.advance(bytes * 8);
                if (bytes * 8 >= bits) {
                    stream.requestStop();
                }
            }
        } finally {
            streamed.end();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
        return new Timed(seconds, cpuSeconds, stream.report());
    }

    /** Seconds for the host to read {@code total} bytes of ready-made frames written by the emulator's port. */
    private static double rawLine(PtyPair pty, String address, long total, int payloadBytes) throws LinkException {
        byte[] pattern = framePattern(payloadBytes);
        boolean[] closing = {false};
        PtyPort port = new PtyPort(pty.endA(), () -> closing[0]);
        Thread writer = new Thread(() -> {
            long left = total;
            while (left > 0 && !closing[0]) {
                int n = (int) Math.min(pattern.length, left);
                if (!port.write(pattern, 0, n)) {
                    return;
                }
                left -= n;
            }
        }, "board-bench-raw-writer");
        try (Link link = Links.open(address)) {
            writer.start();
            byte[] buffer = new byte[1 << 16];
            long received = 0;
            long t0 = 0;
            while (received < total) {
                int n = link.readAvailable(buffer, 0, buffer.length, Duration.ofSeconds(5));
                if (n == 0) {
                    throw new LinkException(address + ": the raw line measurement stalled after " + received
                            + " bytes");
                }
                if (received == 0) {
                    t0 = System.nanoTime();
                }
                received += n;
            }
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            closing[0] = true;
            try {
                writer.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            port.close();
        }
    }

    /** 64 KiB of real STREAM frames, so the raw line carries the same bytes as the protocol. */
    private static byte[] framePattern(int payloadBytes) {
        FrameEncoder encoder = new FrameEncoder();
        int bitCount = 8 * (payloadBytes - WireLimits.STREAM_FIELD_BYTES);
        byte[] bits = new byte[payloadBytes];
        new java.util.SplittableRandom(1).nextBytes(bits);
        byte[] pattern = new byte[1 << 16];
        byte[] frame = new byte[WireLimits.MAX_WIRE_BYTES];
        int at = 0;
        for (int seq = 0; ; seq++) {
            int n = encoder.encodeStream(seq, (long) seq * bitCount, bitCount, 0, bitCount, bits, 0, frame, 0);
            int take = Math.min(n, pattern.length - at);
            System.arraycopy(frame, 0, pattern, at, take);
            at += take;
            if (at == pattern.length) {
                return pattern;
            }
        }
    }
}
