package org.spinnoise.run;

import java.io.IOException;
import java.util.List;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.DiscardedBits;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.PackedHealthTests;
import org.spinnoise.run.manifest.Acquisition;

/**
 * The one acquisition loop for every {@link BitSource}: asks the source for batch after batch until it ends, hands
 * each confirmed batch to one bounded writer ({@code bits.bin}, {@code reads.csv}, {@code events.csv}) and to the
 * continuous health tests, reports progress, and records in the manifest's acquisition what it got, however it ends.
 * A stop is the source's business (it ends after the bits it had made; a board's in flight are kept), so the engine
 * never drops a confirmed bit. Bits a failing source discarded are counted from the failure ({@link DiscardedBits}).
 */
final class AcquisitionEngine {
    private static final Logger LOG = LoggerFactory.getLogger(AcquisitionEngine.class);
    /** The most bits asked for in one batch: a board's chunk of 64 KiB. */
    static final int MAX_BATCH_BITS = 1 << 19;
    static final String BITS_FILE = "bits.bin";
    static final String READS_FILE = "reads.csv";
    static final String EVENTS_FILE = "events.csv";

    /** Bits wanted over the whole run and the health tests' claimed entropy and false-alarm rate. */
    record Plan(long bits, double claimedEntropyPerBit, double alpha) {
    }

    /** What this acquisition (or this resume of it) added, and the health tests over its bits. */
    record Outcome(long bits, long ones, double seconds, List<HealthTestReport> health, boolean healthPassed) {
    }

    private final RunFolder folder;
    private final RunListener listener;
    private final RunStopper stopper;

    AcquisitionEngine(RunFolder folder, RunListener listener, RunStopper stopper) {
        this.folder = folder;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Acquires until the source ends. {@code begun} is the manifest's acquisition as it stands: fresh (no bits) for a
     * new run, or the run's confirmed bits so far for a resume, which appends to its files after cutting them to
     * those bits. {@code roundTrips} counts a bench's queries (null for a board). Throws what went wrong, or a
     * {@link RunStoppedException} when a stop left the run short.
     */
    Outcome acquire(BitSource source, Plan plan, Acquisition begun, LongSupplier roundTrips) throws IOException {
        long before = begun.bits();
        PackedHealthTests health = PackedHealthTests.binary(plan.claimedEntropyPerBit(), plan.alpha());
        folder.update(m -> m.withAcquisition(begun));
        folder.saveManifest();
        long roundTripsAtStart = roundTrips == null ? 0 : roundTrips.getAsLong();
        long t0 = System.nanoTime();
        long got = before;
        long ones = 0;
        long discarded = 0;
        long events = 0;
        long healthFailures = 0;
        // Fine enough for a progress display to show a steady rate on a run of hours.
        long reportEvery = Math.max(1, plan.bits() / 1000);
        long nextReport = (before / reportEvery + 1) * reportEvery;
        try (BatchRecorder recorder = before > 0
                ? BatchRecorder.resume(folder.file(BITS_FILE), folder.file(READS_FILE), folder.file(EVENTS_FILE), before)
                : BatchRecorder.create(folder.file(BITS_FILE), folder.file(READS_FILE), folder.file(EVENTS_FILE),
                        source.provenance().instruments() != null)) {
            try {
                while (true) {
                    long remaining = plan.bits() - got;
                    BitBatch batch = source.nextBatch((int) Math.min(MAX_BATCH_BITS,
                            remaining > 0 ? remaining : MAX_BATCH_BITS));
                    events += batch.events().size();
                    for (SourceEvent event : batch.events()) {
                        listener.sourceEvent(event);
                    }
                    // A source that recovered (a reconnect) reports the batch it discarded beside its next bits.
                    discarded += batch.events().stream().filter(ev -> ev.kind().equals("discarded"))
                            .mapToLong(SourceEvent::bits).sum();
                    recorder.accept(batch);
                    if (batch.bitCount() == 0) {
                        break;
                    }
                    health.acceptBits(batch.packed(), batch.bitCount());
                    ones += batch.ones();
                    got += batch.bitCount();
                    listener.recorded(got, batch.bitCount(), batch.ones(), plan.bits());
                    if (health.failures() != healthFailures) {
                        healthFailures = health.failures();
                        listener.healthAlarm(healthFailures, health.firstFailureBitIndex());
                    }
                    if (got >= nextReport) {
                        listener.acquired(Math.min(got, plan.bits()), plan.bits());
                        nextReport = (got / reportEvery + 1) * reportEvery;
                    }
                }
            } catch (IOException | RuntimeException e) {
                List<SourceEvent> lost = DiscardedBits.of(e);
                discarded += lost.stream().filter(ev -> ev.kind().equals("discarded"))
                        .mapToLong(SourceEvent::bits).sum();
                events += lost.size();
                lost.forEach(listener::sourceEvent);
                if (!lost.isEmpty()) {
                    recorder.accept(new BitBatch(got, 0, new byte[0], List.of(), lost));
                }
                LOG.warn("acquisition stopped after {} confirmed bits: {}; {} unconfirmed bits discarded", got,
                        e.getMessage(), discarded);
                throw e;
            } finally {
                double seconds = (System.nanoTime() - t0) / 1e9;
                Long trips = roundTrips == null ? null
                        : (begun.roundTrips() == null ? 0 : begun.roundTrips())
                        + roundTrips.getAsLong() - roundTripsAtStart;
                Acquisition counts = begun.withCounts(got, begun.ones() + ones, begun.seconds() + seconds, trips,
                        begun.discardedUnconfirmedBits() + discarded, begun.sourceEvents() + events,
                        begun.healthPassed() && !health.anyFailure());
                folder.update(m -> m.withAcquisition(counts).withHealthTests(health.reports()));
            }
        }
        if (got < plan.bits()) {
            if (stopper.stopRequested()) {
                throw new RunStoppedException("run stopped by " + stopper.reason() + " after " + got + " of "
                        + plan.bits() + " confirmed bits; " + folder.dir() + " keeps them (status 'interrupted')",
                        null);
            }
            throw new IOException(source.describe() + " ended after " + got + " of " + plan.bits() + " bits");
        }
        Acquisition done = folder.update(m -> m.withAcquisition(m.acquisition().withRatios())).acquisition();
        if (!done.healthPassed()) {
            LOG.warn("health tests failed during acquisition: {}", health.reports());
        }
        return new Outcome(got - before, ones, (System.nanoTime() - t0) / 1e9, health.reports(),
                !health.anyFailure());
    }
}
