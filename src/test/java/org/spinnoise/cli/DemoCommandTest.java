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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
                runs.toString(), "--pool", pool.toString());
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("round trips per bit"), out.toString());
        assertTrue(out.toString().contains("health tests   passed"), out.toString());

        Path folder;
        try (Stream<Path> list = Files.list(runs)) {
            folder = list.findFirst().orElseThrow();
        }
        for (String name : List.of("manifest.json", "levels.csv", "sweep.csv", "sweep-reads.csv", "reads.csv",
                "bits.bin", "wire-transcript.log.gz")) {
            assertTrue(Files.size(folder.resolve(name)) > 0, name);
        }
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertEquals("complete", manifest.at("/run/status").asText());
        assertEquals(4000, manifest.at("/acquisition/bits").asLong());
        assertTrue(manifest.at("/instruments/pulse/raw").asText().contains("33622A"));
        assertTrue(manifest.at("/instruments/smu/raw").asText().contains("2450"));
        assertTrue(manifest.at("/tool/version").asText().contains("git"));
        double v50 = manifest.at("/calibration/sweep_fit/v50Volts").asDouble();
        double se = manifest.at("/calibration/sweep_fit/v50StdErrVolts").asDouble();
        assertEquals(manifest.at("/bench/true_v50_volts").asDouble(), v50, 4 * se);
        assertEquals(2.0, manifest.at("/acquisition/round_trips_per_bit").asDouble(), 1e-9);
        assertEquals(4000 / 8, Files.size(folder.resolve("bits.bin")));
        assertEquals(4001, Files.readAllLines(folder.resolve("reads.csv")).size());
        long ones = manifest.at("/acquisition/ones").asLong();
        assertEquals(ones, countOnes(Files.readAllBytes(folder.resolve("bits.bin"))));
        assertTrue(manifest.at("/files/reads.csv/sha256").asText().matches("[0-9a-f]{64}"));

        // the bits went through assessment and ingest into the pool, and the pool's own status agrees
        double credited = manifest.at("/pool_ingest/credited_entropy_per_bit").asDouble();
        assertTrue(credited > 0.5 && credited <= 1.0, "credited " + credited);
        assertTrue(Files.size(folder.resolve("assessment.json")) > 0);
        long bytesOut = manifest.at("/pool_ingest/report/bytesOut").asLong();
        assertTrue(bytesOut > 0);
        StringWriter status = new StringWriter();
        assertEquals(0, Main.run(new PrintWriter(status), new PrintWriter(new StringWriter()), "pool", "status",
                "--pool", pool.toString(), "--json"));
        JsonNode pooled = new ObjectMapper().readTree(status.toString());
        assertEquals(4000, pooled.get("rawBitsIn").asLong());
        assertEquals(bytesOut, pooled.get("bytesAvailable").asLong());
        assertEquals(bytesOut * 8.0, pooled.get("creditedEntropyBits").asDouble(), 1e-6);

        // a run's bits never enter a pool twice
        StringWriter again = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(again), "pool", "ingest",
                "--run", folder.toString(), "--pool", pool.toString()));
        assertTrue(again.toString().contains("already"), again.toString());
    }

    private static long countOnes(byte[] packed) {
        long n = 0;
        for (byte b : packed) {
            n += Integer.bitCount(b & 0xFF);
        }
        return n;
    }
}
