package org.spinnoise.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.ProfileSection;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * Run folders for the catalog's tests: a real board run on the emulated board (through a socat pseudo-terminal) with
 * its bits ingested into a pool, and bench-run manifests written with the run's own record types, with chosen
 * devices, times and outcomes to filter on.
 */
final class CatalogRuns {
    static final BoardOperatingPoint AT_V50 = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);

    private CatalogRuns() {
    }

    /** A real emulated-board run of 100,000 bits in {@code runsDir}, ingested into {@code pool}. */
    static Path boardRun(Path runsDir, Path pool) throws Exception {
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(100_000, AT_V50, 1.5, 512, 16, 0.9,
                Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(runsDir, "board");
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 11, true);
             WireLog wire = new WireLog()) {
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            new BoardAcquisition(board.address(), plan, folder, wire, new RunListener() { }).run();
        }
        try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
            RunIngest.ingest(RunFolder.open(folder.dir()), p, null, plan.alpha());
        }
        return folder.dir();
    }

    /**
     * A bench run's folder {@code <stamp>-<name>} with a manifest as the run writes it: status, calibration (V50 and
     * ΔV fitted, threshold, operating amplitude), the device profile used, the acquisition and its health tests.
     */
    static Path benchRun(Path runsDir, String stampAndName, String device, Instant started, String status,
                         boolean simulated, double v50Volts) throws Exception {
        Path dir = runsDir.resolve(stampAndName);
        Files.createDirectories(dir);
        long bits = 50_000;
        List<HealthTestReport> health = List.of(new HealthTestReport("repetition count", 31, bits, 0, 14),
                new HealthTestReport("adaptive proportion", 589, bits / 1024, status.equals("failed") ? 1 : 0, 560));
        RunManifest m = RunManifest.empty().withTool(new RunManifest.Tool("spinnoise", "test", "17"))
                .withRun(new RunStatus("bench", started.toString(), status,
                        status.equals("failed") ? "SMU did not answer" : null,
                        status.equals("interrupted") ? "SIGINT" : null, null, Map.of("pulse ch1", "off"),
                        started.plusSeconds(60).toString()))
                .withBench(new BenchSection("TCPIP::127.0.0.1::5025::SOCKET", "TCPIP::127.0.0.1::5026::SOCKET",
                        simulated, null, null, null, null, null))
                .withCalibration(new Calibration(null, 3712.5, 6.1, 1.05,
                        new SigmoidFitResult(v50Volts, 0.0123, 4e-4, 3e-4, 17.0, 19, 5, 1e-8), 0.5,
                        new OperatingPoint(new PulseShape(v50Volts - 0.001, 1e-8), new PulseShape(-1.0, 1e-8)), 1e-5,
                        null, null, null, null, null, null, "adaptive", 4000L, null, null, null, null, null))
                .withProfile(device == null ? null : ProfileSection.loaded(device, "profiles/" + device + ".json",
                        started.toString(), "test", true, "within 0.4 sigma", 2000L))
                .withAcquisition(new Acquisition("bench", null, "bits.bin", "reads.csv", "events.csv", "error check",
                        bits, bits, bits / 2 + 30, 20.0, null, 0, 2, !status.equals("failed"), 30.0 / bits,
                        bits / 20.0, null))
                .withHealthTests(health);
        RunFolder.writeJson(dir.resolve(RunFolder.MANIFEST), m);
        return dir;
    }
}
