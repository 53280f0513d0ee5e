package org.spinnoise.run.energy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.condition.Sha256Conditioner;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.ProfileSection;

/**
 * The energy ledger of a run folder: computed from what the folder recorded (the manifest's waveform, calibration,
 * ingest and profile; {@code reads.csv} for a bench run, with {@code junction-blocks.csv} and each junction's
 * threshold table for a bench array ({@link ArrayEnergy}), {@code bits.bin} for a board run (with
 * {@code junction-blocks.csv} and each junction's board records for a board array, {@link BoardArrayEnergy});
 * {@code events.csv} for the cycles that kept no bit) and written as {@value #JSON_FILE} and {@value #CSV_FILE}. Runs
 * write it when they end and again after their ingest (the ingest fixes the conditioning ratio); the report
 * recomputes it, so an older folder gets one too. Computing never fails a run: what cannot be computed is a ledger
 * that says why.
 */
public final class RunEnergy {
    public static final String JSON_FILE = "energy.json";
    public static final String CSV_FILE = "energy.csv";
    static final String CSV_HEADER = "kind,count,joules,joules_per_raw_bit,waveform,resistance";
    private static final Logger LOG = LoggerFactory.getLogger(RunEnergy.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private RunEnergy() {
    }

    /** The ledger of {@code run} as its folder stands (a ledger saying why when it cannot be computed). */
    public static EnergyLedger of(RunFolder run) {
        RunManifest m = run.manifest();
        Acquisition a = m.acquisition();
        if (a == null || a.bits() <= 0) {
            return EnergyLedger.notComputed("the run kept no bits");
        }
        try {
            if (m.array() != null) {
                return ArrayEnergy.of(run, m, a);
            }
            if (m.board() != null) {
                return board(run, m, a);
            }
            return bench(run, m, a);
        } catch (IOException | RuntimeException e) {
            LOG.warn("energy ledger of {} not computed: {}", run.dir(), e.getMessage());
            return EnergyLedger.notComputed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Computes the ledger and writes {@value #JSON_FILE} and {@value #CSV_FILE} into the folder. */
    public static EnergyLedger write(RunFolder run) throws IOException {
        EnergyLedger ledger = of(run);
        RunFolder.writeJson(run.file(JSON_FILE), ledger);
        try (Writer w = Files.newBufferedWriter(run.file(CSV_FILE), StandardCharsets.UTF_8)) {
            w.write(CSV_HEADER + "\n");
            for (EnergyLedger.Operation o : ledger.operations()) {
                w.write(csv(o.kind()) + "," + o.count() + "," + number(o.joules()) + ","
                        + number(o.joules() == null ? null : o.joules() / ledger.rawBits()) + "," + csv(o.waveform())
                        + "," + csv(o.resistance()) + "\n");
            }
            if (ledger.computed()) {
                w.write(csv("device total") + "," + ledger.operations().stream().mapToLong(EnergyLedger.Operation::count).sum()
                        + "," + number(ledger.deviceJoules()) + "," + number(ledger.joulesPerRawBit()) + ","
                        + csv(ledger.covers()) + ",\n");
            }
        }
        return ledger;
    }

    /**
     * As {@link #write}, for the end of a run: a ledger that cannot be written is a warning, never the run's failure.
     * Runs without an acquisition (a calibration) get none.
     */
    public static void writeAfterRun(RunFolder run) {
        if (run.manifest().acquisition() == null) {
            return;
        }
        try {
            write(run);
        } catch (IOException | RuntimeException e) {
            LOG.warn("energy ledger of {} not written: {}", run.dir(), e.getMessage());
        }
    }

    /** The ledger in {@code runFolder}'s {@value #JSON_FILE}, or null when it has none. */
    public static EnergyLedger read(Path runFolder) throws IOException {
        Path file = runFolder.resolve(JSON_FILE);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return JSON.readValue(file.toFile(), EnergyLedger.class);
        } catch (IOException e) {
            throw new IOException(file + " is not an energy ledger (" + e.getMessage().lines().findFirst().orElse("")
                    + "); delete it and run spinnoise report " + runFolder + " to write it again", e);
        }
    }

    private static EnergyLedger bench(RunFolder run, RunManifest m, Acquisition a) throws IOException {
        if (m.plan() == null || m.plan().read() == null) {
            return EnergyLedger.notComputed("the manifest has no read settings (plan.read)");
        }
        if (m.calibration() == null || m.calibration().levels() == null) {
            return EnergyLedger.notComputed("the manifest has no calibrated resistance levels (calibration.levels), "
                    + "so no R_P stands in where no read came before");
        }
        Path reads = run.file(a.readsFile() == null ? "reads.csv" : a.readsFile());
        if (!Files.isRegularFile(reads)) {
            return EnergyLedger.notComputed("the run folder has no " + reads.getFileName() + " (the reads behind "
                    + "each pulse's R)");
        }
        boolean toggle = m.plan().switching() != null && m.plan().switching().toggling();
        PulseShape reset = m.calibration().operatingPoint() != null ? m.calibration().operatingPoint().reset()
                : m.plan().reset();
        double parallelOhms = m.calibration().levels().threshold().parallelOhms();
        BenchReadsWalk.Waveform waveform = new BenchReadsWalk.Waveform(toggle, reset, m.plan().read());
        long lost = lostBits(eventsFile(run, a)).values().stream().mapToLong(Long::longValue).sum();
        BenchReadsWalk.Walked walked = BenchReadsWalk.walk(reads, waveform,
                BenchReadsWalk.Junctions.one(parallelOhms, lost));
        if (walked.bits() != a.bits()) {
            return EnergyLedger.notComputed(reads.getFileName() + " holds " + walked.bits() + " reads but the manifest "
                    + "confirms " + a.bits() + " bits");
        }
        List<String> notes = benchNotes(m);
        if (lost > 0) {
            notes.add(String.format(Locale.ROOT, "%,d cycles kept no bit (ambiguous reads and bits discarded "
                    + "unconfirmed, from %s); their pulses and reads are counted at the calibrated R_P", lost,
                    eventsFile(run, a).getFileName()));
        }
        notes.add(CALIBRATION_NOT_COUNTED);
        double bias = m.plan().read().biasVolts();
        Double heldBound = bias * bias / parallelOhms * a.seconds();
        String scheme = toggle ? "toggle: write pulse, read (bit = state changed); no reset" : benchScheme(m);
        return assemble(m, a, scheme, walked, toggle ? "write pulses and reads (the toggle scheme has no reset)"
                        : "write and reset pulses and reads", heldBound, benchOutside(false), notes,
                m.plan().health() == null ? null : m.plan().health().claimedEntropyPerBit());
    }

    /** The note every bench ledger opens with: the formulas, then how long a read integrates. */
    static List<String> benchNotes(RunManifest m) {
        List<String> notes = new ArrayList<>();
        notes.add("pulse energy = V²·t/R and read energy = V_bias²·t_integration/R, with R the resistance the "
                + "junction had when the operation was applied (each row's rule in 'resistance'); during a write that "
                + "switches the junction R changes mid-pulse, which this does not follow");
        notes.add(ReadIntegration.note(m.plan().read().nplc()));
        return notes;
    }

    static final String CALIBRATION_NOT_COUNTED = "calibration and profile re-check pulses are not in this ledger "
            + "(their own counts are in the manifest's calibration and profile sections)";

    /**
     * What a bench ledger says of the instruments' own power; on an array every junction has its own SMU holding its
     * read bias, so the bound sums them.
     */
    static String benchOutside(boolean array) {
        return "the pulse generator's, the SMU's and the host's own power is not known to spinnoise and is not in the "
                + "device figure: every watt they draw adds (seconds per raw bit) joules per raw bit; "
                + "read_bias_held_upper_bound_joules is " + (array ? "every junction's" : "the junction's")
                + " dissipation had the read bias stayed on for the whole acquisition (drivers such as the 2400's "
                + "keep it on between readings, :SOUR:CLE:AUTO OFF, UM p. 18-72), V_bias²/R_P × acquisition seconds"
                + (array ? ", summed over the junctions with each one's R_P" : "");
    }

    /** The reset-write scheme of a bench plan, in words. */
    static String benchScheme(RunManifest m) {
        return "reset pulse, write pulse, read (" + (m.plan().scheme() == null ? "per-bit" : m.plan().scheme().mode())
                + " scheme)";
    }

    /** The run's events.csv. */
    static Path eventsFile(RunFolder run, Acquisition a) {
        return run.file(a.eventsFile() == null ? "events.csv" : a.eventsFile());
    }

    private static EnergyLedger board(RunFolder run, RunManifest m, Acquisition a) throws IOException {
        if (m.board().configuration() == null || m.board().configuration().applied() == null) {
            return EnergyLedger.notComputed("the manifest does not say which operating point the board applied");
        }
        BoardOperatingPoint p = m.board().configuration().applied();
        BoardCalibrationRecord cal = m.board().calibration();
        Double rp = cal == null ? null : cal.parallelOhms();
        Double rap = cal == null ? null : cal.antiparallelOhms();
        BoardBitsWalk.Cycle cycle = new BoardBitsWalk.Cycle(p.writeVolts(), p.writeWidthSeconds(), p.resetVolts(),
                p.resetWidthSeconds(), rp, rap);
        long lost = m.stream() == null ? 0
                : Math.max(0, m.stream().pulsesFired() - m.stream().bitsReceived()) + m.stream().missingBits();
        BenchReadsWalk.Walked walked = BoardBitsWalk.walk(boardBits(run, a), a.bits(), cycle,
                Long.bitCount(p.junctionMask()), lost);
        List<String> notes = boardNotes();
        if (lost > 0) {
            notes.add(String.format(Locale.ROOT, "%,d cycles delivered no bit (pulses fired beyond the bits, and "
                    + "bits missing from the stream); counted at R_P", lost));
        }
        if (Files.isRegularFile(run.file("tracking.csv"))) {
            notes.add("drift tracking moved the write amplitude during the run (tracking.csv); write pulses are "
                    + "counted at the operating point applied at the start");
        }
        notes.add("board calibration pulses are not in this ledger (their counts are in the manifest's board "
                + "calibration section)");
        String scheme = BOARD_CYCLE + "; " + Long.bitCount(p.junctionMask()) + " junction(s) in turn";
        return assemble(m, a, scheme, walked, BOARD_COVERS, null, BOARD_OUTSIDE, notes,
                m.boardPlan() == null ? null : m.boardPlan().claimedEntropyPerBit());
    }

    /** A board run's bits.bin (its acquisition's bits_file names it first, then says how it is packed). */
    static Path boardBits(RunFolder run, Acquisition a) {
        return run.file(a.bitsFile() == null ? "bits.bin" : a.bitsFile().split(" ")[0]);
    }

    /** The notes every board ledger opens with: the formula, and why the board's reads are not counted. */
    static List<String> boardNotes() {
        List<String> notes = new ArrayList<>();
        notes.add("pulse energy = V²·t/R with R the board calibration's state resistance (the board reports "
                + "bits, not ohms); during a write that switches the junction R changes mid-pulse, which this does "
                + "not follow");
        notes.add("the board's reads are not in the device figure: PROTOCOL.md (§4.3) gives the delay from the write "
                + "pulse to the read, but neither the read bias nor how long the read lasts");
        notes.add("cycles the board ran for bits it discarded at a STOP without credit to send them (PROTOCOL.md "
                + "§5.4) are in no STREAM frame's pulse count and not in this ledger: the board does not report them");
        return notes;
    }

    static final String BOARD_CYCLE = "board cycle: reset pulse, write pulse, read (comparator)";
    static final String BOARD_COVERS = "write and reset pulses only (the board's reads are not known)";
    static final String BOARD_OUTSIDE = "the board's own electronics (DACs, comparator, controller) and the host are "
            + "not in the device figure: their power is not known to spinnoise; every watt they draw adds (seconds "
            + "per raw bit) joules per raw bit";

    static EnergyLedger assemble(RunManifest m, Acquisition a, String scheme, BenchReadsWalk.Walked walked,
                                         String covers, Double heldBound, String outside, List<String> notes,
                                         Double claimedEntropyPerBit) {
        List<EnergyLedger.Operation> operations = walked.tally().operations();
        boolean anyKnown = operations.stream().anyMatch(o -> o.joules() != null);
        Double device = anyKnown ? operations.stream().filter(o -> o.joules() != null)
                .mapToDouble(EnergyLedger.Operation::joules).sum() : null;
        long bits = a.bits();
        Double perRaw = device == null ? null : device / bits;
        EnergyLedger.Conditioning conditioning = conditioning(m.poolIngest() == null ? null : m.poolIngest().report(),
                m.poolIngest() == null ? null : m.poolIngest().creditedEntropyPerBit(), claimedEntropyPerBit);
        Double perOutput = perRaw == null || conditioning == null ? null
                : perRaw * conditioning.rawBitsPerOutputBit();
        boolean pulsesKnown = operations.stream().filter(o -> o.kind().contains("pulse"))
                .allMatch(o -> o.joules() != null);
        Double pulsePerRaw = !pulsesKnown ? null : operations.stream().filter(o -> o.kind().contains("pulse"))
                .mapToDouble(EnergyLedger.Operation::joules).sum() / bits;
        Double pulsePerOutput = pulsePerRaw == null || conditioning == null ? null
                : pulsePerRaw * conditioning.rawBitsPerOutputBit();
        ProfileSection profile = m.profile();
        Double area = profile == null ? null : profile.areaSquareMeters();
        Double areaUm2 = area == null ? null : area * 1e12;
        if (area != null) {
            notes.add("junction area " + profile.areaSquareMeters() + " m² from device profile " + profile.device()
                    + " (" + profile.areaSource() + ")");
        }
        EnergyLedger.Overhead overhead = new EnergyLedger.Overhead(a.seconds() / bits,
                (double) walked.operations() / bits, heldBound, outside);
        return new EnergyLedger(EnergyLedger.FORMAT, null, scheme, bits, a.seconds(), operations, device,
                device == null ? "nothing: no operation's energy is known" : covers, perRaw, conditioning, perOutput,
                pulsePerRaw, pulsePerOutput, area, area == null ? null : profile.areaSource(),
                perRaw == null || areaUm2 == null ? null : perRaw / areaUm2,
                perOutput == null || areaUm2 == null ? null : perOutput / areaUm2,
                perOutput == null || areaUm2 == null ? null : perOutput * areaUm2, overhead, List.copyOf(notes));
    }

    /**
     * Raw bits per conditioned output bit: measured when the run was ingested (raw bits taken in over the pool bits
     * appended), else nominal from the SHA-256 conditioner (256 output bits per 320 bits of credited min-entropy) at
     * the plan's claimed entropy per raw bit.
     */
    static EnergyLedger.Conditioning conditioning(IngestReport ingest, Double credited, Double claimed) {
        if (ingest != null && ingest.bytesOut() > 0) {
            return new EnergyLedger.Conditioning((double) ingest.rawBitsIn() / (8.0 * ingest.bytesOut()),
                    String.format(Locale.ROOT, "measured: the run's ingest took %,d raw bits in (%,d quarantined) and "
                                    + "appended %,d pool bytes, SHA-256 conditioned at %.4f bits of min-entropy "
                                    + "credited per raw bit", ingest.rawBitsIn(), ingest.quarantinedBits(),
                            ingest.bytesOut(), credited == null ? ingest.entropyPerBit() : credited));
        }
        if (claimed == null || !(claimed > 0)) {
            return null;
        }
        double outputBits = 8.0 * Sha256Conditioner.OUTPUT_BYTES;
        return new EnergyLedger.Conditioning(Sha256Conditioner.CREDIT_PER_BLOCK_BITS / (outputBits * claimed),
                String.format(Locale.ROOT, "nominal (the run has not been ingested): the pool's SHA-256 conditioner "
                        + "closes %.0f output bits per %.0f bits of credited min-entropy (SP 800-90B §3.1.5.1.1), at "
                        + "the plan's claimed %.4f bits per raw bit", outputBits,
                        Sha256Conditioner.CREDIT_PER_BLOCK_BITS, claimed));
    }

    /**
     * Cycles that kept no bit, from events.csv (none without the file): the bits of its "ambiguous" and "discarded"
     * events, and on an array run of "junction-dropped" (a dropped junction's bits held back) and "unused" (bits held
     * back when the run had its bits) events, by the junction an event's detail opens with ("junction N"), under
     * {@value #NO_JUNCTION} when it names none (a single-junction run's).
     */
    static Map<Integer, Long> lostBits(Path eventsCsv) throws IOException {
        Map<Integer, Long> lost = new TreeMap<>();
        if (!Files.isRegularFile(eventsCsv)) {
            return lost;
        }
        try (BufferedReader in = Files.newBufferedReader(eventsCsv, StandardCharsets.US_ASCII)) {
            in.readLine();
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(",", 4);
                if (f.length >= 3 && LOST_KINDS.contains(f[1])) {
                    try {
                        Matcher junction = JUNCTION_DETAIL.matcher(f.length == 4 ? f[3] : "");
                        lost.merge(junction.lookingAt() ? Integer.parseInt(junction.group(1)) : NO_JUNCTION,
                                Long.parseLong(f[2]), Long::sum);
                    } catch (NumberFormatException e) {
                        throw new IOException(eventsCsv + ": event line '" + line + "' has no bit count");
                    }
                }
            }
        }
        return lost;
    }

    /** The key of {@link #lostBits} for events that name no junction. */
    static final int NO_JUNCTION = -1;
    private static final Set<String> LOST_KINDS = Set.of("ambiguous", "discarded", "junction-dropped", "unused");
    private static final Pattern JUNCTION_DETAIL = Pattern.compile("\"?junction (\\d+)[: ]");

    /** A number as FORMATS.md's CSV convention has it: Double.toString, empty when not known. */
    private static String number(Double x) {
        return x == null ? "" : Double.toString(x);
    }

    /**
     * A free-text cell as FORMATS.md's CSV convention has it: US-ASCII in double quotes, no {@code "} or line break.
     * The ledger's texts carry units and formulas (Ω, V²·t/R, µs), spelled out here so readers that expect ASCII,
     * such as clients/python, take the file.
     */
    private static String csv(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder ascii = new StringBuilder(text.length() + 8).append('"');
        for (char c : text.replace('"', '\'').replace('\n', ' ').toCharArray()) {
            ascii.append(switch (c) {
                case 'Ω' -> "ohm";
                case '²' -> "^2";
                case 'µ', 'μ' -> "u";
                case '·' -> "*";
                case '×' -> "x";
                case '–', '−' -> "-";
                case '§' -> "sec. ";
                case '°' -> " deg";
                default -> c < 0x80 ? String.valueOf(c) : "?";
            });
        }
        return ascii.append('"').toString();
    }
}
