package org.spinnoise.calibration;

import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.bits.DiscardedBits;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.instrument.PulseShape;

/**
 * Holds a junction's switching probability at a target (1/2 for fair bits) while its V50 drifts, by moving the write
 * amplitude of the {@link BitSource} it wraps between batches; any source (bench per bit, bench batched, board) works,
 * since the tracker only sees bits and calls {@link BitSource#pause()} then {@link BitSource#setWrite}.
 *
 * <p>Estimator: the bits are cut into windows of {@code windowBits}. Window j, made at amplitude V with a fraction p̂
 * of ones (p̂ = (ones + 1/2) / (n + 1), finite at 0 and n), estimates V50 as u = V - ΔV·logit(p̂), standard error
 * ΔV / √(n p̂ (1 - p̂)), with the calibrated sigmoid slope ΔV. A straight line in bits made, fitted to these estimates by
 * weighted least squares with exponential forgetting ({@link DriftTrend}), predicts V50 at the middle of the next
 * window with its standard error σ. The amplitude wanted is that V50 + ΔV·logit(p_target) (for 1/2, V - ΔV·logit(p̂) of
 * the current window when there is no trend), led by half the drift expected before the next move would be
 * significant, so the error swings around zero rather than lagging. The amplitude moves only when the wanted one is
 * more than {@code significanceSigmas}·σ away (never faster than the estimate allows), by {@code gain} times the
 * difference but never more than {@code maxStepDeltas}·ΔV per move, never outside the calibrated range (the amplitude
 * for the target from the calibration's fit ± {@code rangeDeltas}·ΔV) and never above the hard limit. Each window's bias
 * (ones / n - p_target), its standard error √(p(1 - p) / n), and the decision go to the {@link TrackingSink}.
 *
 * <p>A junction that would need an amplitude beyond its range or the hard limit, or that a {@link DeviceRangeGuard}
 * finds outside its calibrated range, stops the acquisition with a {@link DeviceOutOfRangeException}: the batch that
 * showed it is handed on first (its bits are good) unless it showed a breakdown, and the next call throws.
 */
public final class DriftTracker implements BitSource {
    private static final Logger LOG = LoggerFactory.getLogger(DriftTracker.class);

    private final BitSource source;
    private final double deltaVolts;
    private final TrackingPlan plan;
    private final double maxJunctionVolts;
    private final DeviceRangeGuard guard;
    private final TrackingSink sink;
    private final int junction;
    private final double logitTarget;
    private final double lowVolts;
    private final double highVolts;
    private final DriftTrend trend;
    private final long startNanos = System.nanoTime();
    private long bitsSeen;
    /**
     * Source index of the first bit made at the write amplitude in force: a board confirms bits already in flight
     * when the amplitude moved, made at the old one; they are handed on but count in no window.
     */
    private long countFromIndex;
    private long windowBits;
    private long windowOnes;
    private double lastReadSeconds = Double.NaN;
    private DeviceOutOfRangeException pending;
    private long adjustments;

    /**
     * A tracker around {@code source} for junction {@code junction}, from the calibration's sigmoid fit
     * ({@code v50Volts}, {@code deltaVolts}), the tracking plan, the hard limit and a sink for its estimates.
     */
    public DriftTracker(BitSource source, double v50Volts, double deltaVolts, TrackingPlan plan,
                        double maxJunctionVolts, DeviceRangeGuard guard, TrackingSink sink, int junction) {
        if (!(deltaVolts > 0) || !Double.isFinite(v50Volts)) {
            throw new IllegalArgumentException("drift tracking needs a fitted V50 and a positive ΔV, got " + v50Volts
                    + " V and " + deltaVolts + " V");
        }
        this.source = source;
        this.deltaVolts = deltaVolts;
        this.plan = plan;
        this.maxJunctionVolts = maxJunctionVolts;
        this.guard = guard;
        this.sink = sink;
        this.junction = junction;
        this.logitTarget = Math.log(plan.targetProbability() / (1 - plan.targetProbability()));
        double calibrated = v50Volts + deltaVolts * logitTarget;
        this.lowVolts = Math.max(calibrated - plan.rangeDeltas() * deltaVolts, 1e-3);
        this.highVolts = Math.min(calibrated + plan.rangeDeltas() * deltaVolts, maxJunctionVolts);
        if (!(highVolts > lowVolts)) {
            throw new IllegalArgumentException(String.format("drift tracking: the calibrated amplitude %.4f V for "
                    + "p = %s lies above the hard limit of %s V", calibrated, plan.targetProbability(),
                    maxJunctionVolts));
        }
        this.trend = new DriftTrend(plan.memoryWindows());
    }

    /** The lowest and highest write amplitude the tracker may set, volts. */
    public double lowVolts() {
        return lowVolts;
    }

    public double highVolts() {
        return highVolts;
    }

    /** Amplitude moves so far. */
    public long adjustments() {
        return adjustments;
    }

    @Override
    public BitBatch nextBatch(int maxBits) throws IOException {
        if (pending != null) {
            throw pending;
        }
        int ask = (int) Math.max(1, Math.min(maxBits, plan.windowBits() - windowBits));
        BitBatch batch = source.nextBatch(ask);
        try {
            guard.checkBatch(batch);
        } catch (DeviceOutOfRangeException e) {
            pending = e;
            throw DiscardedBits.attach(e, new SourceEvent(System.nanoTime() - startNanos, "discarded",
                    batch.bitCount(), batch.bitCount() + " bits of the batch that showed the breakdown were "
                    + "discarded: " + e.getMessage()));
        }
        List<RawRead> reads = batch.reads();
        if (!reads.isEmpty()) {
            lastReadSeconds = reads.get(reads.size() - 1).timeNanos() / 1e9;
        }
        int pos = (int) Math.max(0, Math.min(batch.bitCount(), countFromIndex - batch.firstIndex()));
        bitsSeen += pos;
        while (pos < batch.bitCount()) {
            int take = (int) Math.min(batch.bitCount() - pos, plan.windowBits() - windowBits);
            windowOnes += ones(batch.packed(), pos, pos + take);
            windowBits += take;
            bitsSeen += take;
            pos += take;
            if (windowBits >= plan.windowBits()) {
                endWindow(reads.isEmpty() ? Double.NaN : reads.get(pos - 1).writeAmplitudeVolts());
            }
        }
        return batch;
    }

    private void endWindow(double readAmplitudeVolts) throws IOException {
        long n = windowBits;
        long k = windowOnes;
        windowBits = 0;
        windowOnes = 0;
        double p = plan.targetProbability();
        double bias = (double) k / n - p;
        double biasStdErr = Math.sqrt(p * (1 - p) / n);
        double volts = Double.isNaN(readAmplitudeVolts) ? source.write().amplitudeVolts() : readAmplitudeVolts;
        if (pending != null) {
            // The run is stopping (a window earlier in this batch left the range): estimate, but move nothing.
            sink.accept(row(n, k, bias, biasStdErr, volts, false));
            return;
        }
        try {
            guard.endWindow(n, k);
        } catch (DeviceOutOfRangeException e) {
            pending = e;
            sink.accept(row(n, k, bias, biasStdErr, volts, false));
            return;
        }
        double fraction = (k + 0.5) / (n + 1);
        trend.add(bitsSeen - n / 2.0, volts - deltaVolts * Math.log(fraction / (1 - fraction)),
                deltaVolts / Math.sqrt(n * fraction * (1 - fraction)));
        DriftTrend.Prediction next = trend.at(bitsSeen + plan.windowBits() / 2.0);
        double wanted = next.v50Volts() + deltaVolts * logitTarget + lead(next);
        double gate = plan.significanceSigmas() * next.stdErrVolts();
        boolean adjusted = false;
        if (Math.abs(wanted - volts) > gate) {
            if (wanted > highVolts + gate || wanted < lowVolts - gate) {
                pending = new DeviceOutOfRangeException(DeviceOutOfRangeException.Reason.AMPLITUDE_OUT_OF_RANGE,
                        String.format("junction %d: drift tracking needs a write amplitude of %.4f V (± %.4f V) to "
                                        + "hold p = %s, outside the calibrated range %.4f .. %.4f V%s; the junction "
                                        + "has drifted out of its calibration: the run stops; recalibrate it",
                                junction, wanted, next.stdErrVolts(), p, lowVolts, highVolts,
                                wanted > maxJunctionVolts ? " and above the hard limit of " + maxJunctionVolts + " V"
                                        : ""));
            } else {
                double step = Math.max(-plan.maxStepDeltas() * deltaVolts,
                        Math.min(plan.maxStepDeltas() * deltaVolts, plan.gain() * (wanted - volts)));
                double target = Math.min(Math.max(volts + step, lowVolts), highVolts);
                if (target != volts) {
                    move(target);
                    adjusted = true;
                }
            }
        }
        sink.accept(row(n, k, bias, biasStdErr, source.write().amplitudeVolts(), adjusted));
    }

    /**
     * Half the drift expected between the next window and the next significant move, beyond one window: the bits
     * until the fitted drift reaches the gate, at most the fit's memory.
     */
    private double lead(DriftTrend.Prediction next) {
        double slope = next.slopeVoltsPerBit();
        if (slope == 0) {
            return 0;
        }
        double window = plan.windowBits();
        double hold = Math.min(plan.significanceSigmas() * next.stdErrVolts() / Math.abs(slope),
                plan.memoryWindows() * window);
        return slope * Math.max(hold - window, 0) / 2;
    }

    private void move(double volts) throws IOException {
        if (!(volts > 0) || volts > maxJunctionVolts) {
            // The range is within the hard limit, so this cannot happen; refuse rather than trust that.
            throw new IllegalStateException("drift tracker asked for " + volts + " V, outside (0, " + maxJunctionVolts
                    + "] V");
        }
        PulseShape now = source.write();
        source.pause();
        source.setWrite(now.withAmplitude(volts));
        if (source instanceof ComparatorSource board) {
            countFromIndex = board.settingStartIndex();
        }
        adjustments++;
        LOG.debug("junction {}: write amplitude {} V -> {} V at bit {}", junction, now.amplitudeVolts(), volts,
                bitsSeen);
    }

    private TrackingRow row(long n, long k, double bias, double biasStdErr, double volts, boolean adjusted) {
        double seconds = Double.isNaN(lastReadSeconds) ? (System.nanoTime() - startNanos) / 1e9 : lastReadSeconds;
        return new TrackingRow(bitsSeen, seconds, junction, n, k, bias, biasStdErr, volts, adjusted);
    }

    /** Ones among bits {@code from} (inclusive) to {@code to} (exclusive) of packed MSB-first bytes. */
    static long ones(byte[] packed, int from, int to) {
        long count = 0;
        int i = from;
        while (i < to && (i & 7) != 0) {
            count += (packed[i >>> 3] >>> (7 - (i & 7))) & 1;
            i++;
        }
        while (i + 8 <= to) {
            count += Integer.bitCount(packed[i >>> 3] & 0xFF);
            i += 8;
        }
        while (i < to) {
            count += (packed[i >>> 3] >>> (7 - (i & 7))) & 1;
            i++;
        }
        return count;
    }

    @Override
    public void setWrite(PulseShape write) throws IOException {
        source.setWrite(write);
    }

    @Override
    public PulseShape write() {
        return source.write();
    }

    @Override
    public void pause() throws IOException {
        source.pause();
    }

    @Override
    public String describe() {
        return source.describe() + String.format("; drift tracking to p = %s in windows of %d bits, amplitude kept "
                        + "within %.4f .. %.4f V", plan.targetProbability(), plan.windowBits(), lowVolts, highVolts);
    }

    @Override
    public SourceProvenance provenance() {
        return source.provenance();
    }

    @Override
    public void close() {
        source.close();
    }
}
