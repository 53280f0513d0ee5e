package org.spinnoise.serve;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The memory figures of {@code spinnoise bench serve}: the heap in use (after full collections) while N local
 * clients that asked for replies and never read them are connected, beside the same number of clients that read
 * every reply (the baseline, measured first in the same run), with the service's own count of queued reply bytes
 * against its bound. The clients live in this process too; each that does not read holds a reply or two in its own
 * ZeroMQ receive queue. (Resident memory is not a figure here: the JVM keeps the heap it once grew, so it shows the
 * throughput passes run before, not what the clients cost; replies in the kernel's socket buffers are in neither.)
 */
public final class BacklogBenchmark {
    private static final Duration SETTLE = Duration.ofSeconds(30);

    /**
     * @param baselineHeapMb  heap in use with the N clients connected after they read every reply
     * @param stalledHeapMb   heap in use while the N clients have asked and not read
     * @param queuedBytes     the service's queued reply bytes while they have not read
     * @param peakQueuedBytes the most it ever counted
     * @param queueBoundBytes its total bound
     * @param askedBytes      reply bytes the stalled clients asked for
     */
    public record Result(int clients, int requestsPerClient, int replyBytes, double baselineHeapMb,
                         double stalledHeapMb, long queuedBytes,
                         long peakQueuedBytes, long queueBoundBytes, long askedBytes) {

        /** The figures as JSON members (no braces). */
        public String jsonMembers() {
            return String.format(Locale.ROOT, "\"backlog_clients\":%d,\"backlog_asked_mb\":%.1f,"
                            + "\"backlog_baseline_heap_mb\":%.1f,\"backlog_stalled_heap_mb\":%.1f,"
                            + "\"backlog_queued_mb\":%.1f,\"backlog_peak_queued_mb\":%.1f,\"backlog_queue_bound_mb\":%.1f",
                    clients, askedBytes / 1e6, baselineHeapMb, stalledHeapMb,
                    queuedBytes / 1e6, peakQueuedBytes / 1e6, queueBoundBytes / 1e6);
        }
    }

    private BacklogBenchmark() {
    }

    /** Runs the baseline, then the stalled clients, on one service with the default queue bounds. */
    public static Result run(int clients, int requestsPerClient, int replyBytes, Consumer<String> log)
            throws Exception {
        ServerConfig config = ServerConfig.loopback().withModes(java.util.Set.of(NoiseMode.PRNG))
                .withLimits(replyBytes, requestsPerClient, clients + 1, Duration.ofMinutes(10));
        try (NoiseServer server = NoiseServer.start(config, (mode, name, seed) -> NoiseSources.open(mode, null,
                name, seed), null);
             ZContext context = new ZContext(1)) {
            List<ZMQ.Socket> readers = connect(context, server.endpoint(), clients, false);
            ask(readers, requestsPerClient, replyBytes);
            for (ZMQ.Socket s : readers) {
                for (int i = 0; i < 2 * requestsPerClient; i++) {
                    if (s.recv(0) == null) {
                        throw new IOException("benchmark client got no reply from " + server.endpoint());
                    }
                }
            }
            double baselineHeap = heapMb();
            log.accept(String.format(Locale.ROOT, "%d clients that read every reply: heap %.1f MB", clients,
                    baselineHeap));
            readers.forEach(context::destroySocket);
            List<ZMQ.Socket> stalled = connect(context, server.endpoint(), clients, true);
            long requestsBefore = server.stats().requests();
            ask(stalled, requestsPerClient, replyBytes);
            long expected = requestsBefore + (long) clients * requestsPerClient;
            // Settled: every request read, and nothing more generated for half a second.
            long deadline = System.nanoTime() + SETTLE.toNanos();
            long generated = -1;
            while (System.nanoTime() < deadline && (server.stats().requests() < expected
                    || generated != server.stats().generatedBytes())) {
                generated = server.stats().generatedBytes();
                Thread.sleep(500);
            }
            double stalledHeap = heapMb();
            ServerStats stats = server.stats();
            log.accept(String.format(Locale.ROOT, "%d clients that asked %d x %d bytes and never read: heap %.1f MB, "
                            + "the service queues %.1f MB (peak %.1f MB, bound %.1f MB)", clients,
                    requestsPerClient, replyBytes, stalledHeap, stats.queuedReplyBytes() / 1e6,
                    stats.peakQueuedReplyBytes() / 1e6, config.maxQueueBytes() / 1e6));
            return new Result(clients, requestsPerClient, replyBytes, baselineHeap, stalledHeap,
                    stats.queuedReplyBytes(), stats.peakQueuedReplyBytes(), config.maxQueueBytes(),
                    (long) clients * requestsPerClient * replyBytes);
        }
    }

    private static List<ZMQ.Socket> connect(ZContext context, String endpoint, int clients, boolean stall) {
        List<ZMQ.Socket> sockets = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ZMQ.Socket s = context.createSocket(SocketType.DEALER);
            s.setLinger(0);
            s.setReceiveTimeOut(30_000);
            if (stall) {
                s.setRcvHWM(1);
                s.setReceiveBufferSize(4096);
            }
            s.connect(endpoint);
            sockets.add(s);
        }
        return sockets;
    }

    private static void ask(List<ZMQ.Socket> sockets, int requests, int replyBytes) {
        for (int i = 0; i < requests; i++) {
            for (ZMQ.Socket s : sockets) {
                s.send(Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, i, replyBytes), 0);
            }
        }
    }

    /** Heap in use after full collections, MB. */
    private static double heapMb() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() / 1e6;
    }
}
