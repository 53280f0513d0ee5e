package org.spinnoise.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.calibration.DeviceRangeGuard;
import org.spinnoise.calibration.DriftTracker;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.SwitchingCurve;
import org.spinnoise.calibration.SwitchingSweep;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.TrackingSink;
import org.spinnoise.entropy.PackedHealthTests;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * The board emulator (demo board bench): a switching sweep through the bit-source seam (31 points of 768 bits,
 * each bit a reset and a write pulse; the threshold is the demo's read code, the board's threshold scan being the
 * board calibration's business), a sigmoid fit, then the windows with tracking on (a {@link DriftTracker} over a
 * source that moves the write pulse by STOP, CONFIGURE and START) and off. The junction's drift runs on a modelled
 * clock advanced by the bits received at the board's stated pulse rate, a reset and a write per bit, so a window of
 * 10^6 bits is 10 ms of the board's time at 2·10^8 pulses/s: drift barely moves within a board run, which is the
 * point the figures make beside the bench's.
 */
final class BoardTrackingSection implements CalibrationBenchmark.Section {
    private static final BoardOperatingPoint START =
            new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);
    private static final double MAX_JUNCTION_VOLTS = 1.5;
    /** Acquisition frames: 1 KiB, two in flight (16 kbit), an eighth of a tracker window. */
    private static final int PAYLOAD_BYTES = 1024;
    private static final int WINDOW_FRAMES = 2;
    /** The sweep: 31 points of 768 bits, one 768-bit frame per point, so no pulse is spent beyond the plan. */
    private static final SweepPlan SWEEP = SweepPlan.linear(0.50, 0.75, 31, 768, 1e-8);
    private static final int SWEEP_PAYLOAD_BYTES = WireLimits.STREAM_FIELD_BYTES + 768 / 8;
    /**
     * Tracker windows on the board: 2^17 bits, 1.3 ms of the board's time. A move stops the stream, and the bits in
     * flight, made at the old amplitude, are counted in the next window; 16 kbit of 131 kbit bound that error.
     */
    private static final int TRACKING_WINDOW_BITS = 1 << 17;

    @Override
    public String name() {
        return "board";
    }

    @Override
    public List<CalibrationBenchmark.Case> run(CalibrationBenchmark.Settings settings, Consumer<String> progress)
            throws IOException {
        List<CalibrationBenchmark.Case> cases = new ArrayList<>();
        for (double drift : settings.driftVoltsPerHour()) {
            Outcome on = run(settings, drift, true, progress);
            Outcome off = run(settings, drift, false, progress);
            cases.add(new CalibrationBenchmark.Case(name(), "reset-write stream", drift, settings.boardWindowBits(),
                    on.secondsPerBit, on.calibrationPulses, on.run, off.run));
        }
        return cases;
    }

    private static BoardOperatingPoint atVolts(double writeVolts) {
        return new BoardOperatingPoint(writeVolts, START.writeWidthSeconds(), START.resetVolts(),
                START.resetWidthSeconds(), START.readDelaySeconds(), START.thresholdCode(), START.guardBandCodes(),
                START.junctionMask());
    }

    private record Outcome(CalibrationBenchmark.Run run, double secondsPerBit, long calibrationPulses) {
    }

    private Outcome run(CalibrationBenchmark.Settings settings, double drift, boolean tracked,
                        Consumer<String> progress) throws IOException {
        BoardBenchFile bench = DriftingJunctions.withDrift(BoardBenchFile.demo(), drift);
        ModelledClock clock = new ModelledClock();
        try (BoardEmulator board = BoardEmulator.start(bench, settings.seed(), false, JunctionClock.shared(clock));
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            double secondsPerBit = 2.0 / client.hello().pulsesPerSecond();
            SigmoidFitResult fit;
            long calibrationPulses;
            try (StopStartBoardSource sweep = new StopStartBoardSource(client, START, SWEEP_PAYLOAD_BYTES, 2,
                    SWEEP.pulsesPerPoint(), MAX_JUNCTION_VOLTS)) {
                SwitchingCurve curve = SwitchingSweep.run(new Clocked(sweep, clock, secondsPerBit), SWEEP,
                        settings.seed(), b -> { }, p -> { }, () -> false);
                fit = curve.fit();
                calibrationPulses = 2 * sweep.bitsStreamed();
            }
            StopStartBoardSource board0 = new StopStartBoardSource(client, atVolts(fit.v50Volts()),
                    PAYLOAD_BYTES, WINDOW_FRAMES, 0, MAX_JUNCTION_VOLTS);
            progress.accept(String.format(Locale.ROOT, "board: V50 drifting %.0f mV/h, tracking %s: sweep fit V50 "
                            + "%.4f V (junction's %.4f V), ΔV %.4f V, %,d pulses; %d windows of %,d bits at %.0f ns "
                            + "per bit", 1e3 * drift, tracked ? "on" : "off", fit.v50Volts(),
                    board.junction(0).v50VoltsAt(1e-8), fit.deltaVolts(), calibrationPulses, settings.boardWindows(),
                    settings.boardWindowBits(), 1e9 * secondsPerBit));
            long[] moves = new long[1];
            BitSource source = tracked
                    ? new DriftTracker(board0, fit.v50Volts(), fit.deltaVolts(),
                    TrackingPlan.DEFAULT.withWindowBits(TRACKING_WINDOW_BITS), MAX_JUNCTION_VOLTS,
                    DeviceRangeGuard.forBitsOnly(0, 0), row -> moves[0] += row.adjusted() ? 1 : 0, 0)
                    : board0;
            return new Outcome(acquire(new Clocked(source, clock, secondsPerBit), settings, tracked, moves),
                    secondsPerBit, calibrationPulses);
        }
    }

    private static CalibrationBenchmark.Run acquire(BitSource source, CalibrationBenchmark.Settings settings,
                                                    boolean tracked, long[] moves) {
        PackedHealthTests health = PackedHealthTests.binary(0.9, Math.pow(2, -30));
        List<Double> bias = new ArrayList<>();
        long windowBits = settings.boardWindowBits();
        long total = windowBits * settings.boardWindows();
        long got = 0;
        long ones = 0;
        try {
            while (got < total) {
                BitBatch b = source.nextBatch((int) Math.min(1 << 19, Math.min(total - got,
                        windowBits - got % windowBits)));
                if (b.bitCount() == 0) {
                    throw new IOException("the board stream ended early");
                }
                health.acceptBits(b.packed(), b.bitCount());
                for (int i = 0; i < b.bitCount() && got < total; i++, got++) {
                    ones += (b.packed()[i >>> 3] >>> (7 - (i & 7))) & 1;
                    if ((got + 1) % windowBits == 0) {
                        bias.add((double) ones / windowBits - 0.5);
                        ones = 0;
                    }
                }
            }
        } catch (IOException e) {
            return new CalibrationBenchmark.Run(tracked, bias, !health.anyFailure(), moves[0], "failed",
                    e.getMessage());
        } finally {
            source.close();
        }
        return new CalibrationBenchmark.Run(tracked, bias, !health.anyFailure(), moves[0], "complete", null);
    }

    /** Advances the junctions' modelled clock by the bits each batch brought, at the board's time per bit. */
    private record Clocked(BitSource source, ModelledClock clock, double secondsPerBit) implements BitSource {
        @Override
        public BitBatch nextBatch(int maxBits) throws IOException {
            BitBatch b = source.nextBatch(maxBits);
            clock.advanceSeconds(b.bitCount() * secondsPerBit);
            return b;
        }

        @Override
        public void setWrite(org.spinnoise.instrument.PulseShape write) throws IOException {
            source.setWrite(write);
        }

        @Override
        public org.spinnoise.instrument.PulseShape write() {
            return source.write();
        }

        @Override
        public void pause() throws IOException {
            source.pause();
        }

        @Override
        public String describe() {
            return source.describe();
        }

        @Override
        public org.spinnoise.bits.SourceProvenance provenance() {
            return source.provenance();
        }

        @Override
        public void close() {
            source.close();
        }
    }
}
