package org.spinnoise.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;

/**
 * Core of {@code spinnoise bench serve}: float32 normals per second through the noise service ({@code prng} mode,
 * so the pool is not drained) to one and to four local clients over loopback TCP, beside raw JeroMQ moving the same
 * frames (same reply size, same header, same client and pipelining) from a buffer filled once
 * ({@link RawReplyServer}). The service is measured twice: serving normals, which it generates per reply, and serving
 * raw {@code prng} bytes, whose words cost a few percent of that: the second isolates what the service itself
 * (sessions, credit, fresh payloads, hand-offs) costs beside ZeroMQ. Raw, normals and bytes passes take turns, each
 * round under the same load of a shared machine; each ratio is the median of the rounds' ratios. Each pass also
 * reports the process's CPU time per MB, which a busy machine disturbs far less than throughput (the JVM reads it in
 * 10 ms ticks, so a pass needs to last a second or so: hence the default of 1 GiB per pass), and the generator's own
 * speed on one thread is measured first: the service spends that CPU on top of what ZeroMQ spends.
 */
public final class ServiceBenchmark {
    static final int WARM_UP_PASSES = 1;
    static final int TIMED_PASSES = 5;
    /** Cores the service and its clients share (they all run in this process). */
    static final int CORES = Runtime.getRuntime().availableProcessors();

    /**
     * Medians over the timed passes of one client count: MB/s (10^6 bytes of payload), ratio to raw JeroMQ in the
     * same round, CPU ms/MB; the service serving normals, and serving raw bytes. Two bounds follow from the CPU the
     * service was measured to spend per MB of normals (both 0 when the passes were too short to register CPU time):
     * {@code cpuParityRatio}, raw's CPU per MB over the service's, is the ratio the service would reach using as many
     * cores as raw JeroMQ did; {@code cpuCeilingRatio} the highest the machine's cores allow with all of them busy
     * with nothing else, beyond which no scheduling can go.
     */
    public record Figures(double rawMbPerS, double serviceMbPerS, double ratio, double rawCpuMsPerMb,
                          double serviceCpuMsPerMb, double bytesMbPerS, double bytesRatio, double bytesCpuMsPerMb,
                          double cpuParityRatio, double cpuCeilingRatio) {
    }

    /** Both client counts and the generator alone. */
    public record Result(int megabytes, int replyBytes, int pipeline, int cores, double generatorMbPerS,
                         double jdkNextGaussianMbPerS, Figures one, Figures four) {

        /** The figures as JSON members (no braces), for this bench's line and for {@code bench noise}. */
        public String jsonMembers() {
            return String.format(Locale.ROOT, "\"serve_mode\":\"prng\",\"serve_reply_bytes\":%d,\"serve_pipeline\":%d,"
                            + "\"serve_megabytes\":%d,\"serve_cores\":%d,\"serve_generator_mb_per_s\":%.1f,"
                            + "\"serve_jdk_next_gaussian_mb_per_s\":%.1f,%s,%s", replyBytes, pipeline, megabytes, cores,
                    generatorMbPerS, jdkNextGaussianMbPerS, members("1_client", one), members("4_clients", four));
        }

        public String json() {
            return "{\"bench\":\"serve\"," + jsonMembers() + "}";
        }

        private static String members(String clients, Figures f) {
            return String.format(Locale.ROOT, "\"serve_raw_%1$s_mb_per_s\":%2$.1f,\"serve_%1$s_mb_per_s\":%3$.1f,"
                            + "\"serve_%1$s_mnormals_per_s\":%4$.2f,\"serve_ratio_%1$s\":%5$.3f,"
                            + "\"serve_raw_%1$s_cpu_ms_per_mb\":%6$.2f,\"serve_%1$s_cpu_ms_per_mb\":%7$.2f,"
                            + "\"serve_bytes_%1$s_mb_per_s\":%8$.1f,\"serve_bytes_ratio_%1$s\":%9$.3f,"
                            + "\"serve_bytes_%1$s_cpu_ms_per_mb\":%10$.2f,\"serve_cpu_parity_ratio_%1$s\":%11$.3f,"
                            + "\"serve_cpu_ceiling_ratio_%1$s\":%12$.3f",
                    clients, f.rawMbPerS(), f.serviceMbPerS(), f.serviceMbPerS() / Float.BYTES, f.ratio(),
                    f.rawCpuMsPerMb(), f.serviceCpuMsPerMb(), f.bytesMbPerS(), f.bytesRatio(), f.bytesCpuMsPerMb(),
                    f.cpuParityRatio(), f.cpuCeilingRatio());
        }
    }

    private ServiceBenchmark() {
    }

    /**
     * @param megabytes  normals payload per pass, in MiB, split among the clients
     * @param replyBytes payload per request (the message size both sides use)
     * @param pipeline   requests each client keeps in flight
     */
    public static Result run(int megabytes, int replyBytes, int pipeline, Consumer<String> progress)
            throws IOException, InterruptedException {
        if (megabytes < 1 || replyBytes < 4096 || replyBytes > ServerConfig.REPLY_BYTES_CEILING || pipeline < 1) {
            throw new IllegalArgumentException("service benchmark needs at least 1 MiB, replies of 4 KiB .. "
                    + (ServerConfig.REPLY_BYTES_CEILING >> 20) + " MiB and a pipeline of at least 1");
        }
        double[] generatorAndJdk = generatorAndJdkMbPerS(megabytes);
        double generator = generatorAndJdk[0];
        double jdk = generatorAndJdk[1];
        progress.accept(String.format(Locale.ROOT, "prng generator alone, one thread: %.1f MB/s of float32 normals "
                + "(JDK nextGaussian on the same L64X128MixRandom: %.1f MB/s)", generator, jdk));
        byte[] prefilled = new byte[replyBytes];
        new SplittableRandom(1).nextBytes(prefilled);
        ServerConfig config = ServerConfig.loopback().withLimits(replyBytes, Math.max(16, pipeline), 64,
                java.time.Duration.ofSeconds(30));
        try (RawReplyServer raw = new RawReplyServer(prefilled);
             NoiseServer service = NoiseServer.start(config,
                     (mode, consumer, seed) -> NoiseSources.open(mode, null, consumer, seed), null)) {
            Figures one = alternate(raw.endpoint(), service.endpoint(), 1, megabytes, replyBytes, pipeline, progress);
            Figures four = alternate(raw.endpoint(), service.endpoint(), 4, megabytes, replyBytes, pipeline,
                    progress);
            return new Result(megabytes, replyBytes, pipeline, CORES, generator, jdk, one, four);
        }
    }

    /** Rounds of a raw, a normals and a bytes pass for one client count; the medians. */
    private static Figures alternate(String rawEndpoint, String serviceEndpoint, int clients, int megabytes,
                                     int replyBytes, int pipeline, Consumer<String> progress)
            throws IOException, InterruptedException {
        double[][] timed = new double[8][TIMED_PASSES];
        double mb = ((long) megabytes << 20) / 1e6;
        for (int pass = -WARM_UP_PASSES; pass < TIMED_PASSES; pass++) {
            long cpu0 = processCpuNanos();
            double r = pass(rawEndpoint, clients, megabytes, replyBytes, pipeline, RequestType.NORMALS);
            long cpu1 = processCpuNanos();
            double s = pass(serviceEndpoint, clients, megabytes, replyBytes, pipeline, RequestType.NORMALS);
            long cpu2 = processCpuNanos();
            double b = pass(serviceEndpoint, clients, megabytes, replyBytes, pipeline, RequestType.BYTES);
            long cpu3 = processCpuNanos();
            double rawCpu = (cpu1 - cpu0) / 1e6 / mb;
            double serviceCpu = (cpu2 - cpu1) / 1e6 / mb;
            double bytesCpu = (cpu3 - cpu2) / 1e6 / mb;
            String label = pass < 0 ? "warm-up" : "pass " + (pass + 1) + "/" + TIMED_PASSES;
            progress.accept(String.format(Locale.ROOT, "%d client%s %s: raw JeroMQ %.1f MB/s (%.2f CPU ms/MB); "
                            + "service normals %.1f MB/s (%.2f M normals/s, %.2f CPU ms/MB), ratio %.2f; "
                            + "service bytes %.1f MB/s (%.2f CPU ms/MB), ratio %.2f", clients,
                    clients == 1 ? "" : "s", label, r, rawCpu, s, s / Float.BYTES, serviceCpu, s / r, b, bytesCpu,
                    b / r));
            if (pass >= 0) {
                double[] values = {r, s, s / r, rawCpu, serviceCpu, b, b / r, bytesCpu};
                for (int k = 0; k < values.length; k++) {
                    timed[k][pass] = values[k];
                }
            }
        }
        double serviceCpu = median(timed[4]);
        double parity = serviceCpu > 0 ? median(timed[3]) / serviceCpu : 0;
        double ceiling = serviceCpu > 0 ? CORES * 1e3 / serviceCpu / median(timed[0]) : 0;
        return new Figures(median(timed[0]), median(timed[1]), median(timed[2]), median(timed[3]), serviceCpu,
                median(timed[5]), median(timed[6]), median(timed[7]), parity, ceiling);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Payload a client asks for per call, into one array it reuses: large enough that the pipeline drains once per
     * 64 MiB, small enough that a pass of any size allocates nothing big on the client side.
     */
    static final int CLIENT_ARRAY_BYTES = 64 << 20;

    /**
     * One pass: {@code clients} clients each draw their share of {@code megabytes} at once, as normals or raw bytes
     * ({@link RawReplyServer} answers both alike); MB/s of payload.
     */
    private static double pass(String endpoint, int clients, int megabytes, int replyBytes, int pipeline,
                               RequestType type) throws IOException, InterruptedException {
        long bytesPerClient = ((long) megabytes << 20) / clients / Float.BYTES * Float.BYTES;
        NoiseClient.Options options = NoiseClient.Options.defaults().withPipeline(pipeline, replyBytes);
        List<NoiseClient> connected = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            for (int i = 0; i < clients; i++) {
                NoiseClient c = NoiseClient.connect(endpoint, options);
                connected.add(c);
                c.ping();
            }
            List<Future<Long>> draws = new ArrayList<>();
            long start = System.nanoTime();
            for (NoiseClient c : connected) {
                draws.add(threads.submit(() -> draw(c, bytesPerClient, type)));
            }
            long bytes = 0;
            for (Future<Long> f : draws) {
                bytes += f.get();
            }
            long elapsed = System.nanoTime() - start;
            return bytes / 1e6 / (elapsed / 1e9);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("service benchmark client failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            threads.shutdown();
            connected.forEach(NoiseClient::close);
        }
    }

    /** One client's share, {@code bytes} of payload, in calls of at most {@link #CLIENT_ARRAY_BYTES}; bytes drawn. */
    private static long draw(NoiseClient client, long bytes, RequestType type) throws NoiseServiceException {
        int chunk = (int) Math.min(bytes, CLIENT_ARRAY_BYTES);
        float[] normals = type == RequestType.NORMALS ? new float[chunk / Float.BYTES] : null;
        byte[] raw = type == RequestType.BYTES ? new byte[chunk] : null;
        long drawn = 0;
        while (drawn < bytes) {
            int n = (int) Math.min(chunk, bytes - drawn);
            if (normals != null) {
                float[] out = n == chunk ? normals : new float[n / Float.BYTES];
                drawn += (long) client.fillNormals(NoiseMode.PRNG, out).count() * Float.BYTES;
            } else {
                drawn += client.fillBytes(NoiseMode.PRNG, n == chunk ? raw : new byte[n]).count();
            }
        }
        return drawn;
    }

    /** CPU time of the whole process (server and clients both live in it), for the progress lines. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    /** Passes of each generator, alternated; the best of each is kept. The first pass is a warm-up. */
    private static final int GENERATOR_PASSES = 4;

    /**
     * The prng generator alone and its same-run baseline, the JDK's own nextGaussian on L64X128MixRandom (what prng
     * mode called per normal before it had its own ziggurat), in alternating passes of {@code megabytes} each, so
     * the JIT has compiled both (the Vector API lanes run interpreted until then) and a busy moment hits both.
     *
     * @return {generator MB/s, JDK MB/s}
     */
    private static double[] generatorAndJdkMbPerS(int megabytes) throws IOException {
        float[] buffer = new float[1 << 16];
        long normals = Math.max(buffer.length, ((long) megabytes << 20) / Float.BYTES);
        java.util.random.RandomGenerator jdk = java.util.random.RandomGeneratorFactory
                .of(org.spinnoise.noise.PrngNoiseSource.ALGORITHM).create(1);
        double bestGenerator = 0;
        double bestJdk = 0;
        try (NoiseSource source = NoiseSources.open(NoiseMode.PRNG, null, "bench", 1)) {
            for (int pass = 0; pass < GENERATOR_PASSES; pass++) {
                long start = System.nanoTime();
                for (long done = 0; done < normals; done += buffer.length) {
                    source.fillFloats(buffer, 0, buffer.length);
                }
                long middle = System.nanoTime();
                for (long done = 0; done < normals; done += buffer.length) {
                    for (int i = 0; i < buffer.length; i++) {
                        buffer[i] = (float) jdk.nextGaussian();
                    }
                }
                long end = System.nanoTime();
                if (pass > 0) {
                    bestGenerator = Math.max(bestGenerator, normals * (double) Float.BYTES * 1e3 / (middle - start));
                    bestJdk = Math.max(bestJdk, normals * (double) Float.BYTES * 1e3 / (end - middle));
                }
            }
        }
        return new double[] {bestGenerator, bestJdk};
    }
}
