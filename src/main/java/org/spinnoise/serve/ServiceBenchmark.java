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
 * ({@link RawReplyServer}). Raw and service passes alternate, so both see the same load on a shared machine; the
 * ratio is of the medians. The generator's own speed on one thread is reported too, as the ceiling the service
 * cannot pass.
 */
public final class ServiceBenchmark {
    static final int WARM_UP_PASSES = 1;
    static final int TIMED_PASSES = 3;

    /** Throughputs in MB/s (10^6 bytes) of normals payload; medians of the timed passes. */
    public record Result(int megabytes, int replyBytes, int pipeline, double generatorMbPerS,
                         double raw1MbPerS, double service1MbPerS, double raw4MbPerS, double service4MbPerS) {

        public double ratio1() {
            return service1MbPerS / raw1MbPerS;
        }

        public double ratio4() {
            return service4MbPerS / raw4MbPerS;
        }

        /** The figures as JSON members (no braces), for this bench's line and for {@code bench noise}. */
        public String jsonMembers() {
            return String.format(Locale.ROOT, "\"serve_mode\":\"prng\",\"serve_reply_bytes\":%d,\"serve_pipeline\":%d,"
                            + "\"serve_megabytes\":%d,\"serve_generator_mb_per_s\":%.1f,"
                            + "\"serve_raw_1_client_mb_per_s\":%.1f,\"serve_1_client_mb_per_s\":%.1f,"
                            + "\"serve_1_client_mnormals_per_s\":%.2f,\"serve_ratio_1_client\":%.3f,"
                            + "\"serve_raw_4_clients_mb_per_s\":%.1f,\"serve_4_clients_mb_per_s\":%.1f,"
                            + "\"serve_4_clients_mnormals_per_s\":%.2f,\"serve_ratio_4_clients\":%.3f",
                    replyBytes, pipeline, megabytes, generatorMbPerS, raw1MbPerS, service1MbPerS,
                    service1MbPerS / 4, ratio1(), raw4MbPerS, service4MbPerS, service4MbPerS / 4, ratio4());
        }

        public String json() {
            return "{\"bench\":\"serve\"," + jsonMembers() + "}";
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
        double generator = generatorMbPerS(megabytes);
        progress.accept(String.format(Locale.ROOT, "prng generator alone, one thread: %.1f MB/s of float32 normals",
                generator));
        byte[] prefilled = new byte[replyBytes];
        new SplittableRandom(1).nextBytes(prefilled);
        ServerConfig config = ServerConfig.loopback().withLimits(replyBytes, Math.max(16, pipeline), 64,
                java.time.Duration.ofSeconds(30));
        try (RawReplyServer raw = new RawReplyServer(prefilled);
             NoiseServer service = NoiseServer.start(config,
                     (mode, consumer, seed) -> NoiseSources.open(mode, null, consumer, seed), null)) {
            double[][] one = alternate(raw.endpoint(), service.endpoint(), 1, megabytes, replyBytes, pipeline,
                    progress);
            double[][] four = alternate(raw.endpoint(), service.endpoint(), 4, megabytes, replyBytes, pipeline,
                    progress);
            return new Result(megabytes, replyBytes, pipeline, generator, one[0][TIMED_PASSES / 2],
                    one[1][TIMED_PASSES / 2], four[0][TIMED_PASSES / 2], four[1][TIMED_PASSES / 2]);
        }
    }

    /** {raw, service} MB/s of each timed pass, sorted. */
    private static double[][] alternate(String rawEndpoint, String serviceEndpoint, int clients, int megabytes,
                                        int replyBytes, int pipeline, Consumer<String> progress)
            throws IOException, InterruptedException {
        double[] raw = new double[TIMED_PASSES];
        double[] service = new double[TIMED_PASSES];
        for (int pass = -WARM_UP_PASSES; pass < TIMED_PASSES; pass++) {
            long cpu0 = processCpuNanos();
            double r = pass(rawEndpoint, clients, megabytes, replyBytes, pipeline);
            long cpu1 = processCpuNanos();
            double s = pass(serviceEndpoint, clients, megabytes, replyBytes, pipeline);
            long cpu2 = processCpuNanos();
            double mb = ((long) megabytes << 20) / 1e6;
            String label = pass < 0 ? "warm-up" : "pass " + (pass + 1) + "/" + TIMED_PASSES;
            progress.accept(String.format(Locale.ROOT, "%d client%s %s: raw JeroMQ %.1f MB/s (%.2f CPU ms/MB), "
                    + "service %.1f MB/s (%.2f M normals/s, %.2f CPU ms/MB), ratio %.2f", clients,
                    clients == 1 ? "" : "s", label, r, (cpu1 - cpu0) / 1e6 / mb, s, s / 4, (cpu2 - cpu1) / 1e6 / mb,
                    s / r));
            if (pass >= 0) {
                raw[pass] = r;
                service[pass] = s;
            }
        }
        Arrays.sort(raw);
        Arrays.sort(service);
        return new double[][] {raw, service};
    }

    /** One pass: {@code clients} clients each draw their share of normals at once; MB/s of payload. */
    private static double pass(String endpoint, int clients, int megabytes, int replyBytes, int pipeline)
            throws IOException, InterruptedException {
        int normalsPerClient = (int) ((long) megabytes << 20) / Float.BYTES / clients;
        NoiseClient.Options options = NoiseClient.Options.defaults().withPipeline(pipeline, replyBytes);
        List<NoiseClient> connected = new ArrayList<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            for (int i = 0; i < clients; i++) {
                NoiseClient c = NoiseClient.connect(endpoint, options);
                connected.add(c);
                c.ping();
            }
            List<Future<Integer>> draws = new ArrayList<>();
            long start = System.nanoTime();
            for (NoiseClient c : connected) {
                draws.add(threads.submit(() -> c.fillNormals(NoiseMode.PRNG, new float[normalsPerClient]).count()));
            }
            long normals = 0;
            for (Future<Integer> f : draws) {
                normals += f.get();
            }
            long elapsed = System.nanoTime() - start;
            return normals * (double) Float.BYTES / 1e6 / (elapsed / 1e9);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("service benchmark client failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            threads.shutdown();
            connected.forEach(NoiseClient::close);
        }
    }

    /** CPU time of the whole process (server and clients both live in it), for the progress lines. */
    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    private static double generatorMbPerS(int megabytes) throws IOException {
        float[] buffer = new float[1 << 16];
        long normals = ((long) megabytes << 20) / Float.BYTES;
        try (NoiseSource source = NoiseSources.open(NoiseMode.PRNG, null, "bench", 1)) {
            source.fillFloats(buffer, 0, buffer.length);
            long start = System.nanoTime();
            for (long done = 0; done < normals; done += buffer.length) {
                source.fillFloats(buffer, 0, buffer.length);
            }
            return normals * (double) Float.BYTES / 1e6 / ((System.nanoTime() - start) / 1e9);
        }
    }
}
