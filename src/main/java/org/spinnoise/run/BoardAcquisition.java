package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.spinnoise.calibration.DeviceRangeGuard;
import org.spinnoise.calibration.DriftTracker;
import org.spinnoise.calibration.TrackingCsv;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.BoardSection;

/**
 * A run on a pulser board: connect and say HELLO, configure the operating point, then hand the streaming to the
 * {@link AcquisitionEngine} (bits into {@code bits.bin} under the continuous health tests, every corrupt, missing and
 * duplicate frame into {@code events.csv}), and record the board's HELLO, the configuration asked for and applied,
 * and the stream report. The manifest's lifecycle is the {@link RunLifecycle} every run shares; the board's safe end
 * is its stream stopped with STOP acknowledged. The pool ingest runs afterwards on the folder ({@link RunIngest}).
 * With {@link #withCalibration} the board is first calibrated from its bits ({@link BoardCalibration}: threshold
 * scans, switching sweep; files into the folder, the record into the manifest) and the run streams at the fitted V50
 * with the placed comparator. {@link #withSourceWrapper} is the one place a {@link BitSource} wrapper (a drift
 * tracker: it may pause() the board source and setWrite() between batches) goes around the board's source.
 */
public final class BoardAcquisition {
    /** Where the stream's events go (one file for every source's events). */
    public static final String EVENTS_FILE = AcquisitionEngine.EVENTS_FILE;

    /** What to acquire and how: bits, operating point, safety limit, frame size, credit window, health tests. */
    public record Plan(long bits, BoardOperatingPoint point, double maxJunctionVolts, int payloadBytes,
                       int windowFrames, double claimedEntropyPerBit, double alpha) {
        public Plan {
            if (bits < 8) {
                throw new IllegalArgumentException("ask the board for at least 8 bits, not " + bits);
            }
        }
    }

    /** What the run got. */
    public record Result(Path folder, HelloReply board, BoardOperatingPoint applied, long bits, long ones,
                         double seconds, StreamReport stream, List<HealthTestReport> health) {
        public double bias() {
            return (double) ones / bits - 0.5;
        }

        public boolean healthPassed() {
            return health.stream().allMatch(r -> r.failures() == 0);
        }
    }

    /** The tracker's estimates and moves in a run folder. */
    public static final String TRACKING_FILE = "tracking.csv";
    /**
     * A tracking window holds at least this many times the bits that can be in flight when the stream stops: those
     * were made at the old amplitude and count in no window, so each move costs the tracker up to that many bits.
     */
    static final int WINDOWS_PER_FLIGHT = 2;
    /** A board's tracking window when the plan's is smaller: 2^17 bits, under a millisecond at a board's pulse rate. */
    static final int TRACKED_WINDOW_BITS = 1 << 17;

    private final String address;
    private final Plan plan;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;
    private UnaryOperator<BitSource> sourceWrapper = UnaryOperator.identity();
    private BoardCalibration.Plan calibrationPlan;
    private TrackingPlan trackingPlan = TrackingPlan.OFF;
    /** The calibration this run made, once made: its fit is what drift tracking starts from. */
    private BoardCalibration.Result calibrated;
    /** Every stream's counts once started, so the manifest can say how it ended after the client has closed. */
    private StreamReport streamReport;

    public BoardAcquisition(String address, Plan plan, RunFolder folder, WireLog wire, RunListener listener) {
        this(address, plan, folder, wire, listener, RunStopper.never());
    }

    /** A run that, when {@code stopper} asks, sends STOP and keeps every bit that arrives until STOP_ACK. */
    public BoardAcquisition(String address, Plan plan, RunFolder folder, WireLog wire, RunListener listener,
                            RunStopper stopper) {
        this.address = address;
        this.plan = plan;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
    }

    /**
     * Wraps the board's bit source before the engine streams from it: THE hook for drift tracking (or any other
     * {@link BitSource} wrapper). The wrapper may call {@code pause()} and {@code setWrite()} on the board source
     * between batches; the board source stops its stream keeping every bit, reconfigures, and restarts with its bit
     * index running on. Identity by default.
     */
    public BoardAcquisition withSourceWrapper(UnaryOperator<BitSource> wrapper) {
        this.sourceWrapper = wrapper;
        return this;
    }

    /**
     * Tracks drift while streaming (needs {@link #withCalibration}: the tracker starts from the fitted V50 and ΔV).
     * Its window is at least {@value #TRACKED_WINDOW_BITS} bits and the credit window is cut so that at most
     * 1/{@value #WINDOWS_PER_FLIGHT} of it is in flight: a move stops the stream, and the bits already in flight
     * were made at the old amplitude (handed on, counted in no window).
     */
    public BoardAcquisition withTracking(TrackingPlan tracking) {
        this.trackingPlan = tracking;
        return this;
    }

    /** Calibrates the board before streaming (null: stream at the plan's operating point). */
    public BoardAcquisition withCalibration(BoardCalibration.Plan plan) {
        this.calibrationPlan = plan;
        return this;
    }

    /**
     * Runs the acquisition; on failure the manifest says why and keeps the bits, and the error is rethrown. A stop
     * asked for through the stopper sends STOP, keeps the bits in flight, marks the run "interrupted" and ends in a
     * {@link RunStoppedException}. The outcome and finish time are written after the board's stream has ended.
     */
    public Result run() throws IOException {
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("board").apply(m).withBoardPlan(plan)
                        .withBoard(new BoardSection(address, null, null)),
                this::acquire, () -> new SafeStateReport(Map.of("board", boardEnd())));
    }

    /**
     * Calibrates on a lockstep source (no pulse beyond what the stages ask), writes the calibration files and the
     * manifest record, and returns the point the board now holds: the fitted V50 and the placed comparator.
     */
    private BoardOperatingPoint calibrate(BoardClient client, BoardOperatingPoint applied) throws IOException {
        listener.stage("calibrating the board from its bits: threshold scans, then the switching sweep");
        BoardBitSource probe = new BoardBitSource(client, applied,
                BoardBitSource.StreamPlan.lockstep(0, plan.maxJunctionVolts()), stopper::stopRequested);
        BoardCalibration.Result result = BoardCalibration.run(probe, calibrationPlan, listener::stage,
                stopper::stopRequested);
        calibrated = result;
        probe.pause();
        BoardCalibrationFiles.write(folder.dir(), result);
        BoardCalibrationRecord record = BoardCalibrationRecord.of(result);
        folder.update(m -> m.withBoard(m.board().withCalibration(record)));
        folder.saveManifest();
        listener.stage(String.format("calibration cost %,d pulses (%s); the board fired %,d", result.pulses(),
                result.pulsesByStage(), probe.report().pulsesFired()));
        return probe.applied();
    }

    private boolean tracked() {
        if (trackingPlan.enabled() && calibrated == null) {
            throw new IllegalStateException("drift tracking on a board needs its calibration first (withCalibration)");
        }
        return trackingPlan.enabled();
    }

    /**
     * The board source wrapped in a {@link DriftTracker} from the calibration's fit, guarded on stuck bits and on the
     * board's guard-band counts against the share its threshold calibration predicts.
     */
    private BitSource track(BoardBitSource source, TrackingCsv sink) {
        return track(source, calibrated, Long.numberOfTrailingZeros(plan.point().junctionMask()), plan, trackingPlan,
                sink);
    }

    /**
     * A board source for {@code junction} wrapped in a {@link DriftTracker} from its calibration (a single-junction
     * run and each junction of a board array alike): the window at least {@value #TRACKED_WINDOW_BITS} bits (the
     * credit window is cut to match, {@link #framesInFlight(Plan, TrackingPlan)}), the guard on stuck bits and on the
     * guard-band share the threshold scan predicts.
     */
    static DriftTracker track(BoardBitSource source, BoardCalibration.Result calibration, int junction, Plan plan,
                              TrackingPlan tracking, TrackingCsv sink) {
        int windowBits = Math.max(tracking.windowBits(), TRACKED_WINDOW_BITS);
        return new DriftTracker(source, calibration.fit().v50Volts(), calibration.fit().deltaVolts(),
                tracking.withWindowBits(windowBits), plan.maxJunctionVolts(),
                DeviceRangeGuard.forBitsOnly(junction, calibration.threshold().ambiguousFraction()), sink, junction);
    }

    /**
     * Frames in flight: the plan's credit window, or for a tracked run at most what keeps the bits in flight under
     * 1/{@value #WINDOWS_PER_FLIGHT} of a tracking window of {@value #TRACKED_WINDOW_BITS} bits (at least 2 frames).
     */
    private int framesInFlight() {
        return framesInFlight(plan, trackingPlan);
    }

    static int framesInFlight(Plan plan, TrackingPlan tracking) {
        if (!tracking.enabled()) {
            return plan.windowFrames();
        }
        long frameBits = frameBits(plan);
        long fits = Math.max(tracking.windowBits(), TRACKED_WINDOW_BITS) / (WINDOWS_PER_FLIGHT * frameBits);
        return (int) Math.max(2, Math.min(plan.windowFrames(), fits));
    }

    /** Bits in one STREAM frame of the plan's payload (its header and CRC are not bits). */
    static long frameBits(Plan plan) {
        return 8L * (plan.payloadBytes() - 18);
    }

    static long bitsInFlight(Plan plan, TrackingPlan tracking) {
        return framesInFlight(plan, tracking) * frameBits(plan);
    }

    /** How the board's stream ended, for the manifest's safe state. */
    private String boardEnd() {
        if (streamReport == null) {
            return "not streaming";
        }
        String endedBy = streamReport.endedBy();
        return endedBy.equals("stop") ? "stopped (STOP acknowledged)"
                : SafeStateReport.FAILED + "the stream ended by " + endedBy + "; no STOP was acknowledged";
    }

    private Result acquire() throws IOException {
        listener.stage("connecting to the board at " + address);
        try (BoardClient client = BoardClient.connect(address, wire)) {
            listener.stage("configuring: write " + plan.point().writeVolts() + " V, reset " + plan.point().resetVolts()
                    + " V, threshold code " + plan.point().thresholdCode());
            folder.update(m -> m.withBoard(new BoardSection(address, client.hello(), null)));
            BoardSettings applied = client.configure(plan.point(), plan.maxJunctionVolts());
            BoardOperatingPoint requested = plan.point();
            BoardOperatingPoint appliedPoint = BoardOperatingPoint.ofSettings(applied, client.hello());
            if (calibrationPlan != null) {
                appliedPoint = calibrate(client, appliedPoint);
                requested = appliedPoint;
                applied = client.applied();
            }
            BoardSettings appliedCodes = applied;
            BoardOperatingPoint requestedPoint = requested;
            BoardOperatingPoint appliedNow = appliedPoint;
            folder.update(m -> m.withBoard(new BoardSection(address, client.hello(),
                    new BoardSection.Configuration(requestedPoint, appliedCodes, appliedNow),
                    m.board() == null ? null : m.board().calibration())));
            folder.saveManifest();
            listener.stage(String.format("streaming %,d bits", plan.bits()));
            BoardBitSource source = new BoardBitSource(client, appliedPoint, new BoardBitSource.StreamPlan(
                    plan.payloadBytes(), framesInFlight(), plan.bits(), plan.maxJunctionVolts()),
                    stopper::stopRequested);
            TrackingCsv trackingCsv = tracked()
                    ? TrackingCsv.open(folder.file(TRACKING_FILE), listener::tracked) : null;
            BitSource feeding = sourceWrapper.apply(tracked() ? track(source, trackingCsv) : source);
            Acquisition begun = Acquisition.starting(feeding.describe(), feeding.provenance(),
                    AcquisitionEngine.BITS_FILE + " (MSB first)", null, EVENTS_FILE,
                    "STREAM frames that passed their CRC and sequence checks", plan.bits());
            AcquisitionEngine.Outcome outcome;
            try {
                outcome = new AcquisitionEngine(folder, listener, stopper).acquire(feeding,
                        new AcquisitionEngine.Plan(plan.bits(), plan.claimedEntropyPerBit(), plan.alpha()), begun,
                        null);
            } finally {
                if (trackingCsv != null) {
                    trackingCsv.close();
                }
                streamReport = source.report();
                if (streamReport != null) {
                    StreamReport report = streamReport;
                    folder.update(m -> m.withStream(report));
                }
            }
            return new Result(folder.dir(), client.hello(), source.applied(), outcome.bits(), outcome.ones(),
                    outcome.seconds(), streamReport, outcome.health());
        }
    }
}
