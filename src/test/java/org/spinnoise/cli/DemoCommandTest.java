package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.report.RunReport;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.SimulatedBench;

/** {@code spinnoise demo} end to end, as a user runs it, with a small bit count. */
class DemoCommandTest {
    @TempDir
    Path tmp;

    @Test
    void demoWritesACompleteRunFolderAndASummary() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path runs = tmp.resolve("runs");
        Path pool = tmp.resolve("pool");
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), "demo", "--bits", "4000", "--runs",
                runs.toString(), "--pool", pool.toString(), "--images", "2", "--steps", "3", "--seed", "7");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("round trips per bit"), out.toString());
        assertTrue(out.toString().contains("health tests   passed"), out.toString());

        Path folder;
        try (Stream<Path> list = Files.list(runs)) {
            folder = list.filter(p -> p.getFileName().toString().endsWith("-demo")).findFirst().orElseThrow();
        }
        for (String name : List.of("manifest.json", "levels.csv", "sweep.csv", "sweep-reads.csv", "reads.csv",
                "bits.bin", "wire-transcript.log.gz")) {
            assertTrue(Files.size(folder.resolve(name)) > 0, name);
        }
        RunManifest manifest = RunFolder.open(folder).manifest();
        assertEquals("complete", manifest.status());
        assertEquals(4000, manifest.bits());
        assertTrue(manifest.instruments().pulse().raw().contains("33622A"));
        assertTrue(manifest.instruments().smu().raw().contains("2450"));
        assertTrue(manifest.tool().version().contains("git"));
        double v50 = manifest.calibration().sweepFit().v50Volts();
        double se = manifest.calibration().sweepFit().v50StdErrVolts();
        assertEquals(manifest.bench().trueV50Volts(), v50, 4 * se);
        // The demo bench cables the SMU's digital line 1 to the generator's trigger input, so the recipe's "auto"
        // scheme runs hardware-paced batches: a few round trips per batch, not two per bit.
        assertTrue(manifest.acquisition().source().startsWith("bench batched"), manifest.acquisition().source());
        double roundTrips = manifest.acquisition().roundTripsPerBit();
        assertTrue(roundTrips > 0 && roundTrips <= 0.01, "round trips per bit " + roundTrips);

        // What the simulated junction felt: both pulse channels rested at 0 V between pulses (an inverted reset
        // channel with LOW 0 and HIGH 1 V would have held it at +1 V), the read bias was the recipe's, and nothing
        // exceeded the recipe's 1.5 V limit or broke the junction down.
        SimulatedBench bench = manifest.simulatedBench();
        assertEquals(0, bench.problems().size(), bench.toString());
        Map<String, SimulatedBench.Level> levels = bench.junctions().get(0).levels();
        assertEquals(0.0, levels.get("pulse ch1").largestVolts(), 0.0, levels.toString());
        assertEquals(0.0, levels.get("pulse ch2").largestVolts(), 0.0, levels.toString());
        assertEquals(0.1, levels.get("smu ch1").largestVolts(), 0.005, levels.toString());
        double maxVolts = bench.junctions().get(0).stress().maxAbsVolts();
        assertTrue(maxVolts > 0.9 && maxVolts <= 1.5, "largest junction voltage " + maxVolts);
        assertTrue(!bench.junctions().get(0).stress().brokenDown(), bench.toString());
        assertTrue(bench.modelledBitsPerSecond() > 0, bench.toString());
        assertTrue(out.toString().contains("a real bench"), out.toString());
        assertEquals(4000 / 8, Files.size(folder.resolve("bits.bin")));
        assertEquals(4001, Files.readAllLines(folder.resolve("reads.csv")).size());
        long ones = manifest.acquisition().ones();
        assertEquals(ones, countOnes(Files.readAllBytes(folder.resolve("bits.bin"))));
        assertTrue(manifest.files().get("reads.csv").sha256().matches("[0-9a-f]{64}"));

        // the bits went through assessment and ingest into the pool, and the pool's own status agrees
        double credited = manifest.poolIngest().creditedEntropyPerBit();
        assertTrue(credited > 0.5 && credited <= 1.0, "credited " + credited);
        assertTrue(Files.size(folder.resolve("assessment.json")) > 0);
        long bytesOut = manifest.poolIngest().report().bytesOut();
        assertTrue(bytesOut > 0);
        StringWriter status = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(status), new PrintWriter(new StringWriter()), "pool", "status",
                "--pool", pool.toString(), "--json"));
        JsonNode pooled = new ObjectMapper().readTree(status.toString());
        // the bench's 4,000 bits fall short of the grid, so a board-emulator run topped the pool up
        Path boardRun;
        try (Stream<Path> list = Files.list(runs)) {
            boardRun = list.filter(p -> p.getFileName().toString().endsWith("-demo-board")).findFirst().orElseThrow();
        }
        RunManifest boardManifest = RunFolder.open(boardRun).manifest();
        long boardBytesOut = boardManifest.poolIngest().report().bytesOut();
        assertTrue(boardBytesOut > 0, boardManifest.toString());
        assertEquals(4000 + boardManifest.bits(), pooled.get("rawBitsIn").asLong());
        assertEquals((bytesOut + boardBytesOut) * 8.0, pooled.get("creditedEntropyBits").asDouble(), 1e-6);

        // the grid: 2 images × 784 values × 3 DDIM steps with η = 1, every normal from the pool at 32 bits each
        assertTrue(Files.size(folder.resolve(DemoGrid.GRID)) > 0);
        String report = Files.readString(folder.resolve(DemoGrid.REPORT));
        assertTrue(report.contains("| simulated junction |") && report.contains("pulse ch2 0.0000 V")
                && report.contains("| rate a real bench would show |"), report);
        JsonNode record = new ObjectMapper().readTree(folder.resolve(DemoGrid.RECORD).toFile());
        assertEquals("trng", record.get("mode").asText());
        long normals = record.get("normals").asLong();
        assertEquals(2 * 784 * 3, normals);
        assertEquals(32 * normals, record.get("pool_bits").asLong());
        // the pool hands bytes out in reserved chunks, so it counts at least what the normals used
        long served = pooled.at("/bytesOutByConsumer/demo").asLong();
        assertTrue(served >= 4 * normals, pooled.toString());
        assertEquals(bytesOut + boardBytesOut - served, pooled.get("bytesAvailable").asLong());
        assertTrue(out.toString().contains("sample grid    " + folder.resolve(DemoGrid.GRID)), out.toString());

        // one set of figures: the manifest's demo section, demo-report.md, report.html and pool status agree
        manifest = RunFolder.open(folder).manifest();
        DemoSample demo = manifest.demo();
        assertEquals(normals, demo.normals());
        assertEquals(4 * normals, demo.poolBytesUsed());
        assertEquals(served, demo.poolBytesTaken(), "what pool status counts for the demo is what it took");
        assertEquals(served - 4 * normals, demo.poolBytesTakenUnused());
        assertEquals(bytesOut, demo.poolBytesBeforeTopUp());
        assertEquals(bytesOut + boardBytesOut, demo.poolBytesBeforeSampling(), "the pool before sampling holds the top-up");
        assertEquals(pooled.get("bytesAvailable").asLong(), demo.poolBytesAfterSampling());
        assertEquals(List.of(boardRun.toString()), demo.boardRuns());
        assertTrue(report.contains(String.format(Locale.ROOT, "| pool before sampling | %,d bytes |",
                demo.poolBytesBeforeSampling())), report);
        assertTrue(report.contains(String.format(Locale.ROOT, "| pool bytes used | %,d (", demo.poolBytesUsed())), report);
        // the sampling's check of its normals is in the record, the manifest and the report, word for word
        assertEquals(record.get("noise_check_summary").asText(), demo.noiseCheck());
        assertTrue(demo.noiseCheck().startsWith(String.format(Locale.ROOT, "%,d normals: ", normals)), demo.noiseCheck());
        assertTrue(report.contains("| noise check of the normals drawn | " + demo.noiseCheck() + " |"), report);
        assertTrue(report.contains(String.format(Locale.ROOT, "| pool bytes taken by `demo` | %,d (", served)), report);
        StringWriter statusText = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(statusText), new PrintWriter(new StringWriter()), "pool", "status",
                "--pool", pool.toString()));
        assertTrue(statusText.toString().contains(String.format(Locale.ROOT, "taken by %-13s %,d bytes", "demo", served)),
                statusText.toString());

        String html = Files.readString(folder.resolve(RunReport.FILE));
        for (String png : List.of("switching-curve.png", "resistance-histogram.png", "tracking.png", "health-tests.png",
                "pool-level.png", DemoGrid.GRID)) {
            assertTrue(Files.size(folder.resolve(png)) > 0, png);
            assertTrue(html.contains("<figure id=\"" + png + "\"><img alt=\"" + png + "\" src=\"data:image/png;base64,"),
                    png + " embedded in report.html");
        }
        assertTrue(!html.contains("src=\"http") && !html.contains("href=") && !html.contains("<script"), "self-contained");
        for (String figure : List.of(manifest.instruments().pulse().raw(), manifest.instruments().smu().raw(),
                String.format(Locale.ROOT, "%,.1f Ω", manifest.calibration().thresholdOhms()),
                String.format(Locale.ROOT, "%.4f V ± %.4f V (standard error)", v50, se),
                String.format(Locale.ROOT, "%,d of %,d requested", manifest.bits(), 4000),
                String.format(Locale.ROOT, "%+.5f", manifest.acquisition().bias()),
                String.format(Locale.ROOT, "%.4f bits per raw bit over", manifest.entropyAssessment().minEntropyPerBit()),
                "status: complete", manifest.tool().version())) {
            assertTrue(html.contains(escapeHtml(figure)), "report.html lacks " + figure);
        }
        for (String row : List.of(
                String.format(Locale.ROOT, "pool bytes produced</th><td>%,d bytes (", bytesOut),
                String.format(Locale.ROOT, "pool before sampling</th><td>%,d bytes<", demo.poolBytesBeforeSampling()),
                String.format(Locale.ROOT, "pool bytes used</th><td>%,d bytes", demo.poolBytesUsed()),
                String.format(Locale.ROOT, "pool bytes taken by demo</th><td>%,d bytes", served),
                String.format(Locale.ROOT, "taken but unused</th><td>%,d bytes", served - 4 * normals),
                String.format(Locale.ROOT, "pool after sampling</th><td>%,d bytes<", pooled.get("bytesAvailable").asLong()))) {
            assertTrue(html.contains(row), "report.html lacks " + row);
        }

        // every file of the run folder is in the manifest's list, the report and the demo's files included
        try (Stream<Path> list = Files.list(folder)) {
            List<String> names = list.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("manifest"))
                    .sorted().toList();
            assertEquals(names, manifest.files().keySet().stream().sorted().toList());
            assertTrue(names.containsAll(List.of(DemoGrid.REPORT, DemoGrid.GRID, DemoGrid.RECORD, RunReport.FILE)),
                    names.toString());
        }
        // quarantine files appear only when something was quarantined
        for (Path run : List.of(folder, boardRun)) {
            long quarantined = RunFolder.open(run).manifest().poolIngest().report().quarantinedBits();
            assertEquals(quarantined > 0, Files.exists(run.resolve("quarantine.csv")), run + ": " + quarantined);
            assertEquals(quarantined > 0, Files.exists(run.resolve("quarantine.bin")), run + ": " + quarantined);
        }
        assertTrue(Files.size(boardRun.resolve(RunReport.FILE)) > 0, "the board top-up has its own report");

        // a run's bits never enter a pool twice
        StringWriter again = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(again), "pool", "ingest",
                "--run", folder.toString(), "--pool", pool.toString()));
        assertTrue(again.toString().contains("already"), again.toString());

        // without --seed the simulated bench and board make fresh bits, so the demo runs again into the same pool
        StringWriter secondOut = new StringWriter();
        StringWriter secondErr = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(secondOut), new PrintWriter(secondErr), "demo", "--bits", "4000",
                "--runs", runs.toString(), "--pool", pool.toString(), "--images", "2", "--steps", "3"),
                secondOut + "\n" + secondErr);
        StringWriter statusAfter = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(statusAfter), new PrintWriter(new StringWriter()), "pool", "status",
                "--pool", pool.toString(), "--json"));
        long rawBitsAfter = new ObjectMapper().readTree(statusAfter.toString()).get("rawBitsIn").asLong();
        assertTrue(rawBitsAfter >= pooled.get("rawBitsIn").asLong() + 4000, "the second run's bits were taken too");
    }

    /** HTML escaping as report.html applies it, for looking figures up in the page. */
    private static String escapeHtml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static long countOnes(byte[] packed) {
        long n = 0;
        for (byte b : packed) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }
}
