package org.spinnoise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.ingest.HealthEvent;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.run.HealthBlocks;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.EntropyAssessment;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.RunStatus;

/** {@link RunReport} on a hand-made run folder: figures from the manifest, plots embedded, text escaped. */
class RunReportTest {
    @TempDir
    Path tmp;

    @Test
    void theReportIsSelfContainedEscapedAndListedInTheManifest() throws Exception {
        RunFolder run = RunFolder.create(tmp, "bench<script>");
        byte[] bits = new byte[1024];
        new SplittableRandom(3).nextBytes(bits);
        Files.write(run.file("bits.bin"), bits);
        long ones = 0;
        for (byte b : bits) {
            ones += Integer.bitCount(b & 0xFF);
        }
        long allOnes = ones;
        Files.writeString(run.file("quarantine.csv"), "first_raw_bit,bits,offset_in_quarantine_bin,reason\n"
                + "2048,1024,0,\"running: adaptive proportion\"\n", StandardCharsets.US_ASCII);
        IngestReport ingest = new IngestReport("run-bits-sha256:00", 0.9, 8192, 1024, 7168, 0, 640, 5120.0,
                List.of(new HealthEvent(2048, 1024, "running", "quarantined <block>")),
                List.of(new HealthTestReport("repetition count", 35, 8192, 0, 14)), "healthy");
        run.update(m -> m.withTool(new RunManifest.Tool("spinnoise", "0.1 <b>bold</b>", "17"))
                .withRun(RunStatus.running("bench", "2026-12-07T07:00:00Z").withOutcome("complete", null, null))
                .withAcquisition(Acquisition.starting("bench per-bit", null, "bits.bin", "reads.csv", "events.csv",
                        "error queue", 8192).withCounts(8192, allOnes, 2.0, 16384L, 0, 0, true).withRatios())
                .withHealthTests(List.of(new HealthTestReport("repetition count", 35, 8192, 0, 14),
                        new HealthTestReport("adaptive proportion", 645, 8192, 0, 560)))
                .withEntropyAssessment(new EntropyAssessment("assessment.json", 8192, 0.8765, "Compression"))
                .withPoolIngest(new PoolIngestRecord("/tmp/pool", "2026-12-07T07:01:00Z", 0.9, 1e-9, ingest,
                        2_000L)));
        run.saveManifest();

        RunReport.Written written = RunReport.write(run.dir());

        assertEquals(List.of(), written.problems());
        List<String> blocks = Files.readAllLines(run.file(HealthBlocks.FILE));
        assertEquals(HealthBlocks.HEADER, blocks.get(0));
        assertEquals(1 + 8, blocks.size(), blocks.toString());
        long onesInBlocks = blocks.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[3])).sum();
        assertEquals(allOnes, onesInBlocks);
        String html = Files.readString(written.report());
        for (String png : List.of(HealthTestsPlot.FILE, PoolLevelPlot.FILE)) {
            assertTrue(Files.size(run.file(png)) > 0, png);
            assertTrue(html.contains("<figure id=\"" + png + "\"><img alt=\"" + png + "\" src=\"data:image/png;base64,"),
                    png);
        }
        // nothing is fetched: every src is a data: URI, and no stylesheet or script is linked
        Matcher src = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
        while (src.find()) {
            assertTrue(src.group(2).startsWith("data:"), src.group());
        }
        assertFalse(html.contains("<script") || html.contains("<link"), "no script or link elements");
        assertTrue(html.contains("spinnoise run " + HtmlPage.escape(run.dir().getFileName().toString())));
        assertTrue(html.contains("0.1 &lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>bold"), "escaped");
        assertTrue(html.contains("quarantined &lt;block&gt;"));
        assertTrue(html.contains("0.8765 bits per raw bit over 8,192 bits"));
        assertTrue(html.contains("1,360 bytes") && html.contains("2,000 bytes"), "the pool before and after ingest");
        assertTrue(html.contains("640 bytes (5,120 bits of entropy)"));
        RunManifest manifest = RunFolder.open(run.dir()).manifest();
        try (var files = Files.list(run.dir())) {
            List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("manifest"))
                    .sorted().toList();
            assertEquals(names, manifest.files().keySet().stream().sorted().toList());
        }
        assertEquals(Files.size(written.report()), manifest.files().get(RunReport.FILE).bytes());
    }

    @Test
    void aFolderWithoutAManifestIsRefusedByName() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> RunReport.write(tmp));
        assertTrue(e.getMessage().contains(tmp + " holds no manifest.json"), e.getMessage());
    }
}
