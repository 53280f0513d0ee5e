package org.spinnoise.calibration.board;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFit;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingPoint;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.PulseShape;

/**
 * The switching sweep on a board, in the write DAC's own steps. First the transition is located without a prior: a
 * bisection over write codes from one step to the highest the safety limit allows (probes of a few dozen pulses) finds
 * where half the pulses switch, a doubling step-out finds where it saturates, and a sigmoid fitted to those probes
 * gives a first V50 and ΔV. Then the sweep proper runs through the {@link SwitchingSweep} seam over V50 ± 3.5 ΔV at
 * amplitudes that are whole DAC codes, so the board fires exactly the amplitudes the curve records.
 */
public final class BoardSwitchingSweep {
    private static final Logger LOG = LoggerFactory.getLogger(BoardSwitchingSweep.class);
    private static final double HALF_SPAN_DELTAS = 3.5;

    /** A first V50 and ΔV from the locating probes, and the probes. */
    public record Located(double v50Volts, double deltaVolts, List<SwitchingPoint> probes) {
        public long pulses() {
            return probes.stream().mapToLong(SwitchingPoint::pulses).sum();
        }
    }

    private BoardSwitchingSweep() {
    }

    /** Locates the transition at write width {@code widthSeconds}; the comparator must already be placed. */
    public static Located locate(ComparatorSource source, double widthSeconds, int probePulses) throws IOException {
        ComparatorCounts counts = new ComparatorCounts(source);
        double step = source.writeVoltsPerCode();
        int maxCode = (int) Math.floor(source.maxWriteVolts() / step + 1e-9);
        List<SwitchingPoint> probes = new ArrayList<>();
        int lo = 0;
        int hi = maxCode;
        int resolution = Math.max(1, maxCode / 4096);
        while (hi - lo > resolution) {
            int mid = (lo + hi) >>> 1;
            SwitchingPoint p = probe(counts, mid, step, widthSeconds, probePulses);
            probes.add(p);
            if (p.fraction() >= 0.5) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        if (hi >= maxCode) {
            throw new CalibrationException(String.format("board calibration: fewer than half of the write pulses "
                    + "gave a read above the P reads up to %.4f V (the safety limit or the DAC's full scale): the "
                    + "junction does not switch there, or its AP reads no longer rise above P (TMR collapse); raise "
                    + "--max-volts if the device allows, or check the junction", maxCode * step));
        }
        int centre = hi;
        int[] saturation = new int[2];
        for (int side = 0; side < 2; side++) {
            int direction = side == 0 ? 1 : -1;
            for (int d = 2; ; d *= 2) {
                long code = centre + (long) direction * d;
                if (code < 1 || code > maxCode) {
                    saturation[side] = d / 2;
                    break;
                }
                SwitchingPoint p = probe(counts, (int) code, step, widthSeconds, probePulses);
                probes.add(p);
                if (direction > 0 ? p.fraction() >= 0.95 : p.fraction() <= 0.05) {
                    saturation[side] = d;
                    break;
                }
            }
        }
        double v50 = centre * step;
        // p = 0.95 lies 2.94 ΔV from V50: a rough ΔV from where the probes saturated.
        double delta = Math.max(step, (saturation[0] + saturation[1]) / 2.0 * step / 2.94);
        try {
            SigmoidFitResult fit = SigmoidFit.fit(probes);
            if (fit.deltaVolts() > 0 && Math.abs(fit.v50Volts() - v50) < 4 * delta) {
                v50 = fit.v50Volts();
                delta = Math.max(step, fit.deltaVolts());
            }
        } catch (IllegalArgumentException e) {
            LOG.info("locating probes do not fix a sigmoid ({}); using the bisection's V50 and step-out's ΔV",
                    e.getMessage());
        }
        LOG.info("located V50 {} V, dV {} V with {} probes", v50, delta, probes.size());
        return new Located(v50, delta, List.copyOf(probes));
    }

    private static SwitchingPoint probe(ComparatorCounts counts, int code, double step, double widthSeconds,
                                        int pulses) throws IOException {
        counts.source().setWrite(new PulseShape(code * step, widthSeconds));
        return new SwitchingPoint(code * step, pulses, counts.ones(pulses));
    }

    /**
     * The sweep plan over V50 ± 3.5 ΔV in whole DAC codes, kept within one step and the highest allowed amplitude.
     */
    public static SweepPlan plan(ComparatorSource source, Located located, int points, int pulsesPerPoint,
                                 double widthSeconds) {
        double step = source.writeVoltsPerCode();
        int maxCode = (int) Math.floor(source.maxWriteVolts() / step + 1e-9);
        double halfSpan = HALF_SPAN_DELTAS * located.deltaVolts();
        int stepCodes = (int) Math.max(1, Math.round(2 * halfSpan / step / (points - 1)));
        int firstCode = (int) Math.round((located.v50Volts() - halfSpan) / step);
        firstCode = Math.max(1, Math.min(firstCode, maxCode - stepCodes * (points - 1)));
        if (firstCode < 1) {
            throw new IllegalArgumentException("the write DAC has too few steps below the safety limit for a "
                    + points + "-point sweep");
        }
        return SweepPlan.linear(firstCode * step, (firstCode + (long) stepCodes * (points - 1)) * step, points,
                pulsesPerPoint, widthSeconds);
    }

    /** Runs the sweep through the {@link SwitchingSweep} seam. */
    public static SwitchingCurve run(ComparatorSource source, SweepPlan plan, long seed,
                                     Consumer<SwitchingPoint> progress, BooleanSupplier stop) throws IOException {
        Consumer<BitBatch> ignore = batch -> { };
        return SwitchingSweep.run(source, plan, seed, ignore, progress, stop);
    }
}
