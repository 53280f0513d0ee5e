package org.spinnoise.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.ProfileSection;
import org.spinnoise.run.manifest.RunStatus;

/**
 * Writes run folders with synthetic format-2 manifests (built from the same record types a run writes, and read
 * back through {@link RunFolder#open}) for the catalog benchmark: a year of bench, board, demo and calibration runs
 * on eight devices, some failed or interrupted, most complete and ingested. Their tool is named
 * {@value #TOOL} so they can never pass for real runs.
 */
public final class SyntheticRuns {
    public static final String TOOL = "spinnoise-synthetic";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private SyntheticRuns() {
    }

    /** Writes {@code count} run folders into {@code runsDir}, reproducibly from {@code seed}; returns them. */
    public static List<Path> write(Path runsDir, int count, long seed, Path pool) throws IOException {
        Files.createDirectories(runsDir);
        SplittableRandom random = new SplittableRandom(seed);
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 8, 0);
        List<Path> folders = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            LocalDateTime at = start.plusMinutes(i * 50L + random.nextInt(40));
            Instant started = at.atZone(ZoneId.systemDefault()).toInstant();
            int pick = random.nextInt(100);
            String name = pick < 5 ? "calibrate" : pick < 10 ? "demo" : pick < 35 ? "board" : "acquire";
            Path dir = runsDir.resolve(STAMP.format(at) + "-" + name + "-" + i);
            Files.createDirectory(dir);
            RunManifest m = manifest(name, i, started, random, pool);
            RunFolder.writeJson(dir.resolve(RunFolder.MANIFEST), m);
            folders.add(dir);
        }
        return folders;
    }

    private static RunManifest manifest(String name, int i, Instant started, SplittableRandom random, Path pool) {
        String device = "mtj-A" + (1 + random.nextInt(8));
        int roll = random.nextInt(100);
        String status = roll < 85 ? "complete" : roll < 93 ? "failed" : "interrupted";
        String kind = switch (name) {
            case "calibrate" -> "calibration";
            case "board" -> "board";
            default -> "bench";
        };
        long bits = 100_000L + random.nextInt(4_000_000);
        long ones = bits / 2 + random.nextInt(2001) - 1000;
        double seconds = bits / (name.equals("board") ? 2e6 : 3e3);
        Instant finished = started.plusMillis((long) (seconds * 1000));
        RunStatus run = new RunStatus(kind, started.toString(), status,
                status.equals("complete") ? null : status.equals("failed") ? "SMU did not answer *OPC?" : null,
                status.equals("interrupted") ? "SIGINT" : null, null, Map.of("pulse ch1", "off"), finished.toString());
        double v50 = 0.58 + random.nextDouble() * 0.08;
        double delta = 0.010 + random.nextDouble() * 0.004;
        List<HealthTestReport> health = List.of(
                new HealthTestReport("repetition count", 31, bits, 0, 12 + random.nextInt(8)),
                new HealthTestReport("adaptive proportion", 589, bits / 1024, 0, 530 + random.nextInt(40)));
        RunManifest m = RunManifest.empty().withTool(new RunManifest.Tool(TOOL, "synthetic", "17"))
                .withRun(run).withHealthTests(kind.equals("calibration") ? null : health);
        SigmoidFitResult fit = new SigmoidFitResult(v50, delta, 0.0004, 0.0003, 18.2, 19, 6, 1e-8);
        if (kind.equals("board")) {
            HelloReply hello = new HelloReply(1, "SNB-" + device, "1.4.2", 1, 16, 2000, 12, 1000, 5000, 1_000_000_000L,
                    512, 2_000_000);
            BoardOperatingPoint applied = new BoardOperatingPoint(v50, 1e-8, -1.0, 1e-8, 1e-7, 2040, 16, 1);
            m = m.withBoard(new BoardSection("ASRL/dev/ttyACM0::INSTR", hello,
                    new BoardSection.Configuration(applied, null, applied)));
        } else {
            m = m.withBench(new BenchSection("TCPIP::127.0.0.1::5025::SOCKET", "TCPIP::127.0.0.1::5026::SOCKET",
                            name.equals("demo"), null, null, null, null, null))
                    .withCalibration(new Calibration(null, 3600 + random.nextInt(400), 6.5, 1.1, fit, 0.4,
                            new OperatingPoint(new PulseShape(v50, 1e-8), new PulseShape(-1.0, 1e-8)), 1e-5, null,
                            null, null, null, null, null, "adaptive", 4000L, null, null, null, null, null))
                    .withProfile(ProfileSection.loaded(device, "profiles/" + device + ".json", started.toString(),
                            "synthetic", true, "moved 0.3 sigma", 2000L));
        }
        if (kind.equals("calibration")) {
            return m;
        }
        m = m.withAcquisition(new Acquisition(kind, null, "bits.bin", "reads.csv", "events.csv", "error check",
                bits, bits, ones, seconds, null, 0, random.nextInt(3), true, (double) ones / bits - 0.5,
                bits / seconds, null));
        if (!status.equals("complete") || random.nextInt(10) < 4) {
            return m;
        }
        long bytesOut = bits / 8 / 2;
        IngestReport report = new IngestReport("run-bits-sha256:synthetic-" + i, 0.95, bits, 0, bits, 0, bytesOut,
                bytesOut * 8.0, List.of(), health, "healthy");
        return m.withPoolIngest(new PoolIngestRecord(pool.toAbsolutePath().toString(),
                finished.plusSeconds(5).toString(), 0.95, Math.scalb(1.0, -30), report, null));
    }
}
