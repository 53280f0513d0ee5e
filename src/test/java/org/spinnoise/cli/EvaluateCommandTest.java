package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spinnoise evaluate}, run tiny: a table over pool, software and degraded sources, and its refusals. */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private String[] args(Path checkpoint, String... more) throws Exception {
        String[] base = {"evaluate", "--checkpoint", checkpoint.toString(), "--data", TinyTraining.data(dir).toString(),
                "--out", dir.resolve("eval").toString(), "--seeds", "2", "--images", "8", "--batch", "2",
                "--steps", "2"};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    /**
     * Every kind of source, 8 images each over 2 seeds: KID with its interval, the tests against prng, the claims in
     * their numbers, each source's noise check (±1 noise and biased bits flagged, prng passing) and bits per normal,
     * and drbg's seed counted in its pool bits (issue 19).
     */
    @Test
    void comparesEverySourceOverSeedsAndWritesTheTableAndGrids() throws Exception {
        Path checkpoint = TinyTraining.checkpoint(dir);
        Path pool = TinyTraining.pool(dir.resolve("pool"), 1 << 20);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args(checkpoint, "--pool", pool.toString(),
                "--sources", "trng,drbg,prng,biased-0.6,clt-4,clt-1", "--bootstrap", "100", "--permutations", "500"));
        assertEquals(0, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("claim: trng and prng "), text);
        assertTrue(text.contains("  trng         seed 2  KID "), text);
        assertTrue(text.contains("two-sample tests against prng"), text);
        assertTrue(text.matches("(?s).*\\n  trng +D .* 95 % interval \\[.*\\]  p [0-9.]+  smallest detectable .*"), text);
        assertTrue(text.contains("claim: the noise clt-1 drew is NOT like N(0, 1) draws"), text);
        JsonNode table = new ObjectMapper().readTree(dir.resolve("eval/evaluation.json").toFile());
        assertEquals(6, table.get("rows").size());
        assertEquals(5, table.get("differences").size());
        assertEquals(8, table.get("imagesPerSource").asInt());
        assertEquals(100, table.get("bootstrapReplicates").asInt());
        for (JsonNode row : table.get("rows")) {
            assertEquals(2, row.get("kidPerSeed").size());
            assertEquals(2 * 784, row.get("normalsPerImage").asDouble(), "DDIM S=2, eta 1: x_T and one noisy step");
            String label = row.get("label").asText();
            double bits = row.get("hardwareBitsPerImage").asDouble();
            switch (label) {
                case "trng" -> assertEquals(32.0 * 2 * 784, bits);
                case "clt-4" -> assertEquals(4.0 * 2 * 784, bits);
                case "clt-1" -> assertEquals(1.0 * 2 * 784, bits);
                // Two seeds, each a DRBG instantiated from 48 pool bytes before its first image.
                case "drbg" -> assertEquals(2 * 48 * 8 / 8.0, bits, "drbg's seed is counted in its row");
                default -> assertEquals(0.0, bits, label + " is software noise");
            }
            switch (label) {
                case "trng", "biased-0.6" -> assertEquals(32.0, row.get("bitsPerNormal").asDouble(), label);
                case "clt-4" -> assertEquals(4.0, row.get("bitsPerNormal").asDouble(), label);
                case "clt-1" -> assertEquals(1.0, row.get("bitsPerNormal").asDouble(), label);
                case "prng" -> assertEquals("NaN", row.get("bitsPerNormal").asText(), "prng counts values, not bits");
                default -> assertTrue(row.get("bitsPerNormal").asDouble() >= 32, label);
            }
            boolean degraded = label.startsWith("clt-") || label.startsWith("biased-");
            if (degraded || label.equals("prng")) {
                assertEquals(degraded, row.get("noiseFlagged").asBoolean(), label + ": " + row.get("noiseCheck"));
            }
            assertEquals(2, row.get("noiseCheck").size(), label);
            assertEquals(java.util.Map.of("trng", "trng", "drbg", "drbg", "prng", "prng", "biased-0.6", "prng",
                    "clt-4", "trng", "clt-1", "trng").get(label), row.get("mode").asText(), label);
            assertTrue(Files.isRegularFile(dir.resolve("eval/" + label + "-grid.png")), label);
        }
        assertTrue(table.get("features").asText().contains("CNN 1x28x28"), "the built-in CNN's features by default: "
                + table.get("features"));
        String report = Files.readString(dir.resolve("eval/evaluation-report.md"));
        assertTrue(report.contains("| clt-4 | trng |"), report);
        assertTrue(report.contains("## Two-sample tests against prng"), report);
        assertTrue(report.contains("## What this supports\n\n- trng and prng "), report);
        assertTrue(report.contains("- clt-1, seed 1: 6,272 normals: NOT like N(0, 1) draws:"), report);
        assertTrue(report.contains("B = 100, level 95 %"), report);
        assertTrue(report.contains("![biased-0.6](biased-0.6-grid.png)"), report);
        assertTrue(report.contains("checkpoint.ckpt: 'spinnoise train --steps 3 "), report);
        assertTrue(report.contains("test accuracy 0.9075"), report);
    }

    @Test
    void refusesUnknownSourcesAndMissingOrShortPoolsInOneLine() throws Exception {
        Path checkpoint = TinyTraining.checkpoint(dir);
        StringWriter err = new StringWriter();
        // An unknown source is a usage error, found before the model is loaded (issue 18 defect 14).
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                args(checkpoint, "--sources", "prng,pink", "--pool", dir.resolve("none").toString())));
        assertTrue(err.toString().contains("unknown noise source 'pink'"), err.toString());

        err = new StringWriter();
        assertEquals(2, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                args(checkpoint, "--sources", "prng,biased-0.6", "--classifier", "resnet")));
        assertTrue(err.toString().contains("--classifier resnet: neither a built-in classifier (cnn, mlp) nor a "
                + "weights file"), err.toString());

        err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                args(checkpoint, "--sources", "trng,prng", "--pool", dir.resolve("none").toString())));
        assertTrue(err.toString().contains("there is none at"), err.toString());

        Path small = TinyTraining.pool(dir.resolve("small"), 4096);
        err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                args(checkpoint, "--sources", "trng,prng", "--pool", small.toString())));
        assertTrue(err.toString().contains("the pool at " + small + " holds 4,096 bytes"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    /**
     * {@code raw:<run>}: a run's raw bits through the trng inversion, each seed its own part of bits.bin, labelled by
     * the folder and accounted as hardware bits; a run too short for the evaluation is refused before any sampling,
     * in one line.
     */
    @Test
    void rawBitsOfARunAreADegradedSourceAndAShortRunIsRefused() throws Exception {
        Path checkpoint = TinyTraining.checkpoint(dir);
        long normalsPerSeed = 4 * 2 * 784; // 4 images, DDIM S=2 with η=1: x_T and one noisy step
        Path run = rawRun(dir.resolve("Run-Biased"), normalsPerSeed * 2 * Float.BYTES);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args(checkpoint, "--sources",
                "prng,raw:" + run));
        assertEquals(0, code, err.toString());
        JsonNode rows = new ObjectMapper().readTree(dir.resolve("eval/evaluation.json").toFile()).get("rows");
        assertEquals("raw-run-biased", rows.get(1).get("label").asText());
        assertEquals("trng", rows.get(1).get("mode").asText());
        assertEquals(32.0 * 2 * 784, rows.get(1).get("hardwareBitsPerImage").asDouble());
        assertTrue(Files.isRegularFile(dir.resolve("eval/raw-run-biased-grid.png")));

        Path shortRun = rawRun(dir.resolve("short"), normalsPerSeed * 2 * Float.BYTES - 8);
        err = new StringWriter();
        assertEquals(1, Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), args(checkpoint,
                "--sources", "prng,raw:" + shortRun)));
        assertTrue(err.toString().contains("acquire a longer run"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    /** A run folder whose bits are all ones, {@code bytes} of them, as a junction driven far above V50 gives. */
    private static Path rawRun(Path folder, long bytes) throws Exception {
        Files.createDirectories(folder);
        byte[] ones = new byte[Math.toIntExact(bytes)];
        java.util.Arrays.fill(ones, (byte) 0xff);
        Files.write(folder.resolve("bits.bin"), ones);
        org.spinnoise.run.RunFolder.writeJson(folder.resolve(org.spinnoise.run.RunFolder.MANIFEST),
                org.spinnoise.run.RunManifest.empty().withAcquisition(org.spinnoise.run.manifest.Acquisition
                        .starting("test", null, "bits.bin", null, null, null, bytes * 8)
                        .withCounts(bytes * 8, bytes * 8, 1, null, 0, 0, true)));
        return folder;
    }
}
