package org.spinnoise.calibration;

import java.util.List;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.RawRead;
import org.spinnoise.bits.SourceEvent;
import org.spinnoise.bits.Threshold;

/**
 * Watches the bits and reads an acquisition passes for a junction leaving the range it was calibrated in, and stops
 * the run with a {@link DeviceOutOfRangeException} naming what it saw. With reads (a bench): a breakdown shows as
 * {@value #SHORT_RUN_READS} reads in a row below {@value #SHORT_FRACTION_OF_PARALLEL} × R_P (a healthy junction's
 * parallel state sits tens of read-noise sigmas above that), and a TMR collapse as the mean reads of the two bit values
 * in a window closer than {@value #TMR_COLLAPSE_FRACTION} of the calibrated R_AP − R_P. With or without reads (a board
 * reports only bits and guard-band counts): the share of ambiguous reads (the sources' "ambiguous" events) in a window
 * above {@value #AMBIGUOUS_FACTOR} times the share calibration predicts, or {@value #AMBIGUOUS_FLOOR} if that is more,
 * and stuck bits, a window of only zeros or only ones (at p near 1/2 a window of 64 equal bits has a chance of
 * 2^-63). A breakdown is judged per batch, and the batch in which it is confirmed is discarded, because its bits
 * after the short came from a broken device; the window checks run as each window ends, on bits already handed on.
 */
public final class DeviceRangeGuard {
    /** A read below this share of the calibrated R_P is a short. */
    static final double SHORT_FRACTION_OF_PARALLEL = 0.5;
    /** Shorted reads in a row that confirm a breakdown (one could be a glitch of the read path). */
    static final int SHORT_RUN_READS = 3;
    /** The states' separation in a window, as a share of the calibrated one, below which TMR has collapsed. */
    static final double TMR_COLLAPSE_FRACTION = 0.5;
    /** How far above the calibrated share of ambiguous reads a window may go. */
    static final double AMBIGUOUS_FACTOR = 10;
    /** The share of ambiguous reads that stops a run whatever calibration predicted. */
    static final double AMBIGUOUS_FLOOR = 0.05;
    /** Reads of each bit value a window needs before its levels are compared. */
    static final int MIN_READS_PER_STATE = 16;

    private final int junction;
    private final Threshold threshold;
    /** False in the toggle scheme, whose bit says whether the state changed: the state is then the read's side. */
    private final boolean bitIsState;
    private final double ambiguousLimit;
    private int shortRun;
    private long ones;
    private long zeros;
    private double sumOnesOhms;
    private double sumZerosOhms;
    private long ambiguous;

    private DeviceRangeGuard(int junction, Threshold threshold, boolean bitIsState,
                             double calibratedAmbiguousFraction) {
        this.junction = junction;
        this.threshold = threshold;
        this.bitIsState = bitIsState;
        this.ambiguousLimit = Math.max(AMBIGUOUS_FLOOR, AMBIGUOUS_FACTOR * calibratedAmbiguousFraction);
    }

    /** A guard for a source with reads, against the calibrated threshold's two states and guard band. */
    public static DeviceRangeGuard forReads(int junction, Threshold threshold) {
        return new DeviceRangeGuard(junction, threshold, true, ambiguousFraction(threshold));
    }

    /**
     * As {@link #forReads}, for the toggle scheme: a bit there is whether the state changed between two reads, so
     * each read's state is the side of the threshold it fell on, not its bit.
     */
    public static DeviceRangeGuard forToggleReads(int junction, Threshold threshold) {
        return new DeviceRangeGuard(junction, threshold, false, ambiguousFraction(threshold));
    }

    /**
     * A guard for a source without reads (a board): stuck bits and the guard-band count rate, against the share of
     * ambiguous reads its calibration predicted (0 when unknown: the floor applies).
     */
    public static DeviceRangeGuard forBitsOnly(int junction, double calibratedAmbiguousFraction) {
        return new DeviceRangeGuard(junction, null, true, calibratedAmbiguousFraction);
    }

    /** The share of ambiguous reads the threshold predicts at p = 1/2: each state's normal mass inside the band. */
    static double ambiguousFraction(Threshold t) {
        if (!(t.guardHighOhms() > t.guardLowOhms())) {
            return 0;
        }
        return 0.5 * (mass(t.parallelOhms(), t.parallelSigmaOhms(), t.guardLowOhms(), t.guardHighOhms())
                + mass(t.antiparallelOhms(), t.antiparallelSigmaOhms(), t.guardLowOhms(), t.guardHighOhms()));
    }

    private static double mass(double mean, double sigma, double low, double high) {
        if (!(sigma > 0)) {
            return mean > low && mean < high ? 1 : 0;
        }
        return normalCdf((high - mean) / sigma) - normalCdf((low - mean) / sigma);
    }

    /** Standard normal CDF through erfc (Abramowitz and Stegun 7.1.26, absolute error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erfc = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027
                + t * 1.061405429)))) * Math.exp(-x * x);
        return z >= 0 ? 1 - erfc / 2 : erfc / 2;
    }

    /** The share of ambiguous reads in a window that stops the run. */
    public double ambiguousLimit() {
        return ambiguousLimit;
    }

    /**
     * Checks a batch before it is handed on and adds it to the window's figures.
     *
     * @throws DeviceOutOfRangeException when its reads confirm a breakdown; the batch is then to be discarded
     */
    public void checkBatch(BitBatch batch) throws DeviceOutOfRangeException {
        for (SourceEvent e : batch.events()) {
            // A bench source drops its ambiguous reads ("ambiguous"); a board (protocol v1) only counts them.
            if (e.kind().equals("ambiguous") || e.kind().equals("guard-band")) {
                ambiguous += e.bits();
            }
        }
        if (threshold == null) {
            return;
        }
        double shortOhms = SHORT_FRACTION_OF_PARALLEL * threshold.parallelOhms();
        List<RawRead> reads = batch.reads();
        for (RawRead r : reads) {
            shortRun = r.resistanceOhms() < shortOhms ? shortRun + 1 : 0;
            if (shortRun >= SHORT_RUN_READS) {
                throw new DeviceOutOfRangeException(DeviceOutOfRangeException.Reason.BREAKDOWN, "junction "
                        + junction + ": " + shortRun + " reads in a row below " + shortOhms + " ohm (read "
                        + r.index() + ": " + r.resistanceOhms() + " ohm; calibrated R_P " + threshold.parallelOhms()
                        + " ohm): the barrier has broken down (a short); its batch of " + batch.bitCount()
                        + " bits is discarded and the run stops; replace or re-check the junction before running "
                        + "again");
            }
            boolean antiparallel = bitIsState ? r.bit() == 1 : r.resistanceOhms() > threshold.ohms();
            if (antiparallel) {
                ones++;
                sumOnesOhms += r.resistanceOhms();
            } else {
                zeros++;
                sumZerosOhms += r.resistanceOhms();
            }
        }
    }

    /**
     * Judges a window that has just ended ({@code bits} bits, {@code onesInWindow} ones) and starts the next.
     *
     * @throws DeviceOutOfRangeException when the window shows stuck bits, a TMR collapse or too many ambiguous reads
     */
    public void endWindow(long bits, long onesInWindow) throws DeviceOutOfRangeException {
        try {
            if (bits >= 64 && (onesInWindow == 0 || onesInWindow == bits)) {
                throw new DeviceOutOfRangeException(DeviceOutOfRangeException.Reason.STUCK_BITS, "junction "
                        + junction + ": all " + bits + " bits of the last window were " + (onesInWindow == 0 ? 0 : 1)
                        + ": the junction no longer switches (or no longer resets, or the pulses no longer reach it); "
                        + "the run stops; check the cables (in a batched run, the trigger line from the SMU to the "
                        + "pulse generator), re-check the junction and recalibrate");
            }
            double ambiguousShare = (double) ambiguous / (ambiguous + bits);
            if (ambiguous > 0 && ambiguousShare > ambiguousLimit) {
                throw new DeviceOutOfRangeException(DeviceOutOfRangeException.Reason.AMBIGUOUS_READS, String.format(
                        "junction %d: %.3f %% of the last window's reads fell in the guard band (%d of %d), above "
                                + "the %.3f %% allowed: its two read levels are no longer apart as calibrated; the "
                                + "run stops; recalibrate the threshold", junction, 100 * ambiguousShare, ambiguous,
                        ambiguous + bits, 100 * ambiguousLimit));
            }
            if (threshold != null && ones >= MIN_READS_PER_STATE && zeros >= MIN_READS_PER_STATE) {
                double separation = sumOnesOhms / ones - sumZerosOhms / zeros;
                double calibrated = threshold.antiparallelOhms() - threshold.parallelOhms();
                if (separation < TMR_COLLAPSE_FRACTION * calibrated) {
                    throw new DeviceOutOfRangeException(DeviceOutOfRangeException.Reason.TMR_COLLAPSE,
                            String.format("junction %d: the two states read %.1f ohm apart in the last window, "
                                            + "against %.1f ohm when calibrated (TMR %.3f): the magnetoresistance has "
                                            + "collapsed; the run stops; re-check the junction and recalibrate",
                                    junction, separation, calibrated, threshold.tmr()));
                }
            }
        } finally {
            ones = 0;
            zeros = 0;
            sumOnesOhms = 0;
            sumZerosOhms = 0;
            ambiguous = 0;
        }
    }
}
