package org.spinnoise.run;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.bits.JunctionArraySource;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.TrackingCsv;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardException;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * A run on several junctions of one pulser board (the plan's junction mask): each junction gets its own
 * {@link BoardBitSource} (mask 1 &lt;&lt; j) on the one {@link BoardClient}; with {@link #withCalibration} each is
 * calibrated on its own ({@link BoardCalibration}; its files as junction-ID-sweep.csv, junction-ID-threshold.csv and
 * so on) and streams at its own fitted V50 with its own comparator, optionally under its own {@link
 * org.spinnoise.calibration.DriftTracker} (all writing one tracking.csv, each row naming its junction). The
 * {@link JunctionArraySource} takes turns over them with each junction's own health tests. A junction whose
 * calibration fails, whose health tests fail or whose source fails (a tracker's device-range stop included) is left
 * out of the mask from then on (its stream stopped at once) and reported in the manifest's {@code array} and
 * {@value ArrayAcquisition#JUNCTIONS_FILE}; the others go on. The lifecycle is the {@link RunLifecycle} every run
 * shares; the board's safe end is every junction's stream stopped with STOP acknowledged.
 */
public final class BoardArrayAcquisition {
    private static final Logger LOG = LoggerFactory.getLogger(BoardArrayAcquisition.class);
    /**
     * At most this many frames in flight per junction, and a junction's turn is as many frames' bits: a turn passes
     * with STOP, CONFIGURE and START, so turns of a few frames keep that cost small while every junction takes turns
     * well within a run of a few million bits.
     */
    static final int FRAMES_PER_TURN = 8;

    private final String address;
    private final BoardAcquisition.Plan plan;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;
    private final List<Integer> ids;
    private BoardCalibration.Plan calibrationPlan;
    private TrackingPlan trackingPlan = TrackingPlan.OFF;
    /** Every junction source made so far, by junction (calibration probes and streaming sources), to stop them all. */
    private final Map<Integer, List<BoardBitSource>> sources = new LinkedHashMap<>();
    /** Each junction's streaming source (not its calibration probe), whose counts the energy ledger divides by. */
    private final Map<Integer, BoardBitSource> streaming = new LinkedHashMap<>();

    public BoardArrayAcquisition(String address, BoardAcquisition.Plan plan, RunFolder folder, WireLog wire,
                                 RunListener listener, RunStopper stopper) {
        this.address = address;
        this.plan = new BoardAcquisition.Plan(plan.bits(), plan.point(), plan.maxJunctionVolts(), plan.payloadBytes(),
                Math.min(plan.windowFrames(), FRAMES_PER_TURN), plan.claimedEntropyPerBit(), plan.alpha());
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
        List<Integer> selected = new ArrayList<>();
        for (int j = 0; j < Long.SIZE; j++) {
            if ((plan.point().junctionMask() >>> j & 1) != 0) {
                selected.add(j);
            }
        }
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("the junction mask selects no junction; give --junctions with a bit set "
                    + "per junction (e.g. 15 for junctions 0..3)");
        }
        this.ids = List.copyOf(selected);
    }

    /** Calibrates each junction on its own before streaming (null: every junction at the plan's operating point). */
    public BoardArrayAcquisition withCalibration(BoardCalibration.Plan calibration) {
        this.calibrationPlan = calibration;
        return this;
    }

    /** Tracks each junction's drift while streaming (needs {@link #withCalibration}: each starts from its own fit). */
    public BoardArrayAcquisition withTracking(TrackingPlan tracking) {
        if (tracking.enabled() && calibrationPlan == null) {
            throw new IllegalStateException("drift tracking on a board array needs its calibration first "
                    + "(withCalibration)");
        }
        this.trackingPlan = tracking;
        return this;
    }

    /** Runs every stage; however it ends, every junction's stream is stopped and the manifest says how it ended. */
    public ArrayRunSummary run() throws IOException {
        List<JunctionArray.Junction> junctions = new ArrayList<>();
        for (int j : ids) {
            junctions.add(JunctionArray.Junction.of(j, address, null, null, null));
        }
        JunctionArray array = new JunctionArray(ArrayAcquisition.JUNCTIONS_FILE, ArrayAcquisition.BLOCKS_FILE, null,
                junctions);
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("board-array").apply(m).withBoardPlan(plan)
                        .withBoard(new BoardSection(address, null, null)).withArray(array),
                this::stages, () -> new SafeStateReport(Map.of("board", boardEnd())));
    }

    private ArrayRunSummary stages() throws IOException {
        try {
            return acquire();
        } finally {
            ArrayAcquisition.writeJunctionsFile(folder);
        }
    }

    private ArrayRunSummary acquire() throws IOException {
        listener.stage("connecting to the board at " + address);
        try (BoardClient client = BoardClient.connect(address, wire)) {
            folder.update(m -> m.withBoard(new BoardSection(address, client.hello(), null)));
            folder.saveManifest();
            Map<Integer, BoardCalibration.Result> calibrations = new LinkedHashMap<>();
            Map<Integer, BoardOperatingPoint> points = new LinkedHashMap<>();
            for (int j : ids) {
                if (stopper.stopRequested()) {
                    throw new RunStoppedException("stopped while calibrating the junctions", null);
                }
                try {
                    if (calibrationPlan == null) {
                        points.put(j, BoardBitSource.forJunction(client, j, plan.point(), streamPlan(),
                                stopper::stopRequested).applied());
                    } else {
                        BoardCalibration.Result r = calibrate(client, j);
                        calibrations.put(j, r);
                        points.put(j, lastSource(j).applied());
                    }
                } catch (IOException | RuntimeException e) {
                    if (stopper.stopRequested()) {
                        throw e;
                    }
                    leaveOut(j, JunctionArray.NOT_CALIBRATED, (calibrationPlan == null ? "" : "calibration failed: ")
                            + e.getMessage());
                }
                folder.saveManifest();
            }
            if (points.isEmpty()) {
                throw new CalibrationException("no junction of the board array could be calibrated ("
                        + folder.manifest().array().junctions().stream().map(j -> "junction " + j.junction() + ": "
                        + j.reason()).collect(Collectors.joining("; ")) + ")");
            }
            return stream(client, points, calibrations);
        } finally {
            recordStreams();
        }
    }

    /**
     * Calibrates junction {@code j} alone on a lockstep source (no pulse beyond what the stages ask), writes its files
     * as junction-ID-* and its record into the manifest; the source is left holding the fitted point.
     */
    private BoardCalibration.Result calibrate(BoardClient client, int j) throws IOException {
        listener.stage("junction " + j + ": calibrating from its bits (threshold scans, then the switching sweep)");
        BoardBitSource probe = keep(j, BoardBitSource.forJunction(client, j, plan.point(),
                BoardBitSource.StreamPlan.lockstep(0, plan.maxJunctionVolts()), stopper::stopRequested));
        BoardCalibration.Plan own = new BoardCalibration.Plan(calibrationPlan.widthSeconds(),
                calibrationPlan.sweepPoints(), calibrationPlan.sweepPulsesPerPoint(), calibrationPlan.locatePulses(),
                calibrationPlan.scan(), calibrationPlan.seed() + j, calibrationPlan.ohmsPerReadCode());
        try {
            BoardCalibration.Result r = BoardCalibration.run(probe, own, s -> listener.stage("junction " + j + ": " + s),
                    stopper::stopRequested);
            probe.pause();
            BoardCalibrationFiles.write(folder.dir(), "junction-" + j + "-", r);
            BoardCalibrationRecord record = BoardCalibrationRecord.of(r);
            double writeVolts = probe.applied().writeVolts();
            Double thresholdOhms = r.threshold().ohmsKnown() ? r.threshold().ohms(r.threshold().thresholdCode()) : null;
            folder.update(m -> m.withArray(m.array().with(j, x -> x.withCalibration(thresholdOhms,
                    r.fit().v50Volts(), r.fit().v50StdErrVolts(), r.fit().deltaVolts(), writeVolts)
                    .withBoardCalibration(record))));
            listener.stage(String.format("junction %d: V50 %.5f V ± %.5f, threshold code %d ± %d, %,d pulses", j,
                    r.fit().v50Volts(), r.fit().v50StdErrVolts(), r.threshold().thresholdCode(),
                    r.threshold().guardBandCodes(), r.pulses()));
            return r;
        } finally {
            stopQuietly(probe);
        }
    }

    private ArrayRunSummary stream(BoardClient client, Map<Integer, BoardOperatingPoint> points,
                                   Map<Integer, BoardCalibration.Result> calibrations) throws IOException {
        TrackingCsv trackingCsv = trackingPlan.enabled()
                ? TrackingCsv.open(folder.file(BoardAcquisition.TRACKING_FILE), listener::tracked) : null;
        try (BufferedWriter blocks = Files.newBufferedWriter(folder.file(ArrayAcquisition.BLOCKS_FILE),
                StandardCharsets.US_ASCII)) {
            blocks.write("first_bit,bits,junction\n");
            List<JunctionArraySource.Junction> members = new ArrayList<>();
            for (Map.Entry<Integer, BoardOperatingPoint> e : points.entrySet()) {
                int j = e.getKey();
                BoardBitSource source = keep(j, BoardBitSource.forJunction(client, j, e.getValue(), streamPlan(),
                        stopper::stopRequested));
                streaming.put(j, source);
                BitSource feeding = trackingCsv == null ? source : BoardAcquisition.track(source,
                        calibrations.get(j), j, plan, trackingPlan, trackingCsv);
                members.add(new JunctionArraySource.Junction(j, feeding));
            }
            JunctionArraySource.BlockListener record = new JunctionArraySource.BlockListener() {
                @Override
                public void handedOut(int junction, long firstIndex, int bits) throws IOException {
                    blocks.write(firstIndex + "," + bits + "," + junction + "\n");
                }

                @Override
                public void dropped(int junction, String reason) {
                    leaveOut(junction, JunctionArray.DROPPED, reason);
                }
            };
            int blockBits = (int) Math.min(Integer.MAX_VALUE / 2, BoardAcquisition.bitsInFlight(plan, trackingPlan));
            JunctionArraySource array = JunctionArraySource.over(members, Math.max(8, blockBits),
                    plan.claimedEntropyPerBit(), plan.alpha(), plan.bits(), record);
            folder.update(m -> m.withArray(new JunctionArray(m.array().junctionsFile(), m.array().blocksFile(),
                    "each junction's bits are handed out only once " + array.holdBits() + " later bits of it passed "
                            + "its own health tests", m.array().junctions())));
            listener.stage(String.format("streaming %,d bits from %d junctions in turn", plan.bits(), members.size()));
            try (array) {
                Acquisition begun = Acquisition.starting(array.describe(), array.provenance(),
                        AcquisitionEngine.BITS_FILE + " (MSB first; " + ArrayAcquisition.BLOCKS_FILE + " says which "
                                + "junction made each stretch)", null, AcquisitionEngine.EVENTS_FILE,
                        "STREAM frames that passed their CRC and sequence checks, then held back until later bits of "
                                + "the same junction passed its own health tests", plan.bits());
                new AcquisitionEngine(folder, listener, stopper).acquire(array,
                        new AcquisitionEngine.Plan(plan.bits(), plan.claimedEntropyPerBit(), plan.alpha()), begun,
                        null);
            } finally {
                sources.values().forEach(list -> list.forEach(BoardArrayAcquisition::stopQuietly));
                ArrayAcquisition.record(folder, array.summaries());
            }
        } finally {
            if (trackingCsv != null) {
                trackingCsv.close();
            }
        }
        folder.saveManifest();
        return ArrayRunSummary.of(folder);
    }

    /** A junction's streaming plan: no budget of its own (the array counts the bits), the plan's frames in flight. */
    private BoardBitSource.StreamPlan streamPlan() {
        return new BoardBitSource.StreamPlan(plan.payloadBytes(), BoardAcquisition.framesInFlight(plan, trackingPlan),
                0, plan.maxJunctionVolts());
    }

    private BoardBitSource keep(int junction, BoardBitSource source) {
        sources.computeIfAbsent(junction, j -> new ArrayList<>()).add(source);
        return source;
    }

    private BoardBitSource lastSource(int junction) {
        List<BoardBitSource> list = sources.get(junction);
        return list.get(list.size() - 1);
    }

    /** Records why a junction is out and stops its stream now, so the board pulses it no more. */
    private void leaveOut(int junction, String status, String reason) {
        LOG.warn("junction {} left out of the mask ({}): {}", junction, status, reason);
        listener.stage("junction " + junction + " left out of the mask: " + reason);
        String stopped = "not streaming; no longer in the mask";
        for (BoardBitSource s : sources.getOrDefault(junction, List.of())) {
            if (s.stream() != null) {
                stopped = stopQuietly(s) ? "stream stopped (STOP acknowledged); no longer in the mask"
                        : SafeStateReport.FAILED + "its stream could not be stopped";
            }
        }
        Map<String, String> safe = Map.of("board junction " + junction, stopped);
        folder.update(m -> m.withArray(m.array().with(junction, j -> j.withStatus(status, reason)
                .withSafeState(safe))));
    }

    /** Stops a source's stream keeping nothing further to do; true when it is stopped (or was not streaming). */
    private static boolean stopQuietly(BoardBitSource source) {
        try {
            source.pause();
            return true;
        } catch (BoardException | RuntimeException e) {
            LOG.warn("could not stop the stream of {}: {}", source.describe(), e.getMessage());
            return false;
        }
    }

    /**
     * Every junction's streams' counts added up, into the manifest; and each junction's own streaming counts and the
     * operating point the board applied for it, into its record of the array (what its energy ledger divides by).
     */
    private void recordStreams() {
        StreamReport all = combinedReport();
        if (all != null) {
            folder.update(m -> m.withStream(all));
        }
        for (Map.Entry<Integer, BoardBitSource> e : streaming.entrySet()) {
            StreamReport own = e.getValue().report();
            if (own != null) { // it streamed, so applied() is the board's CONFIGURE_ACK
                BoardOperatingPoint applied = e.getValue().applied();
                folder.update(m -> m.withArray(m.array().with(e.getKey(), j -> j.withBoardStream(applied, own))));
            }
        }
    }

    private StreamReport combinedReport() {
        StreamReport all = null;
        for (List<BoardBitSource> list : sources.values()) {
            for (BoardBitSource s : list) {
                StreamReport r = s.report();
                if (r != null) {
                    all = all == null ? r : all.then(r);
                }
            }
        }
        return all;
    }

    /** How the board's streams ended, for the manifest's safe state. */
    private String boardEnd() {
        List<String> notStopped = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<Integer, List<BoardBitSource>> e : sources.entrySet()) {
            for (BoardBitSource s : e.getValue()) {
                StreamReport r = s.report();
                if (r != null) {
                    any = true;
                    if (s.stream() != null || !r.endedBy().equals("stop")) {
                        notStopped.add("junction " + e.getKey() + " (ended by " + r.endedBy() + ")");
                    }
                }
            }
        }
        if (!any) {
            return "not streaming";
        }
        return notStopped.isEmpty() ? "stopped (STOP acknowledged) for every junction"
                : SafeStateReport.FAILED + "no STOP was acknowledged for " + String.join(", ", notStopped);
    }
}
