package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.profile.ProfileArea;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.report.RunReport;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.ProfileSection;
import org.spinnoise.testing.DemoBench;

/**
 * The energy ledger of a per-bit run on the simulated bench, checked against a computation done here by hand from the
 * folder's recorded waveform (manifest) and reads (reads.csv); its per-area figures only with an area; the report
 * showing it beside the published generators.
 */
public class EnergyLedgerRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path runs;
    private static Path folder;

    @BeforeAll
    static void acquire() throws Exception {
        RunFolder run = RunFolder.create(runs, "energy");
        try (DemoBench demo = DemoBench.start(17); Bench bench = demo.connect()) {
            new CalibratedAcquisition(bench, SmallPlans.demoWith(400), run, demo.wire, new RunListener() { }).run();
        }
        folder = run.dir();
    }

    @Test
    void theLedgerMatchesAHandComputationFromTheRecordedWaveformAndReads() throws Exception {
        RunManifest m = RunFolder.open(folder).manifest();
        double biasVolts = m.plan().read().biasVolts();
        double readSeconds = m.plan().read().nplc() / 50.0; // 50 Hz mains assumed, as the ledger says
        PulseShape reset = m.calibration().operatingPoint().reset();
        double calibratedParallel = m.calibration().levels().threshold().parallelOhms();
        List<String> rows = Files.readAllLines(folder.resolve("reads.csv"));
        double resetJ = 0;
        double writeJ = 0;
        double readJ = 0;
        double before = calibratedParallel;       // the run's first reset: no read before it
        double parallelBefore = calibratedParallel; // the write meets P; before any P read, the calibrated R_P
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            double writeVolts = Double.parseDouble(f[2]);
            double writeSeconds = Double.parseDouble(f[3]);
            double ohms = Double.parseDouble(f[4]);
            resetJ += reset.amplitudeVolts() * reset.amplitudeVolts() * reset.widthSeconds() / before;
            writeJ += writeVolts * writeVolts * writeSeconds / parallelBefore;
            readJ += biasVolts * biasVolts * readSeconds / ohms;
            before = ohms;
            if (f[5].equals("0")) {
                parallelBefore = ohms;
            }
        }
        assertEquals(400, rows.size() - 1);
        assertEquals(0, Files.readAllLines(folder.resolve("events.csv")).size() - 1, "no cycle without a kept bit");

        JsonNode ledger = JSON.readTree(folder.resolve(RunEnergy.JSON_FILE).toFile());
        Map<String, JsonNode> byKind = new HashMap<>();
        ledger.get("operations").forEach(o -> byKind.put(o.get("kind").asText(), o));
        assertEquals(Map.of("reset pulse", 400L, "write pulse", 400L, "read", 400L), Map.of(
                "reset pulse", byKind.get("reset pulse").get("count").asLong(),
                "write pulse", byKind.get("write pulse").get("count").asLong(),
                "read", byKind.get("read").get("count").asLong()));
        assertEquals(3, byKind.size());
        assertEquals(resetJ, byKind.get("reset pulse").get("joules").asDouble(), 1e-9 * resetJ);
        assertEquals(writeJ, byKind.get("write pulse").get("joules").asDouble(), 1e-9 * writeJ);
        assertEquals(readJ, byKind.get("read").get("joules").asDouble(), 1e-9 * readJ);
        double total = resetJ + writeJ + readJ;
        assertEquals(total, ledger.get("device_joules").asDouble(), 1e-9 * total);
        assertEquals(total / 400, ledger.get("joules_per_raw_bit").asDouble(), 1e-9 * total / 400);
        // not ingested: the SHA-256 conditioner's 320 credited bits per 256 output bits at the claimed entropy
        double ratio = 320.0 / (256 * m.plan().health().claimedEntropyPerBit());
        assertEquals(ratio, ledger.get("conditioning").get("raw_bits_per_output_bit").asDouble(), 1e-12);
        assertEquals(total / 400 * ratio, ledger.get("joules_per_output_bit").asDouble(), 1e-9 * total / 400 * ratio);
        assertEquals(m.acquisition().seconds() / 400, ledger.get("overhead").get("seconds_per_raw_bit").asDouble(),
                1e-12);
        assertEquals(3.0, ledger.get("overhead").get("operations_per_raw_bit").asDouble(), 1e-12);
        assertFalse(ledger.has("area_square_meters"), "the run has no device profile, so no area");
        byte[] csv = Files.readAllBytes(folder.resolve(RunEnergy.CSV_FILE));
        assertTrue(new String(csv, java.nio.charset.StandardCharsets.US_ASCII).startsWith(
                "kind,count,joules,joules_per_raw_bit,waveform,resistance\n\"reset pulse\",400,"));
        for (int i = 0; i < csv.length; i++) {
            assertTrue(csv[i] >= 0, "energy.csv is US-ASCII like every run-folder table (FORMATS.md); byte " + i);
        }
        assertTrue(RunFolder.open(folder).manifest().files().containsKey(RunEnergy.JSON_FILE),
                "the ledger is listed with its hash among the run's files");
    }

    @Test
    void perAreaFiguresAppearOnlyWhenTheDeviceProfileGivesAnArea(@TempDir Path dir) throws Exception {
        Path copy = copy(folder, dir.resolve("with-area"));
        RunFolder run = RunFolder.open(copy);
        assertNull(RunEnergy.of(run).areaSquareMeters());
        assertNull(RunEnergy.of(run).joulesPerOutputBitPerSquareMicrometer());

        ProfileArea area = new ProfileArea(5.03e-15, "design value: 80 nm circular pillar");
        run.update(m -> m.withProfile(ProfileSection.loaded("dev", "profiles/dev.json", "2026-12-07T05:00:00Z", "test",
                true, "re-checked", 10).withArea(area)));
        run.saveManifest();
        var ledger = RunEnergy.write(run);
        assertEquals(5.03e-15, ledger.areaSquareMeters());
        assertEquals(ledger.joulesPerOutputBit() / 5.03e-3, ledger.joulesPerOutputBitPerSquareMicrometer(),
                1e-12 * ledger.joulesPerOutputBitPerSquareMicrometer());
        assertEquals(ledger.joulesPerRawBit() / 5.03e-3, ledger.joulesPerRawBitPerSquareMicrometer(),
                1e-12 * ledger.joulesPerRawBitPerSquareMicrometer());
        assertEquals(ledger.joulesPerOutputBit() * 5.03e-3, ledger.joulesAreaProductPerOutputBit(),
                1e-12 * ledger.joulesAreaProductPerOutputBit());
        assertTrue(ledger.notes().stream().anyMatch(n -> n.contains("80 nm circular pillar")), ledger.notes().toString());

        String withArea = Files.readString(RunReport.write(copy).report());
        String without = Files.readString(RunReport.write(folder).report());
        assertTrue(withArea.contains("per output bit per area") && withArea.contains("J/bit/µm²"));
        assertFalse(without.contains("per output bit per area"), "no per-area figure without an area");
        assertTrue(without.contains("not in the run&#39;s device profile: no per-area figures")
                || without.contains("not in the run's device profile: no per-area figures"));
    }

    @Test
    void theReportShowsTheLedgerBesidePublishedGeneratorsWithTheirSources() throws Exception {
        String html = Files.readString(RunReport.write(folder).report());
        var ledger = RunEnergy.read(folder);
        assertNotNull(ledger);
        assertReportShowsTheLedger(html, 400);
        assertTrue(html.contains("Mathew") && html.contains("2.9 pJ") && html.contains("4,004 µm²"),
                "Intel's 45 nm generator with its figures");
    }

    /** A report's energy section: computed, its figures, its operations table, a cited generator, the overhead. */
    public static void assertReportShowsTheLedger(String html, long bits) {
        assertTrue(html.contains("Energy ledger"), "section");
        assertFalse(html.contains("Energy ledger not computed"), "computed");
        assertTrue(html.contains("device energy per raw bit"));
        assertTrue(html.contains("<td>reset pulse</td><td class=\"n\">" + String.format(java.util.Locale.ROOT, "%,d",
                bits) + "</td>"), "the operations table");
        assertTrue(html.contains("10.1109/JSSC.2021.3137312"), "a cited source");
        assertTrue(html.contains("instrument overhead"), "the overhead apart from the device figure");
    }

    @Test
    void inTheToggleSchemeEachWriteMeetsTheReadBeforeItAndCyclesWithoutABitCountAtRp(@TempDir Path dir)
            throws Exception {
        RunFolder run = RunFolder.open(copy(folder, dir.resolve("toggle")));
        AcquisitionPlan toggle = AcquisitionPlan.read(Path.of("calibration/recipes/demo-toggle.json"));
        run.update(m -> m.withPlan(toggle));
        run.saveManifest();
        Files.writeString(run.file("events.csv"), "12,ambiguous,5,\"5 toggle bits undecidable\"\n"
                + "99,discarded,2,\"a failed check\"\n", java.nio.file.StandardOpenOption.APPEND);
        RunManifest m = run.manifest();
        double bias = toggle.read().biasVolts();
        double readSeconds = toggle.read().nplc() / 50.0;
        double rp = m.calibration().levels().threshold().parallelOhms();
        double expected = bias * bias * readSeconds / rp; // the reference read, not in reads.csv
        double before = rp;
        double lastVolts = 0;
        double lastSeconds = 0;
        List<String> rows = Files.readAllLines(run.file("reads.csv"));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            lastVolts = Double.parseDouble(f[2]);
            lastSeconds = Double.parseDouble(f[3]);
            double ohms = Double.parseDouble(f[4]);
            expected += lastVolts * lastVolts * lastSeconds / before + bias * bias * readSeconds / ohms;
            before = ohms;
        }
        expected += 7 * (lastVolts * lastVolts * lastSeconds / rp + bias * bias * readSeconds / rp);

        var ledger = RunEnergy.of(run);
        assertEquals(expected, ledger.deviceJoules(), 1e-9 * expected);
        assertTrue(ledger.operations().stream().noneMatch(o -> o.kind().startsWith("reset")), "no reset pulse");
        assertEquals((2.0 * 400 + 1 + 2 * 7) / 400, ledger.overhead().operationsPerRawBit(), 1e-12);
        assertTrue(ledger.scheme().startsWith("toggle"), ledger.scheme());
    }

    @Test
    void theDemoSummaryCarriesTheLedgerAndThePublishedFigures(@TempDir Path dir) throws Exception {
        RunFolder run = RunFolder.open(copy(folder, dir.resolve("demo")));
        RunManifest m = run.manifest().withDemo(new org.spinnoise.run.manifest.DemoSample("/p", 224,
                List.of(), 224, "demo", "m", "ddim", "trng", 16, 313_600, 1_254_400, 1_310_720, 30_912,
                "pool-samples.png", "pool-samples.json", null));
        String md = Files.readString(org.spinnoise.report.DemoReport.write(run.dir(), m));
        assertTrue(md.contains("| energy: device energy per raw bit | "), md);
        assertTrue(md.contains("| energy: junction area | not in the run's device profile"), md);
        assertTrue(md.contains("Mathew") && md.contains("doi:10.1109/LSSC.2025.3608187"), md);
    }

    public static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.toList()) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
        return to;
    }
}
