package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.bits.Threshold;
import org.spinnoise.calibration.ResistanceStats;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.ThresholdCalibration;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.EntropyAssessment;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.Resume;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.run.manifest.SimulatedBench;
import org.spinnoise.scpi.Identity;

/** The manifest is written and read by the same types, and a manifest of another format is refused in one line. */
class RunManifestTest {
    @TempDir
    Path dir;

    @Test
    void everySectionRoundTripsThroughItsTypes() throws Exception {
        RunFolder run = RunFolder.create(dir, "round-trip");
        AcquisitionPlan plan = AcquisitionPlan.demo();
        RunManifest written = run.update(m -> full(m, plan));
        run.saveManifest();
        RunManifest read = RunFolder.open(run.dir()).manifest();
        assertEquals(written, read);
        assertEquals(RunManifest.FORMAT, read.format());
        assertEquals(4096, read.bits());
    }

    @Test
    void aFormatOneManifestIsRefusedWithOneLineSayingWhatToDo() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("old-run"));
        Files.writeString(folder.resolve(RunFolder.MANIFEST),
                "{\"run\":{\"status\":\"complete\"},\"acquisition\":{\"bits\":4096}}");
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(folder));
        assertEquals(folder.resolve(RunFolder.MANIFEST) + " is format 1 (the untyped manifest spinnoise wrote "
                + "before format 2), and this spinnoise reads format 2: re-acquire the run, or export its bits with the spinnoise "
                + "that made it (export-raw)", e.getMessage());
    }

    @Test
    void aManifestOfAFutureFormatIsRefusedNamingTheVersionThatWroteIt() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("new-run"));
        Files.writeString(folder.resolve(RunFolder.MANIFEST), "{\"format\":3,\"tool\":{\"version\":\"0.9.0\"}}");
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(folder));
        assertEquals(folder.resolve(RunFolder.MANIFEST) + " is format 3, and this spinnoise reads format 2: open it "
                + "with the spinnoise version that wrote it (0.9.0)", e.getMessage());
    }

    @Test
    void aFolderWithoutAManifestIsNotARun() {
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(dir));
        assertEquals(dir + " is not a run folder: it has no manifest.json", e.getMessage());
    }

    private static RunManifest full(RunManifest m, AcquisitionPlan plan) {
        Identity pulse = new Identity("Keysight", "33622A", "MY123", "A.01", "Keysight,33622A,MY123,A.01");
        Identity smu = new Identity("KEITHLEY", "MODEL 2450", "0456", "1.7", "KEITHLEY,MODEL 2450,0456,1.7");
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("ch1 width", 2.0e-8);
        settings.put("ch1 output", "off");
        Threshold threshold = Threshold.between(2000, 20, 4200, 40);
        ThresholdCalibration.Result levels = new ThresholdCalibration.Result(new ResistanceStats(50, 2000, 20, 1950,
                2050), new ResistanceStats(50, 4200, 40, 4100, 4300), threshold, 0, 1);
        SigmoidFitResult fit = new SigmoidFitResult(0.505, 0.012, 0.001, 0.0008, 25.1, 29, 6);
        OperatingPoint point = new OperatingPoint(new PulseShape(0.505, 2e-8), new PulseShape(-1.0, 2e-8));
        HelloReply hello = new HelloReply(1, "SNB-EMU-0001", "1.0.0", 1, 16, 2000, 16, 3300, 1000, 1_000_000, 4096,
                10_000_000);
        BoardOperatingPoint boardPoint = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);
        List<HealthTestReport> health = List.of(new HealthTestReport("repetition count", 34, 4096, 0, 12),
                new HealthTestReport("adaptive proportion", 589, 4096, 0, 540));
        return m.withTool(new RunManifest.Tool("spinnoise", "0.1.0-SNAPSHOT (git abc1234)", "17.0.12"))
                .withRun(RunStatus.running("bench", "2026-12-01T07:42:39Z").withSafeStart(Map.of("smu", "off, 0 V"))
                        .withSafeState(Map.of("pulse ch1", "off, high 0.002 V, low 0 V", "smu", "off, 0 V"))
                        .withOutcome("interrupted", "run stopped by SIGINT", "SIGINT")
                        .withFinished("2026-12-01T07:43:01Z"))
                .withBench(new BenchSection("TCPIP::127.0.0.1::5025::SOCKET", "TCPIP::127.0.0.1::5026::SOCKET", true,
                        "built-in demo", 7L, 0.505, "the junction's V50 less the read bias", 0.012))
                .withPlan(plan)
                .withBoardPlan(new BoardAcquisition.Plan(400_000, boardPoint, 1.5, 512, 16, 0.9, 1e-9))
                .withInstruments(new Instruments(pulse, smu, settings, Map.of("nplc", 0.1)))
                .withBoard(new BoardSection("/dev/pts/3", hello, new BoardSection.Configuration(boardPoint,
                        new BoardSettings(1, 20316, 10_000, 32768, 10_000, 100, 31_000, 2_000), boardPoint)))
                .withCalibration(Calibration.ofLevels(levels).withSweep(fit, point))
                .withAcquisition(Acquisition.starting("bench: 33622A", SourceProvenance.bench("bench per-bit",
                                point.write(), Map.of("pulse", pulse, "smu", smu), Map.of("pulse", settings)),
                        "bits.bin", "reads.csv", "events.csv", "*ESR? every 256 bits", 4096)
                        .withCounts(4096, 2050, 30.5, 8200L, 256, 1, true).withRatios())
                .withStream(new StreamReport(512, 400_000, 100, 1, 2, 0, 4096, 0, 401_000, 3, 60_000, 50_000, 12, 1,
                        404_000, 3, 0.02, "stop"))
                .withHealthTests(health)
                .withResume(new Resume("2026-12-01T08:00:00Z", "interrupted", 2048, null, 512, 250,
                        "restarted at bit 2048", health).withBitsAfter(4096))
                .withSimulatedBench(new SimulatedBench(List.of(new SimulatedBench.Junction(0,
                        new SimulatedBench.Stress(0.61, 9000, 0.1, 30.0, 0, false, Double.NaN),
                        Map.of("pulse ch1", new SimulatedBench.Level(0, 0)))), Map.of("smu", 27.0), 9000, 0.003,
                        333.3, List.of()))
                .withEntropyAssessment(new EntropyAssessment("assessment.json", 4096, 0.91, "MCV"))
                .withPoolIngest(new PoolIngestRecord("/tmp/pool", "2026-12-01T08:01:00Z", 0.91, 1e-9,
                        new IngestReport("run-bits-sha256:00", 0.91, 4096, 0, 4096, 0, 512, 3727.4, List.of(),
                                health, "healthy"), 1024L))
                .withFiles(Map.of("bits.bin", new RunManifest.FileEntry(512, "e3b0")));
    }
}
