package org.spinnoise.bits;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.BenchReconnect;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.ReconnectPolicy;

/**
 * A bench run's source that survives an instrument dropping its link, stalling or rebooting: it wraps the scheme's
 * source (per bit or batched) and, on a failure a reconnect can cure ({@link BenchReconnect#curable}, told by the
 * failure's kind), keeps the failed batch's "discarded" event, reconnects the bench within the policy's attempts,
 * restores every setting (the read bias; the pulse channels and the arming of the scheme, by starting its source
 * again), checks the operating point ({@link OperatingPointCheck}, its reads in their own log, not run bits) and
 * goes on from the next bit index: confirmed bits were already handed out, and the discarded bits' indexes are
 * reused, so no bit is lost or repeated. Each reconnect is a "reconnected" event. A failure the instrument reported
 * (an error in {@code *ESR?}), or any other, fails as it would without this source. When the attempts run out it
 * throws one line naming the instrument, the attempts and what to do; the attempts start afresh after each confirmed
 * batch.
 */
public final class ReconnectingSource implements BitSource {
    private static final Logger LOG = LoggerFactory.getLogger(ReconnectingSource.class);

    /** Starts the scheme's source at an operating point: configures the pulse channels and arms what it needs. */
    public interface SchemeStart {
        BitSource start(OperatingPoint point, long firstIndex, long bitBudget) throws IOException;
    }

    /** Where the reads of the check after reconnect {@code number} (from 1), before bit {@code nextIndex}, go. */
    public interface CheckLogs {
        CheckLog open(int number, long nextIndex) throws IOException;
    }

    /** One check's read log. */
    public interface CheckLog extends OperatingPointCheck.ReadLog, Closeable {
    }

    /**
     * What a reconnect restores and how hard it tries.
     *
     * @param read         the SMU's read bias
     * @param point        the operating point (its write pulse is followed by {@link #setWrite})
     * @param threshold    the threshold of the operating-point check
     * @param policy       attempts and back-off
     * @param resumeAdvice what to do after giving up, e.g. "run spinnoise acquire --resume runs/x once it answers"
     */
    public record Recovery(ReadBias read, OperatingPoint point, Threshold threshold, ReconnectPolicy policy,
                           String resumeAdvice) {
    }

    private final Bench bench;
    private final Recovery recovery;
    private final SchemeStart schemeStart;
    private final CheckLogs checkLogs;
    private final BooleanSupplier stopRequested;
    private final long endIndex;
    private final long startNanos = System.nanoTime();
    private final List<SourceEvent> pending = new ArrayList<>();
    private BitSource inner;
    private long innerOffsetNanos;
    private PulseShape write;
    private long nextIndex;
    private int attemptsLeft;
    private int reconnects;
    private boolean ended;

    private ReconnectingSource(Bench bench, Recovery recovery, SchemeStart schemeStart, CheckLogs checkLogs,
                               long firstIndex, long bitBudget, BooleanSupplier stopRequested) {
        this.bench = bench;
        this.recovery = recovery;
        this.schemeStart = schemeStart;
        this.checkLogs = checkLogs;
        this.stopRequested = stopRequested;
        this.nextIndex = firstIndex;
        this.endIndex = firstIndex + bitBudget;
        this.write = recovery.point().write();
        this.attemptsLeft = recovery.policy().attempts();
    }

    /** Starts the scheme's source for {@code bitBudget} bits from {@code firstIndex}, wrapped. */
    public static ReconnectingSource start(Bench bench, Recovery recovery, SchemeStart schemeStart,
                                           CheckLogs checkLogs, long firstIndex, long bitBudget,
                                           BooleanSupplier stopRequested) throws IOException {
        ReconnectingSource source = new ReconnectingSource(bench, recovery, schemeStart, checkLogs, firstIndex,
                bitBudget, stopRequested);
        source.startInner();
        return source;
    }

    private void startInner() throws IOException {
        long at = System.nanoTime();
        inner = schemeStart.start(new OperatingPoint(write, recovery.point().reset()), nextIndex,
                endIndex - nextIndex);
        innerOffsetNanos = at - startNanos;
        write = inner.write();
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws IOException {
        while (!ended) {
            BitBatch batch;
            try {
                batch = inner.nextBatch(maxBits);
            } catch (RuntimeException e) {
                throw withPending(e);
            } catch (IOException e) {
                if (!BenchReconnect.curable(e) || stopRequested.getAsBoolean()) {
                    throw withPending(e);
                }
                pending.addAll(shifted(DiscardedBits.of(e)));
                recover(e);
                continue;
            }
            if (batch.bitCount() > 0) {
                attemptsLeft = recovery.policy().attempts();
                nextIndex = batch.firstIndex() + batch.bitCount();
            }
            return taking(batch);
        }
        return taking(BitBatch.ofReads(nextIndex, List.of(), List.of()));
    }

    /** Reconnects, restores, checks, restarts; loops while failures stay curable and attempts remain. */
    private void recover(IOException failure) throws IOException {
        IOException cause = failure;
        while (true) {
            LOG.warn("bench failed at bit {}: {}; reconnecting ({} attempts left)", nextIndex, cause.getMessage(),
                    attemptsLeft);
            inner.close();
            if (attemptsLeft < 1) {
                throw giveUp("the bench failed again after reconnecting, with all " + recovery.policy().attempts()
                        + " reconnect attempts used", failure, cause);
            }
            ReconnectPolicy policy = recovery.policy();
            BenchReconnect.Reconnection back;
            try {
                back = bench.reconnect(new ReconnectPolicy(attemptsLeft, policy.firstBackoffSeconds(),
                        policy.factor(), policy.capSeconds()), stopRequested);
            } catch (InstrumentException e) {
                if (stopRequested.getAsBoolean()) {
                    // The run ends interrupted, as any stopped run does; the failure says what was going on.
                    throw withPending(e);
                }
                throw giveUp(e.getMessage(), failure, e);
            }
            attemptsLeft -= back.attempts();
            reconnects++;
            try {
                bench.smu().configureRead(recovery.read());
                OperatingPointCheck.Result check;
                try (CheckLog log = checkLogs.open(reconnects, nextIndex)) {
                    check = OperatingPointCheck.run(bench, new OperatingPoint(write, recovery.point().reset()),
                            recovery.threshold(), stopRequested, log);
                }
                if (check.bits() < OperatingPointCheck.CHECK_BITS) {
                    LOG.info("stop asked during the operating-point check after reconnecting");
                    ended = true;
                    return;
                }
                if (!check.passed()) {
                    throw withPending(new IOException(check.describe() + " after reconnecting the bench: the "
                            + "junction is no longer at its operating point; the run keeps its " + nextIndex
                            + " confirmed bits: start a new run (spinnoise acquire) to recalibrate"));
                }
                startInner();
                pending.add(new SourceEvent(System.nanoTime() - startNanos, "reconnected", 0, String.format(
                        "after '%s': bench reconnected in %d attempts over %.2f s, the same instruments, outputs "
                                + "safe, read bias and pulses restored; %s; continuing at bit index %d",
                        cause.getMessage(), back.attempts(), back.seconds(), check.describe(), nextIndex)));
                LOG.info("bench reconnected ({} attempts, {} s); {}; continuing at bit {}", back.attempts(),
                        back.seconds(), check.describe(), nextIndex);
                return;
            } catch (IOException e) {
                if (!BenchReconnect.curable(e) || stopRequested.getAsBoolean()) {
                    throw withPending(e);
                }
                // Bits of a failed check are not run bits: they are only logged, never counted as discarded.
                cause = e;
            }
        }
    }

    /** One line: why it gave up, what had failed, what is kept and what to do. */
    private InstrumentException giveUp(String what, IOException failure, Throwable cause) {
        return withPending(new InstrumentException(what + "; the bench had failed on " + failure.getMessage()
                + "; the run keeps its " + nextIndex + " confirmed bits and its outputs were put in their safe state "
                + "as far as they answer: " + recovery.resumeAdvice(), cause));
    }

    /** The failure with the events still to tell attached (its own are attached already). */
    private <T extends Throwable> T withPending(T failure) {
        for (SourceEvent event : pending) {
            DiscardedBits.attach(failure, event);
        }
        pending.clear();
        return failure;
    }

    /** The batch on this source's clock, with the events kept since the last batch first. */
    private BitBatch taking(BitBatch batch) {
        List<SourceEvent> events = new ArrayList<>(pending);
        events.addAll(shifted(batch.events()));
        pending.clear();
        if (batch.reads().isEmpty() || innerOffsetNanos == 0) {
            return new BitBatch(batch.firstIndex(), batch.bitCount(), batch.packed(), batch.reads(), events);
        }
        List<RawRead> reads = new ArrayList<>(batch.reads().size());
        for (RawRead r : batch.reads()) {
            reads.add(new RawRead(r.index(), r.timeNanos() + innerOffsetNanos, r.writeAmplitudeVolts(),
                    r.writeWidthSeconds(), r.resistanceOhms(), r.bit()));
        }
        return new BitBatch(batch.firstIndex(), batch.bitCount(), batch.packed(), reads, events);
    }

    private List<SourceEvent> shifted(List<SourceEvent> events) {
        if (innerOffsetNanos == 0) {
            return events;
        }
        return events.stream().map(e -> new SourceEvent(e.timeNanos() + innerOffsetNanos, e.kind(), e.bits(),
                e.detail())).toList();
    }

    @Override
    public void setWrite(PulseShape newWrite) throws IOException {
        inner.setWrite(newWrite);
        write = inner.write();
    }

    @Override
    public PulseShape write() {
        return write;
    }

    @Override
    public String describe() {
        ReconnectPolicy p = recovery.policy();
        return inner.describe() + "; on a dropped, stalled or rebooted instrument: up to " + p.attempts()
                + " reconnects, back-off " + p.firstBackoffSeconds() + " s x" + p.factor() + " up to "
                + p.capSeconds() + " s";
    }

    @Override
    public SourceProvenance provenance() {
        return inner.provenance();
    }

    /** Reconnects made so far. */
    public int reconnects() {
        return reconnects;
    }

    @Override
    public void close() {
        inner.close();
    }
}
