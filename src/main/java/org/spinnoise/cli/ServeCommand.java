package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.run.HandoffIngester;
import org.spinnoise.serve.BindAddress;
import org.spinnoise.serve.CurveKeys;
import org.spinnoise.serve.NoiseServer;
import org.spinnoise.serve.ServerConfig;
import org.spinnoise.serve.ServerStats;
import picocli.CommandLine.Command;
import org.spinnoise.report.dashboard.DashboardState;
import org.spinnoise.report.dashboard.DashboardSections;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise serve}: the ZeroMQ noise service over the entropy pool, until Ctrl-C. Prints the endpoints it
 * bound (an ephemeral port resolved), serves the modes asked for, and on exit prints what it served. A non-loopback
 * bind needs CURVE keys; {@code spinnoise serve keygen} makes them.
 */
@Command(name = "serve", description = "Serve Gaussian noise and random bytes over ZeroMQ (wire format, for writing a "
        + "client: src/main/java/org/spinnoise/serve/PROTOCOL.md in the source tree; clients/python/ has one).",
        subcommands = {ServeKeygenCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise serve",
                "  spinnoise serve --bind tcp://127.0.0.1:0 --modes prng,drbg --pool lab-pool",
                "  spinnoise serve keygen --name server   # then each client's .key in allowed/",
                "  spinnoise serve --curve-server-key keys/server.key_secret \\",
                "      --curve-allow allowed"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--pool", paramLabel = "DIR", defaultValue = "pool",
            description = "Pool directory (default: ${DEFAULT-VALUE}).")
    Path poolDir;

    @Option(names = "--bind", paramLabel = "ENDPOINT", defaultValue = "tcp://127.0.0.1:5555",
            description = "Request endpoint; port 0 picks a free one (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--telemetry", paramLabel = "ENDPOINT", defaultValue = "auto",
            description = "Telemetry PUB endpoint, 'auto' (the request port + 1, or a free port) or 'off' (default: ${DEFAULT-VALUE}).")
    String telemetry;

    @Option(names = "--modes", paramLabel = "MODE", defaultValue = "trng,drbg,prng", split = ",",
            description = "Modes served (default: ${DEFAULT-VALUE}).")
    Set<String> modes;

    @Option(names = "--curve-server-key", paramLabel = "FILE",
            description = "The server's secret certificate (NAME.key_secret); turns CURVE on.")
    Path curveServerKey;

    @Option(names = "--curve-allow", paramLabel = "DIR",
            description = "Directory of allowed clients' public certificates (*.key).")
    Path curveAllow;

    @OptionRange(min = 1)
    @Option(names = "--max-reply-bytes", paramLabel = "BYTES", defaultValue = "1048576",
            description = "Largest reply payload (default: ${DEFAULT-VALUE}).")
    int maxReplyBytes;

    @OptionRange(min = 1)
    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "16",
            description = "Requests one client may have outstanding (default: ${DEFAULT-VALUE}).")
    int maxInFlight;

    @OptionRange(min = 1)
    @Option(names = "--max-clients", paramLabel = "N", defaultValue = "256",
            description = "Clients at once (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @OptionRange(min = 1)
    @Option(names = "--max-client-queue-bytes", paramLabel = "BYTES", defaultValue = "8388608",
            description = "Reply bytes one client may have accepted and not yet read; beyond it its requests are "
            + "refused with error 6 (default: ${DEFAULT-VALUE}).")
    long maxClientQueueBytes;

    @OptionRange(min = 1)
    @Option(names = "--max-queue-bytes", paramLabel = "BYTES", defaultValue = "134217728",
            description = "Reply bytes all clients together may have accepted and not yet read; beyond it requests "
            + "are refused with error 8 (default: ${DEFAULT-VALUE}).")
    long maxQueueBytes;

    @OptionRange(min = 1)
    @Option(names = "--idle-timeout-ms", paramLabel = "MS", defaultValue = "10000",
            description = "A client silent this long with nothing queued for it loses its session and streams "
            + "(default: ${DEFAULT-VALUE}).")
    long idleTimeoutMs;

    @OptionRange(min = 0)
    @Option(names = "--workers", paramLabel = "N",
            description = "Generator threads used while several clients are busy; 0 = the socket "
            + "thread generates every reply (default: none on 1-2 cores, else one per core but one).")
    Integer workers;

    @OptionRange(min = 1)
    @Option(names = "--telemetry-interval-ms", paramLabel = "MS", defaultValue = "1000",
            description = "Telemetry period (default: ${DEFAULT-VALUE}).")
    long telemetryIntervalMs;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "serve",
            description = "Name the pool accounts served bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the per-client prng streams (default: random, printed).")
    Long seed;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Set<NoiseMode> served = EnumSet.noneOf(NoiseMode.class);
        modes.forEach(m -> served.add(NoiseMode.parse(m)));
        long streamSeed = seed != null ? seed : new SecureRandom().nextLong();
        ServerConfig config = config(served, streamSeed);
        boolean needsPool = served.contains(NoiseMode.TRNG) || served.contains(NoiseMode.DRBG);
        CatalogRegistration.Draw registered = CatalogRegistration.draw(needsPool ? poolDir : null, consumer);
        EntropyPool pool = needsPool ? EntropyPool.open(poolDir, PoolConfig.defaults()) : null;
        StopSignal signal = new StopSignal();
        HandoffIngester handoff = null;
        try {
            // The service owns the pool: other commands hand it their runs to take in (issue 18, defect 6).
            handoff = pool == null ? null : HandoffIngester.start(pool, poolDir, PoolReport::render);
            Supplier<PoolStatus> status = pool == null ? null : pool::status;
            try (NoiseServer server = NoiseServer.start(config,
                    (mode, name, s) -> NoiseSources.open(mode, pool, name, s), status);
                 LiveDashboard live = LiveDashboard.forState(out, dashboard, dashboardState(server, status))) {
                out.printf("serving noise on %s (modes %s; %s; CURVE %s; prng seed %d)%n", server.endpoint(),
                        String.join(", ", served.stream().map(NoiseMode::label).toList()),
                        pool == null ? "no pool" : "pool " + poolDir + " holds " + String.format("%,d",
                                pool.status().bytesAvailable()) + " bytes",
                        config.curve() == null ? "off" : "on, " + config.curve().allowedClientKeys().size()
                                + " client keys allowed", streamSeed);
                out.printf("telemetry on %s%n", server.telemetryEndpoint() == null ? "(off)"
                        : server.telemetryEndpoint());
                if (handoff != null) {
                    out.printf("taking in runs handed over through %s (demo, acquire, board, pool ingest)%n",
                            handoff.folder());
                }
                out.println("Ctrl-C stops the service.");
                out.flush();
                signal.await();
                ServerStats s = server.stats();
                out.printf("served %,d normals and %,d bytes in %,d replies (%,d errors), %,d hardware bits%n",
                        s.normalsServed(), s.bytesServed(), s.replies(), s.errors(), s.hardwareBitsServed());
                out.flush();
            }
        } finally {
            if (handoff != null) {
                handoff.close();
            }
            if (pool != null) {
                pool.close();
            }
            signal.closed();
        }
        registered.end(String.join("+", served.stream().map(NoiseMode::label).toList()));
        return 0;
    }

    /** The dashboard's view of the service: its counters and rates, and the pool it serves from (if any). */
    private static DashboardState dashboardState(NoiseServer server, Supplier<PoolStatus> pool) {
        DashboardState state = new DashboardState("spinnoise serve").with("service", DashboardSections.service(server));
        return pool == null ? state : state.with("pool", DashboardSections.pool(pool));
    }

    private ServerConfig config(Set<NoiseMode> served, long streamSeed) throws IOException {
        if (maxClientQueueBytes < maxReplyBytes || maxQueueBytes < maxClientQueueBytes) {
            throw new ParameterException(spec.commandLine(), "--max-client-queue-bytes (" + maxClientQueueBytes
                    + ") must be at least --max-reply-bytes (" + maxReplyBytes + "), and --max-queue-bytes ("
                    + maxQueueBytes + ") at least --max-client-queue-bytes");
        }
        BindAddress bindAddress = BindAddress.parse(bind);
        ServerConfig config = ServerConfig.loopback().withBind(bindAddress).withModes(served)
                .withLimits(maxReplyBytes, maxInFlight, maxClients, Duration.ofMillis(idleTimeoutMs))
                .withQueueBounds(maxClientQueueBytes, maxQueueBytes)
                .withConsumer(consumer, streamSeed)
                .withTelemetry(telemetryAddress(bindAddress), Duration.ofMillis(telemetryIntervalMs));
        if (workers != null) {
            config = config.withWorkers(workers);
        }
        if ((curveServerKey == null) != (curveAllow == null)) {
            throw new IllegalArgumentException("CURVE needs both --curve-server-key (the server's NAME.key_secret) "
                    + "and --curve-allow (a directory of allowed client certificates)");
        }
        if (curveServerKey != null) {
            config = config.withCurve(new ServerConfig.Curve(CurveKeys.readSecret(curveServerKey),
                    CurveKeys.readAllowList(curveAllow)));
        }
        return config;
    }

    private BindAddress telemetryAddress(BindAddress requests) {
        if (telemetry.equals("off")) {
            return null;
        }
        if (telemetry.equals("auto")) {
            int port = requests.port() == 0 || requests.port() == 65535 ? 0 : requests.port() + 1;
            return new BindAddress(requests.host(), port);
        }
        return BindAddress.parse(telemetry);
    }

    /**
     * Ctrl-C (a shutdown hook) or an interrupt (tests) ends {@link #await}; the hook then holds the JVM until
     * {@link #closed} says the service and the pool are closed, so the pool records its cursor cleanly.
     */
    private static final class StopSignal {
        private final CountDownLatch stop = new CountDownLatch(1);
        private final CountDownLatch closed = new CountDownLatch(1);
        private final Thread hook = new Thread(this::onShutdown, "spinnoise-serve-stop");
        private boolean interrupted;

        StopSignal() {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** Waits; an interrupt ends the wait and is remembered, so the closing file and socket I/O is not cut short. */
        void await() {
            try {
                stop.await();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }

        /** Releases the hook and gives back a remembered interrupt. */
        void closed() {
            closed.countDown();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running and has just been released.
            }
        }

        private void onShutdown() {
            stop.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
