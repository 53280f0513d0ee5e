package org.spinnoise.calibration.board;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.ComparatorSource;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.PulseShape;

/**
 * Calibrates one junction on a pulser board from bits alone, in the board's own units (DAC codes): (1) the write off,
 * so every read is of P, a threshold scan fits the P read distribution; (2) with a provisional threshold 6σ above P,
 * the switching transition is located over write codes; (3) written well above that V50 (12 ΔV, never above the
 * safety limit), the share of AP is measured above P's reads and a second scan fits the AP read distribution as the
 * AP part of a two-state mixture; (4) threshold and guard band are placed ({@link BoardThreshold}); (5) the switching
 * sweep runs at the placed threshold ({@link BoardSwitchingSweep}) and is fitted. Every stage's pulses are counted.
 */
public final class BoardCalibration {
    private static final Logger LOG = LoggerFactory.getLogger(BoardCalibration.class);
    private static final double PROVISIONAL_SIGMAS = 6;
    private static final double AP_WRITE_DELTAS = 12;

    /**
     * How to calibrate: write width, sweep points and pulses per point (a multiple of 8: a board hands out bytes),
     * threshold scan settings, pulses per locating probe, shuffle seed, and the board's ohms per read code if known.
     */
    public record Plan(double widthSeconds, int sweepPoints, int sweepPulsesPerPoint, int locatePulses,
                       BoardThresholdScan.Settings scan, long seed, Double ohmsPerReadCode) {
        public Plan {
            if (sweepPulsesPerPoint % 8 != 0 || locatePulses % 8 != 0 || scan.probePulses() % 8 != 0
                    || scan.gridPulses() % 8 != 0 || scan.plateauPulses() % 8 != 0) {
                throw new IllegalArgumentException("board calibration pulses must be multiples of 8 (a board hands "
                        + "out whole bytes)");
            }
        }

        public static Plan defaults(double widthSeconds, long seed, Double ohmsPerReadCode) {
            return new Plan(widthSeconds, 13, 1024, 64, BoardThresholdScan.Settings.defaults(), seed,
                    ohmsPerReadCode);
        }
    }

    /** The calibration: threshold, located transition, sweep and its fit, pulses per stage (in order). */
    public record Result(BoardThreshold threshold, BoardSwitchingSweep.Located located, SweepPlan sweepPlan,
                         SwitchingCurve curve, SigmoidFitResult fit, Map<String, Long> pulsesByStage) {
        public long pulses() {
            return pulsesByStage.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private BoardCalibration() {
    }

    /** Runs every stage on {@code source} and leaves it at the fitted V50 with the placed comparator. */
    public static Result run(ComparatorSource source, Plan plan, Consumer<String> stages, BooleanSupplier stop)
            throws IOException {
        Map<String, Long> pulses = new LinkedHashMap<>();
        int maxCode = source.maxThresholdCode();

        stages.accept("threshold scan, junction held in P (write off)");
        source.setWriteOff();
        ComparatorCounts pCounts = new ComparatorCounts(source);
        BoardThresholdScan.StateScan pScan = BoardThresholdScan.scan(pCounts, 0, maxCode, 1, null, plan.scan());
        ReadDistribution p = pScan.fit().distribution();
        pulses.put("parallel_scan", pCounts.pulses());
        checkStop(stop);

        int provisional = (int) Math.min(maxCode - 1, Math.ceil(p.meanCode() + PROVISIONAL_SIGMAS * p.sigmaCodes()));
        source.setComparator(provisional, 0);
        stages.accept("locating the switching transition (comparator at code " + provisional + ")");
        BoardSwitchingSweep.Located located = BoardSwitchingSweep.locate(source, plan.widthSeconds(),
                plan.locatePulses());
        pulses.put("locate", located.pulses());
        checkStop(stop);
        requireReset(source, plan, pulses);

        double apWrite = Math.min(source.maxWriteVolts(), located.v50Volts() + AP_WRITE_DELTAS * located.deltaVolts());
        if (apWrite < located.v50Volts() + AP_WRITE_DELTAS * located.deltaVolts()) {
            LOG.warn("AP write held at the safety limit {} V, below V50 + {} dV", apWrite, AP_WRITE_DELTAS);
        }
        stages.accept(String.format("threshold scan, junction written to AP at %.4f V", apWrite));
        source.setWrite(new PulseShape(apWrite, plan.widthSeconds()));
        ComparatorCounts apCounts = new ComparatorCounts(source);
        ScanPoint plateau = apCounts.at(provisional, plan.scan().plateauPulses());
        double weight = Math.min(1, plateau.fraction());
        BoardThresholdScan.requirePlateau(weight, apWrite);
        BoardThresholdScan.StateScan apScan = BoardThresholdScan.scan(apCounts, provisional, maxCode, weight, p,
                plan.scan());
        pulses.put("antiparallel_scan", apCounts.pulses());
        checkStop(stop);

        BoardThreshold threshold = BoardThreshold.place(p, apScan.fit().distribution(), weight, maxCode,
                source.readVoltsPerCode(), plan.ohmsPerReadCode(), apWrite, pScan, apScan);
        source.setComparator(threshold.thresholdCode(), threshold.guardBandCodes());
        stages.accept(String.format("threshold code %d ± %d (P %.0f ± %.0f, AP %.0f ± %.0f codes; read error "
                        + "rate %.3g)", threshold.thresholdCode(), threshold.guardBandCodes(), p.meanCode(),
                p.sigmaCodes(), threshold.antiparallel().meanCode(), threshold.antiparallel().sigmaCodes(),
                threshold.readErrorRate()));

        SweepPlan sweepPlan = BoardSwitchingSweep.plan(source, located, plan.sweepPoints(),
                plan.sweepPulsesPerPoint(), plan.widthSeconds());
        stages.accept(String.format("switching sweep %.4f .. %.4f V, %d points x %d pulses", sweepPlan.startVolts(),
                sweepPlan.stopVolts(), sweepPlan.points(), sweepPlan.pulsesPerPoint()));
        SwitchingCurve curve = BoardSwitchingSweep.run(source, sweepPlan, plan.seed(), point -> { }, stop);
        pulses.put("sweep", (long) sweepPlan.points() * sweepPlan.pulsesPerPoint());
        SigmoidFitResult fit;
        try {
            fit = curve.fit();
        } catch (IllegalArgumentException e) {
            throw new CalibrationException("board calibration: " + e.getMessage(), e);
        }
        double v50 = Math.min(source.maxWriteVolts(), fit.v50Volts());
        source.setWrite(new PulseShape(v50, plan.widthSeconds()));
        stages.accept(String.format("V50 %.5f V ± %.5f, dV %.5f V; write set to %.5f V", fit.v50Volts(),
                fit.v50StdErrVolts(), fit.deltaVolts(), source.write().amplitudeVolts()));
        return new Result(threshold, located, sweepPlan, curve, fit, pulses);
    }

    /**
     * With the write off after the junction has been switched, reads must be back below the provisional threshold:
     * a reset that fails leaves the junction in AP and every later stage would measure nonsense.
     */
    private static void requireReset(ComparatorSource source, Plan plan, Map<String, Long> pulses)
            throws IOException {
        source.setWriteOff();
        ComparatorCounts counts = new ComparatorCounts(source);
        int ones = counts.ones(plan.locatePulses());
        pulses.put("reset_check", counts.pulses());
        if (ones > plan.locatePulses() / 10) {
            throw new CalibrationException(String.format("board calibration: with the write off, %d of %d reads "
                    + "stayed above the P reads: the reset pulse does not return the junction to P; make it stronger "
                    + "(--reset-volts, --reset-width) within --max-volts, or check the junction", ones,
                    plan.locatePulses()));
        }
    }

    private static void checkStop(BooleanSupplier stop) throws CalibrationException {
        if (stop.getAsBoolean()) {
            throw new CalibrationException("board calibration stopped on request");
        }
    }
}
