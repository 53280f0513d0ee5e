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
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.JunctionArraySource;
import org.spinnoise.bits.JunctionSummary;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.CalibrationException;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.calibration.TrackingCsv;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.SafeStateReport;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.JunctionArray;

/**
 * A calibrate-and-acquire run on an array of junctions, each on its own site (its own pulse generator and SMU): every
 * junction is calibrated on its own ({@link JunctionCalibration}) and a junction whose calibration fails is reported
 * and left out, its outputs made safe at once; each calibrated junction gets its own source at its own operating
 * point (under its own drift tracker when the recipe tracks drift, all writing one tracking.csv, then through a
 * {@link JunctionWrapper}, the one place for any other per-junction wrapper), and the {@link JunctionArraySource}
 * takes turns over them with each junction's own health tests, dropping a junction that fails (its health tests, its
 * source, or its tracker finding it out of its calibrated range; its outputs made safe at once) while the others go
 * on. One run folder: {@code bits.bin} of the
 * interleaved bits, {@value #JUNCTIONS_FILE} and the manifest's {@code array} per junction, {@value #BLOCKS_FILE} which
 * junction made each stretch of bits. The lifecycle (every output of every site safe at the end, then the outcome) is
 * the {@link RunLifecycle} every run shares.
 */
public final class ArrayAcquisition {
    private static final Logger LOG = LoggerFactory.getLogger(ArrayAcquisition.class);
    public static final String JUNCTIONS_FILE = "junctions.csv";
    public static final String BLOCKS_FILE = "junction-blocks.csv";
    static final String JUNCTIONS_HEADER = "junction,bits,ones,bias,health_failures,bits_discarded,v50_volts,"
            + "write_amplitude_volts,status,reason";

    /** One site: a junction's own bench and the addresses it was opened at. Its position in the list is its id. */
    public record Site(Bench bench, String pulseAddress, String smuAddress) {
    }

    /** A junction that calibrated: its id, its site's bench and its calibration. */
    public record CalibratedJunction(int junction, Bench bench, ThresholdCalibration.Result levels,
                                     SigmoidFitResult fit, OperatingPoint point) {
    }

    /**
     * What wraps each junction's source before it joins the array (around its drift tracker when the recipe tracks
     * drift); the wrapped source is what the array's health tests see.
     */
    @FunctionalInterface
    public interface JunctionWrapper {
        JunctionWrapper NONE = (junction, source) -> source;

        BitSource wrap(CalibratedJunction junction, BitSource source) throws IOException;
    }

    private final List<Site> sites;
    private final AcquisitionPlan plan;
    private final RunFolder folder;
    private final WireLog wire;
    private final RunListener listener;
    private final RunStopper stopper;
    private final JunctionWrapper wrapper;

    public ArrayAcquisition(List<Site> sites, AcquisitionPlan plan, RunFolder folder, WireLog wire,
                            RunListener listener, RunStopper stopper, JunctionWrapper wrapper) {
        if (sites.isEmpty()) {
            throw new IllegalArgumentException("a junction array needs at least one site");
        }
        this.sites = List.copyOf(sites);
        this.plan = plan;
        this.folder = folder;
        this.wire = wire;
        this.listener = listener;
        this.stopper = stopper;
        this.wrapper = wrapper;
    }

    /** Runs every stage; however it ends, every output of every site is then safe and the manifest says how it ended. */
    public ArrayRunSummary run() throws IOException {
        List<JunctionArray.Junction> junctions = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site s = sites.get(i);
            junctions.add(JunctionArray.Junction.of(i, s.pulseAddress(), s.smuAddress(), s.bench().pulse().identity(),
                    s.bench().smu().identity()));
        }
        JunctionArray array = new JunctionArray(JUNCTIONS_FILE, BLOCKS_FILE, null, junctions);
        return new RunLifecycle(folder, wire, listener, stopper).run(
                m -> RunLifecycle.newRun("bench-array").apply(m).withPlan(plan).withArray(array),
                this::stages, this::safeEnd);
    }

    /** Every output of every site to its safe state, each named "junction-ID output". */
    private SafeStateReport safeEnd() {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (int i = 0; i < sites.size(); i++) {
            int id = i;
            sites.get(i).bench().safeState().outputs().forEach((out, outcome) -> outputs.put("junction-" + id + " "
                    + out, outcome));
        }
        return new SafeStateReport(outputs);
    }

    private ArrayRunSummary stages() throws IOException {
        if (stopper.stopRequested()) {
            throw new RunStoppedException("stopped before the first stage", null);
        }
        SafeStateReport start = safeEnd();
        folder.update(m -> m.withRun(m.run().withSafeStart(start.outputs())));
        if (!start.allSafe()) {
            throw new InstrumentException("could not put every output in its safe state before starting: "
                    + start.failures() + "; check the instruments and their wiring before running again");
        }
        try {
            return calibrateAndAcquire();
        } finally {
            writeJunctionsFile(folder);
        }
    }

    private ArrayRunSummary calibrateAndAcquire() throws IOException {
        List<CalibratedJunction> calibrated = calibrateEach();
        if (calibrated.isEmpty()) {
            throw new CalibrationException("no junction of the array could be calibrated ("
                    + folder.manifest().array().junctions().stream().map(j -> "junction " + j.junction() + ": "
                    + j.reason()).collect(Collectors.joining("; ")) + ")");
        }
        try (TrackingCsv tracking = plan.tracking().enabled()
                ? TrackingCsv.open(folder.file(BenchAcquisition.TRACKING_FILE), listener::tracked) : null) {
            return acquireFrom(calibrated, tracking);
        }
    }

    /**
     * Each calibrated junction's source at its own point (under its own {@link DriftTracker} when the recipe tracks
     * drift, its rows in the one {@code tracking.csv} under its id), then the array over them.
     */
    private ArrayRunSummary acquireFrom(List<CalibratedJunction> calibrated, TrackingCsv tracking)
            throws IOException {
        List<JunctionArraySource.Junction> members = new ArrayList<>();
        for (CalibratedJunction c : calibrated) {
            try {
                BitSource source = JunctionSources.start(c, plan, folder, stopper);
                if (tracking != null) {
                    source = BenchAcquisition.track(source, plan.scheme().scheme().resolve(c.bench()), plan,
                            c.levels().threshold(), c.fit(), tracking, c.junction());
                }
                members.add(new JunctionArraySource.Junction(c.junction(), wrapper.wrap(c, source)));
            } catch (IOException | RuntimeException e) {
                if (stopper.stopRequested()) {
                    throw e;
                }
                leaveOut(c.junction(), JunctionArray.DROPPED, "its source could not start: " + e.getMessage());
            }
        }
        if (members.isEmpty()) {
            throw new InstrumentException("no junction of the array could start making bits; see " + JUNCTIONS_FILE);
        }
        listener.stage(String.format("acquiring %,d bits from %d junctions in turn", plan.bits(), members.size()));
        listener.acquisitionStarting(plan.bits());
        acquire(members);
        folder.saveManifest();
        return ArrayRunSummary.of(folder);
    }

    private List<CalibratedJunction> calibrateEach() throws IOException {
        List<CalibratedJunction> calibrated = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Site site = sites.get(i);
            listener.stage("junction " + i + ": calibrating on " + site.bench().pulse().identity().label() + " and "
                    + site.bench().smu().identity().label());
            try {
                JunctionCalibration.Result r = JunctionCalibration.calibrate(i, site.bench(), plan, folder,
                        listener, stopper);
                int id = i;
                folder.update(m -> m.withArray(m.array().with(id, j -> j.withCalibration(r.threshold().ohms(),
                        r.fit().v50Volts(), r.fit().v50StdErrVolts(), r.fit().deltaVolts(),
                        r.point().write().amplitudeVolts()))));
                calibrated.add(new CalibratedJunction(i, site.bench(), r.levels(), r.fit(), r.point()));
            } catch (IOException | RuntimeException e) {
                if (stopper.stopRequested()) {
                    throw e;
                }
                leaveOut(i, JunctionArray.NOT_CALIBRATED, "calibration failed: " + e.getMessage());
            }
            folder.saveManifest();
        }
        return calibrated;
    }

    /** Records why a junction is out and makes its site safe now, so it rests while the others run. */
    private void leaveOut(int junction, String status, String reason) {
        LOG.warn("junction {} left out ({}): {}", junction, status, reason);
        listener.stage("junction " + junction + " left out: " + reason);
        SafeStateReport safe = sites.get(junction).bench().safeState();
        folder.update(m -> m.withArray(m.array().with(junction, j -> j.withStatus(status, reason)
                .withSafeState(safe.outputs()))));
    }

    private void acquire(List<JunctionArraySource.Junction> members) throws IOException {
        try (BufferedWriter blocks = Files.newBufferedWriter(folder.file(BLOCKS_FILE), StandardCharsets.US_ASCII)) {
            blocks.write("first_bit,bits,junction\n");
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
            JunctionArraySource array = JunctionArraySource.over(members, plan.scheme().batchBits(),
                    plan.health().claimedEntropyPerBit(), plan.health().alpha(), plan.bits(), record);
            folder.update(m -> m.withArray(new JunctionArray(m.array().junctionsFile(), m.array().blocksFile(),
                    "each junction's bits are handed out only once " + array.holdBits() + " later bits of it passed "
                            + "its own health tests", m.array().junctions())));
            try (array) {
                Acquisition begun = Acquisition.starting(array.describe(), array.provenance(),
                        AcquisitionEngine.BITS_FILE + " (MSB first, zero-padded; " + BLOCKS_FILE + " says which "
                                + "junction made each stretch)", AcquisitionEngine.READS_FILE,
                        AcquisitionEngine.EVENTS_FILE, confirmedBy(), plan.bits());
                new AcquisitionEngine(folder, listener, stopper).acquire(array,
                        new AcquisitionEngine.Plan(plan.bits(), plan.health().claimedEntropyPerBit(),
                                plan.health().alpha()), begun, this::roundTrips);
            } finally {
                record(folder, array.summaries());
            }
        }
    }

    private String confirmedBy() throws InstrumentException {
        AcquisitionScheme scheme = plan.scheme().scheme().resolve(sites.get(0).bench());
        return "each junction's bits as in a single-junction run (" + BenchAcquisition.confirmedBy(scheme)
                + "), then held back until later bits of the same junction passed its own health tests";
    }

    private long roundTrips() {
        return sites.stream().mapToLong(s -> s.bench().roundTrips()).sum();
    }

    /** Each junction's counts and health into the manifest (a board array records its junctions the same way). */
    static void record(RunFolder folder, List<JunctionSummary> summaries) {
        for (JunctionSummary s : summaries) {
            String status = switch (s.status()) {
                case "dropped" -> JunctionArray.DROPPED;
                case "ended" -> JunctionArray.ENDED;
                default -> JunctionArray.KEPT;
            };
            folder.update(m -> m.withArray(m.array().with(s.junction(), j -> j.withCounts(s.bits(), s.ones(),
                    s.bitsDiscarded(), s.healthFailures(), s.health()).withStatus(status,
                    j.reason() != null ? j.reason() : s.reason()))));
        }
    }

    /** {@value #JUNCTIONS_FILE}: one row per junction, as the manifest's array has it. */
    static void writeJunctionsFile(RunFolder folder) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(folder.file(JUNCTIONS_FILE), StandardCharsets.US_ASCII)) {
            out.write(JUNCTIONS_HEADER + "\n");
            for (JunctionArray.Junction j : folder.manifest().array().junctions()) {
                out.write(j.junction() + "," + j.bits() + "," + j.ones() + "," + text(j.bias()) + ","
                        + j.healthFailures() + "," + j.bitsDiscarded() + "," + text(j.v50Volts()) + ","
                        + text(j.writeVolts()) + "," + j.status() + ",\"" + (j.reason() == null ? ""
                        : j.reason().replace("\"", "'").replace('\n', ' ')) + "\"\n");
            }
        }
    }

    private static String text(Double value) {
        return value == null ? "" : Double.toString(value);
    }
}
