package org.spinnoise.sim.soak;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunStopper;
import org.spinnoise.serve.BindAddress;
import org.spinnoise.serve.NoiseServer;
import org.spinnoise.serve.ServerConfig;

/**
 * {@code spinnoise soak}: the whole chain for a set time under random faults. One thread acquires on the simulated
 * bench and the emulated board in turn and ingests into the pool ({@link SoakAcquisitions}); one injects faults into
 * whatever run is going ({@link FaultScheduler}); the noise service serves trng from that same pool to the clients
 * (one slow, one that vanishes and comes back, the rest normal, {@link SoakClient}), whose every reply is checked
 * for overlap by range and by content; and this thread samples memory, threads and open files and tells the
 * listener. At the end everything is closed, the report ({@link SoakReport}) is built and written to the soak's
 * folder with the samples.
 */
public final class SoakRun {
    private static final Logger LOG = LoggerFactory.getLogger(SoakRun.class);
    /** The name the pool accounts the service's bytes to. */
    static final String CONSUMER = "soak-serve";
    /** How long the clients go on after the last run has gone into the pool. */
    private static final Duration DRAIN = Duration.ofSeconds(3);

    private final SoakPlan plan;
    private final RunStopper stopper;
    private volatile boolean producing = true;
    private volatile boolean serving = true;

    /** A soak of {@code plan}; a stop asked of {@code stopper} (Ctrl-C) ends it early, its runs safely, with a report. */
    public SoakRun(SoakPlan plan, RunStopper stopper) {
        this.plan = plan;
        this.stopper = stopper;
    }

    /** A new folder for a soak under {@code runsDir}: {@code <stamp>-soak}. */
    public static Path newFolder(Path runsDir) throws IOException {
        return RunFolder.create(runsDir, "soak").dir();
    }

    /** Runs the soak, telling {@code listener} its figures every period, and returns its report. */
    public SoakReport run(SoakListener listener) throws IOException, InterruptedException {
        Files.createDirectories(plan.folder());
        ResourceSample before = ResourceSample.take(0);
        long startNanos = System.nanoTime();
        SplittableRandom seeds = new SplittableRandom(plan.seed());
        List<ResourceSample> samples = new ArrayList<>();
        ServedRanges ranges = new ServedRanges();
        FaultLedger ledger = new FaultLedger();
        SoakTotals totals = new SoakTotals();
        List<SoakClient> clients = new ArrayList<>();
        long serviceBytesTaken;
        long fingerprints;
        long duplicates;
        try (EntropyPool pool = EntropyPool.open(plan.poolDir(), PoolConfig.defaults());
             ServedFingerprints served = new ServedFingerprints(plan.folder().resolve("served-fingerprints.bin"));
             Writer csv = Files.newBufferedWriter(plan.folder().resolve("memory.csv"), StandardCharsets.UTF_8)) {
            csv.write(ResourceSample.csvHeader() + "\n");
            // a stop asked (Ctrl-C) ends production at once, not at the next sample: no run starts after it
            java.util.function.BooleanSupplier producingNow = () -> producing && !stopper.stopRequested();
            FaultScheduler scheduler = new FaultScheduler(plan.faults(), plan.faultsPerMinute(), seeds.nextLong(),
                    producingNow);
            SoakAcquisitions acquisitions = new SoakAcquisitions(plan, pool, scheduler, ledger, totals,
                    producingNow, stopper);
            List<Thread> threads = new ArrayList<>();
            try (NoiseServer server = NoiseServer.start(serverConfig(seeds.nextLong()),
                    (mode, name, s) -> NoiseSources.open(mode, pool, name, s), pool::status)) {
                for (int i = 0; i < plan.clients(); i++) {
                    SoakClient.Behaviour behaviour = i == 1 ? SoakClient.Behaviour.SLOW
                            : i == 2 ? SoakClient.Behaviour.VANISHING : SoakClient.Behaviour.NORMAL;
                    clients.add(new SoakClient("client-" + (i + 1), behaviour, server.endpoint(), plan.idleTimeout(),
                            ranges, served, seeds.nextLong(), () -> serving));
                }
                Thread producer = start("soak-acquisition", acquisitions);
                threads.add(start("soak-faults", scheduler));
                clients.forEach(c -> threads.add(start("soak-" + c.name(), c)));
                sampleUntilDone(listener, startNanos, samples, csv, producer, totals, ledger, ranges, pool, clients);
                // the clients go on a moment after the last run, so its bytes are served too
                Thread.sleep(DRAIN.toMillis());
                serving = false;
                for (Thread t : threads) {
                    t.join(30_000);
                    if (t.isAlive()) {
                        LOG.error("soak: thread {} did not end within 30 s", t.getName());
                    }
                }
            }
            PoolStatus status = pool.status();
            serviceBytesTaken = status.bytesOutByConsumer().getOrDefault(CONSUMER, 0L);
            fingerprints = served.fingerprints();
            duplicates = served.duplicates();
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        // the service's and the clients' sockets close their threads a moment after close() returns
        Thread.sleep(1_000);
        ResourceSample after = ResourceSample.take(seconds);
        SoakReport report = report(seconds, totals, ledger, clients, ranges, serviceBytesTaken, fingerprints,
                duplicates, before, after, samples);
        Files.write(plan.folder().resolve("soak-report.txt"), report.lines(), StandardCharsets.UTF_8);
        Files.writeString(plan.folder().resolve("soak.json"), report.json() + "\n", StandardCharsets.UTF_8);
        return report;
    }

    private ServerConfig serverConfig(long seed) {
        return ServerConfig.loopback().withBind(new BindAddress("127.0.0.1", 0))
                .withModes(EnumSet.of(NoiseMode.TRNG))
                .withLimits(1 << 20, 16, 64, plan.idleTimeout())
                .withConsumer(CONSUMER, seed)
                .withTelemetry(null, Duration.ofSeconds(1));
    }

    /**
     * Samples until the planned time is up and the run in progress then has ended: no run starts after the time is
     * up, the one going finishes (so its faults are settled and its bits checked).
     */
    private void sampleUntilDone(SoakListener listener, long startNanos, List<ResourceSample> samples, Writer csv,
                                 Thread producer, SoakTotals totals, FaultLedger ledger, ServedRanges ranges,
                                 EntropyPool pool, List<SoakClient> clients) throws IOException, InterruptedException {
        double plannedSeconds = plan.duration().toMillis() / 1e3;
        double periodSeconds = Math.max(2, Math.min(30, plannedSeconds / 30));
        double nextPeriod = periodSeconds;
        while (producer.isAlive()) {
            producer.join(plan.sampleInterval().toMillis());
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            if (elapsed >= plannedSeconds || stopper.stopRequested()) {
                producing = false;
            }
            ResourceSample sample = ResourceSample.take(elapsed);
            samples.add(sample);
            csv.write(sample.csvRow() + "\n");
            csv.flush();
            if (elapsed >= nextPeriod || !producer.isAlive()) {
                nextPeriod += periodSeconds;
                long served = clients.stream().mapToLong(c -> c.counts().bytes.get()).sum();
                listener.periodic(new SoakSnapshot(elapsed, plannedSeconds, totals.bitsAcquired(),
                        totals.benchRuns.get() + totals.boardRuns.get(),
                        totals.benchRunsFailed.get() + totals.boardRunsFailed.get(), pool.status().bytesAvailable(),
                        served, ledger.total(), ranges.overlaps(), sample.heapUsedAfterGcBytes(), sample.rssBytes(),
                        sample.threads(), sample.openFiles()));
            }
        }
    }

    private SoakReport report(double seconds, SoakTotals totals, FaultLedger ledger, List<SoakClient> clients,
                              ServedRanges ranges, long serviceBytesTaken, long fingerprints, long duplicates,
                              ResourceSample before, ResourceSample after, List<ResourceSample> samples) {
        double warmUpSeconds = plan.warmUp().toMillis() / 1e3;
        long heapMax = samples.stream().mapToLong(ResourceSample::heapUsedAfterGcBytes).max().orElse(0);
        List<ClientReport> clientReports = clients.stream().map(ClientReport::of).toList();
        return new SoakReport(plan.folder(), seconds, plan.seed(), SoakReport.SoakTotalsView.of(totals),
                ledger.byKind(), ledger.total(), ledger.stopMessages(), clientReports,
                clientReports.stream().mapToLong(ClientReport::bytes).sum(), serviceBytesTaken, ranges.overlaps(),
                ranges.overlapBytes(), ranges.intervals(), fingerprints, duplicates, before, after, heapMax,
                Math.max(after.rssHighWaterBytes(), before.rssHighWaterBytes()),
                MemoryTrend.of(samples, warmUpSeconds, ResourceSample::heapUsedAfterGcBytes),
                MemoryTrend.of(samples, warmUpSeconds, ResourceSample::rssBytes),
                MemoryTrend.of(samples, warmUpSeconds, ResourceSample::rssOutsideHeapBytes), warmUpSeconds,
                seconds >= SoakPlan.MIN_JUDGED.toSeconds(),
                SoakReport.Range.of(samples.stream().filter(s -> s.elapsedSeconds() >= warmUpSeconds)
                        .mapToLong(ResourceSample::threads)),
                SoakReport.Range.of(samples.stream().filter(s -> s.elapsedSeconds() >= warmUpSeconds)
                        .mapToLong(ResourceSample::openFiles)),
                samples.stream().mapToDouble(ResourceSample::loadAverage).filter(Double::isFinite).average()
                        .orElse(Double.NaN), Runtime.getRuntime().availableProcessors(),
                ResourceSample.memorySettings());
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }
}
