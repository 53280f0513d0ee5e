package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.testing.Python;
import org.spinnoise.cli.CliRun.Outcome;

/**
 * The Python reader in clients/python against real files: a short acquisition on the simulated demo bench (ingested
 * into a pool), a {@code pool take --out} export and an {@code export-raw} file are read by {@code read_run.py},
 * whose JSON summary must agree with what Java knows of them: the bits (count, ones, SHA-256, the first 64), the
 * first and last read, the key facts of the manifest, the rows of every CSV, the export's bytes and the samples
 * {@code export-raw} wrote. The reader's own unit tests (error paths on hand-written folders and pools) run here too,
 * with {@code python3 -m unittest}.
 */
class PythonReaderRoundTripTest {
    /** Not a multiple of 8: the last byte of bits.bin is zero-padded, which the reader must not count. */
    private static final long BITS = 4_003;
    private static final int TAKE_BYTES = 100;

    @TempDir
    Path dir;

    @Test
    void aRunFolderAndAPoolExportReadInPythonAgreeWithJava() throws Exception {
        Path runs = dir.resolve("runs");
        Path pool = dir.resolve("pool");
        Path bench = Python.projectDir().resolve("mock-instruments/benches/demo.json");
        Outcome acquired = run("acquire", "--bench", bench.toString(), "--recipe", smallRecipe().toString(), "--runs",
                runs.toString(), "--pool", pool.toString());
        assertEquals(0, acquired.code(), acquired.out() + acquired.err());
        Path folder;
        try (Stream<Path> folders = Files.list(runs)) {
            folder = folders.findFirst().orElseThrow();
        }
        Path take = dir.resolve("take.bin");
        Outcome took = run("pool", "take", "--pool", pool.toString(), "--bytes", "" + TAKE_BYTES, "--out",
                take.toString());
        assertEquals(0, took.code(), took.err());
        Path raw = dir.resolve("raw.bin");
        Outcome exported = run("export-raw", "--run", folder.toString(), "--out", raw.toString());
        assertEquals(0, exported.code(), exported.err());

        String out = Python.finish(Python.start(Python.clientScript("tests/read_run.py"), folder.toString(),
                "--export", take.toString(), "--pool", pool.toString(), "--export-raw", raw.toString()), 120);
        JsonNode summary = new ObjectMapper().readTree(out.lines().reduce((a, b) -> b).orElseThrow());
        JsonNode py = summary.get("run");
        RunManifest manifest = RunFolder.open(folder).manifest();

        byte[] packed = Arrays.copyOf(Files.readAllBytes(folder.resolve("bits.bin")), (int) ((BITS + 7) / 8));
        assertEquals(BITS, manifest.bits());
        assertEquals(BITS, py.get("bit_count").asLong());
        assertEquals(ones(packed, BITS), py.get("ones").asLong());
        assertEquals(manifest.acquisition().ones(), py.get("ones").asLong());
        assertEquals(sha256(packed), py.get("bits_sha256").asText());
        assertEquals(manifest.files().get("bits.bin").sha256(), py.get("bits_sha256").asText());
        assertEquals(firstBits(packed, 64), py.get("first_bits").asText());

        List<String> reads = Files.readAllLines(folder.resolve("reads.csv"));
        assertEquals(reads.size() - 1, py.get("reads").asInt());
        assertRead(reads.get(1), py.get("first_read"));
        assertRead(reads.get(reads.size() - 1), py.get("last_read"));
        assertTrue(py.get("reads_match_bits").asBoolean(), "every read's bit is the run's bit at its index");

        assertEquals(manifest.status(), py.get("status").asText());
        assertEquals(manifest.run().kind(), py.get("kind").asText());
        assertEquals(manifest.acquisition().bias(), py.get("bias").asDouble());
        assertEquals(manifest.calibration().thresholdOhms(), py.get("threshold_ohms").asDouble());
        assertEquals(manifest.calibration().sweepFit().v50Volts(), py.get("v50_volts").asDouble());
        assertEquals(manifest.instruments().smu().model(), py.get("instruments").get("smu").asText());
        assertEquals(manifest.instruments().pulse().model(), py.get("instruments").get("pulse").asText());
        assertEquals(manifest.tool().version(), py.get("tool_version").asText());
        assertEquals(csvRows(folder), new ObjectMapper().convertValue(py.get("tables"), TreeMap.class));
        assertEquals(manifest.files().size(), py.get("verified_files").asInt());

        JsonNode export = summary.get("export");
        assertEquals(TAKE_BYTES, export.get("bytes").asInt());
        assertEquals(sha256(Files.readAllBytes(take)), export.get("sha256").asText());
        assertTrue(export.get("equals_pool_payload").asBoolean(), "the export is the pool's first bytes");
        assertEquals(TAKE_BYTES, export.get("pool_served_end").asLong());
        assertEquals(manifest.poolIngest().report().bytesOut(), export.get("pool_appended_end").asLong());
        assertEquals("run-bits-sha256:" + sha256(packed), export.get("pool_sources").get(0).asText());
        assertEquals(BITS, summary.get("export_raw").get("samples").asLong());
        assertTrue(summary.get("export_raw").get("equals_bits").asBoolean(), "export-raw's samples are the run's bits");
    }

    @Test
    void theReadersUnitTestsPass() throws Exception {
        Path clients = Python.projectDir().resolve("clients/python");
        Process p = new ProcessBuilder(Python.PYTHON, "-B", "-m", "unittest", "discover", "-s", "tests", "-p",
                "test_*.py")
                .directory(clients.toFile()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python -m unittest did not finish in 120 s");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.matches("(?s).*Ran [1-9]\\d* tests.*\\nOK\\s*"), out);
    }

    /**
     * The demo recipe with a short levels stage (30 reads per state) and a coarse fixed sweep (13 x 50 pulses), so the
     * run takes seconds; its 4,003 bits are two batches of the batched scheme, enough for one tracking row.
     */
    private Path smallRecipe() throws Exception {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        AcquisitionPlan small = new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 30),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 13, 50,
                        demo.sweep().widthSeconds()), BITS, demo.health(), demo.seed(), demo.scheme(),
                demo.reconnect(), demo.tracking(), demo.switching());
        Path recipe = dir.resolve("recipe.json");
        new ObjectMapper().writeValue(recipe.toFile(), small);
        return recipe;
    }

    private static void assertRead(String csvLine, JsonNode read) {
        String[] f = csvLine.split(",");
        assertEquals(Long.parseLong(f[0]), read.get("index").asLong());
        assertEquals(Long.parseLong(f[1]), read.get("time_ns").asLong());
        assertEquals(Double.parseDouble(f[2]), read.get("write_amplitude_volts").asDouble());
        assertEquals(Double.parseDouble(f[3]), read.get("write_width_seconds").asDouble());
        assertEquals(Double.parseDouble(f[4]), read.get("resistance_ohms").asDouble());
        assertEquals(Integer.parseInt(f[5]), read.get("bit").asInt());
    }

    private static Map<String, Integer> csvRows(Path folder) throws Exception {
        Map<String, Integer> rows = new TreeMap<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                rows.put(folder.relativize(p).toString(), Files.readAllLines(p).size() - 1);
            }
        }
        return rows;
    }

    private static long ones(byte[] packed, long bits) {
        long ones = 0;
        for (long i = 0; i < bits; i++) {
            ones += (packed[(int) (i >>> 3)] >>> (7 - (int) (i & 7))) & 1;
        }
        return ones;
    }

    private static String firstBits(byte[] packed, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append((packed[i >>> 3] >>> (7 - (i & 7))) & 1);
        }
        return s.toString();
    }

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

}
