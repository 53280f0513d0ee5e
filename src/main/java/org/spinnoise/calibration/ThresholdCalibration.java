package org.spinnoise.calibration;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.spinnoise.bits.Threshold;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PulseShape;

/**
 * Finds the read threshold: reads the junction after a reset pulse (parallel state) and after a reset followed by a
 * strong set pulse (antiparallel state), alternating so slow drift affects both alike, then fits the two-state
 * mixture to the labelled reads ({@link ResistanceMixtureFit}) and takes its threshold and guard band. Refuses when the
 * states are too close to tell apart reliably or the set pulse did not move the junction, and fails when either
 * instrument reported an error while the reads were taken.
 */
public final class ThresholdCalibration {
    /** Below this many sigmas between each state and the threshold, misreads would bias the bits noticeably. */
    public static final double MIN_MARGIN_SIGMAS = 4.0;

    private ThresholdCalibration() {
    }

    /** One read taken during calibration, with the state it was meant to be in. */
    public record LevelRead(int intendedBit, double resistanceOhms) {
    }

    /**
     * The measured states (robust median/MAD per intended state), the mixture fitted to all reads and the threshold
     * with its guard band taken from it; {@code mixture} is null only in records written before the mixture fit.
     */
    public record Result(ResistanceStats parallel, ResistanceStats antiparallel, Threshold threshold,
                         int parallelReadsAboveThreshold, int antiparallelReadsBelowThreshold,
                         ResistanceMixture mixture) {

        /** A result without a mixture fit (records from before it existed). */
        public Result(ResistanceStats parallel, ResistanceStats antiparallel, Threshold threshold,
                      int parallelReadsAboveThreshold, int antiparallelReadsBelowThreshold) {
            this(parallel, antiparallel, threshold, parallelReadsAboveThreshold, antiparallelReadsBelowThreshold,
                    null);
        }
    }

    public static Result run(Bench bench, PulseShape reset, PulseShape set, int readsPerState,
                             Consumer<LevelRead> recorder) throws InstrumentException, CalibrationException {
        return run(bench, reset, set, readsPerState, recorder, () -> false);
    }

    /**
     * Measures both states. The reads reach {@code recorder} only once the instruments have confirmed they reported
     * no error while they were taken; {@code stopRequested} is polled before every read pair, and a stop ends the
     * calibration with a CalibrationException.
     */
    public static Result run(Bench bench, PulseShape reset, PulseShape set, int readsPerState,
                             Consumer<LevelRead> recorder, BooleanSupplier stopRequested)
            throws InstrumentException, CalibrationException {
        if (readsPerState < 10) {
            throw new IllegalArgumentException("need at least 10 reads per state, got " + readsPerState);
        }
        bench.pulse().configure(bench.resetChannel(), reset);
        bench.pulse().configure(bench.writeChannel(), set);
        double[] parallel = new double[readsPerState];
        double[] antiparallel = new double[readsPerState];
        for (int i = 0; i < readsPerState; i++) {
            if (stopRequested.getAsBoolean()) {
                throw new CalibrationException("threshold calibration stopped on request after " + i + " of "
                        + readsPerState + " read pairs");
            }
            bench.pulse().fire(bench.resetChannel());
            parallel[i] = bench.smu().readResistanceOhms();
            bench.pulse().fire(bench.resetChannel(), bench.writeChannel());
            antiparallel[i] = bench.smu().readResistanceOhms();
        }
        // A refused trigger leaves no trace in the reads themselves; without this check a missed set pulse would
        // pass as a parallel-state read of the "antiparallel" level.
        bench.checkErrors();
        for (int i = 0; i < readsPerState; i++) {
            recorder.accept(new LevelRead(0, parallel[i]));
            recorder.accept(new LevelRead(1, antiparallel[i]));
        }
        ResistanceStats p = ResistanceStats.of(parallel);
        ResistanceStats ap = ResistanceStats.of(antiparallel);
        if (ap.medianOhms() <= p.medianOhms() + 3 * (p.sigmaOhms() + ap.sigmaOhms())) {
            throw new CalibrationException(String.format("the set pulse (%.3f V, %.3g s) did not move the junction "
                    + "to a higher resistance (reset: median %.1f ohm, set: median %.1f ohm); raise the set amplitude "
                    + "or check the write channel's wiring", set.amplitudeVolts(), set.widthSeconds(),
                    p.medianOhms(), ap.medianOhms()));
        }
        double[] all = new double[2 * readsPerState];
        int[] labels = new int[2 * readsPerState];
        for (int i = 0; i < readsPerState; i++) {
            all[2 * i] = parallel[i];
            all[2 * i + 1] = antiparallel[i];
            labels[2 * i + 1] = 1;
        }
        ResistanceMixture mixture = ResistanceMixtureFit.fit(all, labels, ResistanceMixtureFit.DEFAULT_CONFIDENCE);
        Threshold threshold = mixture.threshold();
        return new Result(p, ap, threshold, countAbove(parallel, threshold.ohms()),
                readsPerState - countAbove(antiparallel, threshold.ohms()), mixture);
    }

    private static int countAbove(double[] ohms, double thresholdOhms) {
        int n = 0;
        for (double r : ohms) {
            if (r > thresholdOhms) {
                n++;
            }
        }
        return n;
    }
}
