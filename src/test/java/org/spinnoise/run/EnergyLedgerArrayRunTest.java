package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.profile.ProfileArea;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.report.RunReport;
import org.spinnoise.run.energy.EnergyLedger;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.ProfileSection;

/**
 * The energy ledger of an array run on the simulated two-site bench, checked against a computation done here by hand
 * from the folder's records: the manifest's read bias and reset pulse, each junction's calibrated R_P from its
 * junction-ID-threshold.csv, junction-blocks.csv for which junction made each row of reads.csv, and events.csv for the
 * cycles that kept no bit. Each junction keeps its own state: its reset meets its own previous read, its write its own
 * latest P read, its first pulse its own R_P. The report shows the ledger; what the folder lacks is named, not guessed.
 */
public class EnergyLedgerArrayRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long BITS = 2_000;
    private static final Pattern JUNCTION = Pattern.compile("\"junction (\\d+)[: ]");

    @TempDir
    static Path runs;
    private static Path folder;

    @BeforeAll
    static void acquire() throws Exception {
        AcquisitionPlan plan = SmallPlans.demoWith(BITS).withScheme(new AcquisitionPlan.SchemePlan("batched", 1,
                1000));
        RunFolder run = RunFolder.create(runs, "energy-array");
        ArrayRunTest.runOnEverySite(ArrayRunTest.demoArraySites(2), 23, plan, run);
        folder = run.dir();
        RunManifest m = RunFolder.open(folder).manifest();
        assertEquals("complete", m.run().status(), String.valueOf(m.run().error()));
        assertEquals(List.of("kept", "kept"), m.array().junctions().stream().map(j -> j.status()).toList());
    }

    /** The hand computation: joules by kind, and the operations it counted. */
    private record Hand(Map<String, Double> joules, Map<String, Long> counts) {
        double total() {
            return joules.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Computes the ledger's figures from {@code dir}'s records alone, each junction with its own state. */
    private static Hand byHand(Path dir) throws IOException {
        RunManifest m = RunFolder.open(dir).manifest();
        double bias = m.plan().read().biasVolts();
        double readSeconds = m.plan().read().nplc() / 50.0; // 50 Hz mains assumed, as the ledger says
        PulseShape reset = m.plan().reset();
        Map<Integer, Double> rp = new HashMap<>();
        for (var j : m.array().junctions()) {
            List<String> t = Files.readAllLines(dir.resolve("junction-" + j.junction() + "-threshold.csv"));
            rp.put(j.junction(), Double.parseDouble(t.get(1).split(",")[List.of(t.get(0).split(","))
                    .indexOf("parallel_ohms")]));
        }
        List<Integer> owner = owners(dir);
        Map<Integer, Double> before = new HashMap<>(rp);         // each junction's first reset: its own R_P
        Map<Integer, Double> parallelBefore = new HashMap<>(rp); // each junction's write before its first P read
        Map<Integer, double[]> lastWrite = new HashMap<>();
        Map<String, Double> joules = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> rows = Files.readAllLines(dir.resolve("reads.csv"));
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            int j = owner.get(i - 1);
            double writeVolts = Double.parseDouble(f[2]);
            double writeSeconds = Double.parseDouble(f[3]);
            double ohms = Double.parseDouble(f[4]);
            add(joules, counts, "reset pulse", 1, reset.amplitudeVolts() * reset.amplitudeVolts()
                    * reset.widthSeconds() / before.get(j));
            add(joules, counts, "write pulse", 1, writeVolts * writeVolts * writeSeconds / parallelBefore.get(j));
            add(joules, counts, "read", 1, bias * bias * readSeconds / ohms);
            before.put(j, ohms);
            if (f[5].equals("0")) {
                parallelBefore.put(j, ohms);
            }
            lastWrite.put(j, new double[] {writeVolts, writeSeconds});
        }
        assertEquals(rows.size() - 1, owner.size(), "junction-blocks.csv covers every read");
        List<String> events = Files.readAllLines(dir.resolve("events.csv"));
        for (String e : events.subList(1, events.size())) {
            String[] f = e.split(",", 4);
            if (List.of("ambiguous", "discarded", "junction-dropped", "unused").contains(f[1])) {
                Matcher which = JUNCTION.matcher(f[3]);
                assertTrue(which.lookingAt(), e);
                int j = Integer.parseInt(which.group(1));
                long n = Long.parseLong(f[2]);
                double r = rp.get(j);
                double[] w = lastWrite.get(j);
                add(joules, counts, "reset pulse, no bit kept", n, n * reset.amplitudeVolts()
                        * reset.amplitudeVolts() * reset.widthSeconds() / r);
                add(joules, counts, "write pulse, no bit kept", n, n * w[0] * w[0] * w[1] / r);
                add(joules, counts, "read, no bit kept", n, n * bias * bias * readSeconds / r);
            }
        }
        return new Hand(joules, counts);
    }

    /** Which junction made each bit of an array run in {@code dir}, read by hand from its junction-blocks.csv. */
    public static List<Integer> owners(Path dir) throws IOException {
        List<Integer> owner = new ArrayList<>();
        List<String> blocks = Files.readAllLines(dir.resolve("junction-blocks.csv"));
        for (String row : blocks.subList(1, blocks.size())) {
            String[] f = row.split(",");
            for (int i = 0; i < Integer.parseInt(f[1]); i++) {
                owner.add(Integer.parseInt(f[2]));
            }
        }
        return owner;
    }

    private static void add(Map<String, Double> joules, Map<String, Long> counts, String kind, long n, double j) {
        joules.merge(kind, j, Double::sum);
        counts.merge(kind, n, Long::sum);
    }

    @Test
    void theLedgerMatchesAHandComputationFromEachJunctionsRecordedReads() throws Exception {
        Hand hand = byHand(folder);
        RunManifest m = RunFolder.open(folder).manifest();
        assertTrue(hand.counts().getOrDefault("read, no bit kept", 0L) > 0,
                "bits held back for the health tests when the run had its bits: cycles without a kept bit");
        assertNotEquals(Files.readAllLines(folder.resolve("junction-0-threshold.csv")).get(1),
                Files.readAllLines(folder.resolve("junction-1-threshold.csv")).get(1), "each junction its own R_P");

        JsonNode ledger = JSON.readTree(folder.resolve(RunEnergy.JSON_FILE).toFile());
        assertFalse(ledger.has("not_computed"), ledger.toString());
        Map<String, JsonNode> byKind = new LinkedHashMap<>();
        ledger.get("operations").forEach(o -> byKind.put(o.get("kind").asText(), o));
        assertEquals(hand.counts().keySet(), byKind.keySet());
        for (String kind : hand.counts().keySet()) {
            assertEquals(hand.counts().get(kind), byKind.get(kind).get("count").asLong(), kind);
            double expected = hand.joules().get(kind);
            assertEquals(expected, byKind.get(kind).get("joules").asDouble(), 1e-9 * expected, kind);
        }
        assertEquals(BITS, byKind.get("read").get("count").asLong());
        double total = hand.total();
        assertEquals(total, ledger.get("device_joules").asDouble(), 1e-9 * total);
        assertEquals(total / BITS, ledger.get("joules_per_raw_bit").asDouble(), 1e-9 * total / BITS);
        double ratio = 320.0 / (256 * m.plan().health().claimedEntropyPerBit());
        assertEquals(total / BITS * ratio, ledger.get("joules_per_output_bit").asDouble(), 1e-9 * total / BITS * ratio);
        long operations = hand.counts().values().stream().mapToLong(Long::longValue).sum();
        assertEquals((double) operations / BITS, ledger.get("overhead").get("operations_per_raw_bit").asDouble(),
                1e-12);
        assertTrue(ledger.get("scheme").asText().startsWith("junction array of 2"), ledger.get("scheme").asText());
        for (String kind : hand.counts().keySet()) {
            System.out.printf("array ledger %s: count %d, by hand %.9e J, ledger %.9e J%n", kind,
                    hand.counts().get(kind), hand.joules().get(kind), byKind.get(kind).get("joules").asDouble());
        }
        System.out.printf("array ledger total: by hand %.9e J, ledger %.9e J; %.6e J per raw bit%n", total,
                ledger.get("device_joules").asDouble(), ledger.get("joules_per_raw_bit").asDouble());
    }

    @Test
    void theArrayReportShowsTheLedger() throws Exception {
        String html = Files.readString(RunReport.write(folder).report());
        EnergyLedgerRunTest.assertReportShowsTheLedger(html, BITS);
        assertTrue(html.contains("junction array of 2"), "the array's scheme");
        assertTrue(html.contains("per junction: junction 0: "), "each junction's share among the notes");
    }

    @Test
    void aDroppedJunctionsHeldBitsCountAtItsOwnRpAndThePerAreaFigureIsOneJunctions(@TempDir Path dir)
            throws Exception {
        Path copy = EnergyLedgerRunTest.copy(folder, dir.resolve("dropped"));
        Files.writeString(copy.resolve("events.csv"), "77,junction-dropped,300,\"junction 1 dropped, 300 of its bits "
                + "not handed out: a planted loss\"\n", StandardOpenOption.APPEND);
        RunFolder run = RunFolder.open(copy);
        run.update(m -> m.withProfile(ProfileSection.loaded("dev", "profiles/dev.json", "2026-12-07T05:00:00Z",
                "test", true, "re-checked", 10).withArea(new ProfileArea(5.03e-15, "design value"))));
        run.saveManifest();
        Hand hand = byHand(copy);
        EnergyLedger ledger = RunEnergy.of(run);
        assertEquals(hand.total(), ledger.deviceJoules(), 1e-9 * hand.total());
        assertEquals(hand.total() / BITS / 5.03e-3, ledger.joulesPerRawBitPerSquareMicrometer(),
                1e-9 * ledger.joulesPerRawBitPerSquareMicrometer());
        assertTrue(ledger.notes().stream().anyMatch(n -> n.contains("one junction's area")), ledger.notes().toString());
        assertTrue(ledger.notes().stream().anyMatch(n -> n.startsWith("per junction: junction 0: ")),
                ledger.notes().toString());
    }

    @Test
    void whatTheFolderLacksIsNamedNeverGuessed(@TempDir Path dir) throws Exception {
        Path noThreshold = EnergyLedgerRunTest.copy(folder, dir.resolve("no-threshold"));
        Files.delete(noThreshold.resolve("junction-1-threshold.csv"));
        EnergyLedger a = RunEnergy.of(RunFolder.open(noThreshold));
        assertFalse(a.computed());
        assertTrue(a.notComputed().contains("junction-1-threshold.csv") && a.notComputed().contains("R_P"),
                a.notComputed());
        assertNull(a.deviceJoules());

        Path anonymous = EnergyLedgerRunTest.copy(folder, dir.resolve("anonymous"));
        Files.writeString(anonymous.resolve("events.csv"), "5,discarded,4,\"a failed check\"\n",
                StandardOpenOption.APPEND);
        EnergyLedger b = RunEnergy.of(RunFolder.open(anonymous));
        assertFalse(b.computed());
        assertTrue(b.notComputed().contains("naming no junction"), b.notComputed());

        Path noBlocks = EnergyLedgerRunTest.copy(folder, dir.resolve("no-blocks"));
        Files.delete(noBlocks.resolve("junction-blocks.csv"));
        EnergyLedger c = RunEnergy.of(RunFolder.open(noBlocks));
        assertNotNull(c.notComputed());
        assertTrue(c.notComputed().contains("junction-blocks.csv"), c.notComputed());
    }
}
