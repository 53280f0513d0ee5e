package org.spinnoise.catalog;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.RunStatus;

/**
 * Turns one run folder's manifest into its catalog entries: the run itself and, when its bits went into a pool, the
 * ingest. The kind comes from the manifest's run kind ("calibration", "board…", else a bench acquisition, which is a
 * demo when it ran on the simulated bench in a folder named {@code demo}).
 */
final class ManifestEntries {
    /** The entries of one folder and the health-test reports of each (by entry id). */
    record Folder(List<CatalogEntry> entries, List<Health> health) {
    }

    /** One health-test report of one entry. */
    record Health(String entryId, HealthTestReport report) {
    }

    static final String INGEST_SUFFIX = "/ingest";
    private static final Pattern STAMPED = Pattern.compile("(\\d{8}-\\d{6})-(.*)");
    private static final Pattern DEMO_NAME = Pattern.compile("demo(-\\d+)?");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private ManifestEntries() {
    }

    static Folder of(Path dir, RunManifest m, long manifestMtimeMs) {
        String id = dir.getFileName().toString();
        RunStatus run = m.run();
        Acquisition a = m.acquisition();
        List<Health> health = new ArrayList<>();
        long failures = 0;
        if (m.healthTests() != null) {
            for (HealthTestReport r : m.healthTests()) {
                health.add(new Health(id, r));
                failures += r.failures();
            }
        }
        Calibrated cal = calibrated(m);
        Long started = parseInstant(run == null ? null : run.started());
        if (started == null) {
            started = folderStamp(id);
        }
        if (started == null) {
            started = manifestMtimeMs;
        }
        Long finished = parseInstant(run == null ? null : run.finished());
        String folder = dir.toAbsolutePath().normalize().toString();
        String device = device(m);
        String version = m.tool() == null ? null : m.tool().version();
        List<CatalogEntry> entries = new ArrayList<>();
        entries.add(new CatalogEntry(id, kind(id, m).word(), outcome(m.status()), started, finished, folder, device,
                run == null ? null : run.kind(), instruments(m), m.bench() == null ? null : m.bench().simulated(),
                cal.v50Volts, cal.deltaVolts, cal.thresholdOhms, cal.thresholdCode, cal.writeVolts,
                a == null ? null : a.bits(), a == null ? null : a.bias() != null ? a.bias() : finite(a.biasNow()),
                a == null ? null : a.bitsPerSecond(), a == null ? null : a.healthPassed(),
                a == null ? null : a.sourceEvents(), m.healthTests() == null ? null : failures,
                ingestPool(m), ingestBytes(m), null, null, null, error(run), version));
        PoolIngestRecord ingest = m.poolIngest();
        if (ingest != null) {
            String ingestId = id + INGEST_SUFFIX;
            IngestReport r = ingest.report();
            Long at = parseInstant(ingest.time());
            if (r != null && r.health() != null) {
                r.health().forEach(h -> health.add(new Health(ingestId, h)));
            }
            entries.add(new CatalogEntry(ingestId, CatalogEntry.Kind.INGEST.word(), "ok", at, at, folder, device,
                    r == null ? null : r.sourceId(), null, null, null, null, null, null, null,
                    r == null ? null : r.rawBitsIn(), null, null, null, null,
                    r == null || r.events() == null ? null : (long) r.events().size(), ingest.pool(),
                    r == null ? null : r.bytesOut(), null, null, ingest.creditedEntropyPerBit(), null, version));
        }
        return new Folder(entries, health);
    }

    /** The pool the run's bits went into (null when not ingested): the run's row shows what its ingest produced. */
    private static String ingestPool(RunManifest m) {
        return m.poolIngest() == null ? null : m.poolIngest().pool();
    }

    private static Long ingestBytes(RunManifest m) {
        return m.poolIngest() == null || m.poolIngest().report() == null ? null : m.poolIngest().report().bytesOut();
    }

    static CatalogEntry.Kind kind(String folderName, RunManifest m) {
        String runKind = m.run() == null || m.run().kind() == null ? "" : m.run().kind();
        String name = nameOf(folderName);
        if (runKind.equals("calibration") || runKind.isEmpty() && name.startsWith("calibrate")) {
            return CatalogEntry.Kind.CALIBRATE;
        }
        if (runKind.startsWith("board") || runKind.isEmpty() && m.board() != null) {
            return CatalogEntry.Kind.BOARD;
        }
        boolean simulated = m.bench() != null && m.bench().simulated();
        return simulated && DEMO_NAME.matcher(name).matches() ? CatalogEntry.Kind.DEMO : CatalogEntry.Kind.ACQUIRE;
    }

    /** The folder's name without its {@code yyyyMMdd-HHmmss-} stamp. */
    static String nameOf(String folderName) {
        Matcher stamped = STAMPED.matcher(folderName);
        return stamped.matches() ? stamped.group(2) : folderName;
    }

    /** complete → ok; failed, interrupted and running as they are; anything else unknown. */
    static String outcome(String status) {
        return switch (status) {
            case "complete" -> "ok";
            case "failed", "interrupted", "running" -> status;
            default -> "unknown";
        };
    }

    private static String device(RunManifest m) {
        if (m.profile() != null && m.profile().device() != null) {
            return m.profile().device();
        }
        BoardSection board = m.board();
        return board != null && board.hello() != null ? board.hello().serial() : null;
    }

    private static String instruments(RunManifest m) {
        BoardSection board = m.board();
        if (board != null && board.hello() != null) {
            return "board " + board.hello().serial() + " firmware " + board.hello().firmware();
        }
        Instruments i = m.instruments();
        if (i != null) {
            return (i.pulse() == null ? "?" : i.pulse().label()) + " / " + (i.smu() == null ? "?" : i.smu().label());
        }
        if (m.array() != null) {
            return m.array().junctions().size() + " junctions";
        }
        return null;
    }

    private static String error(RunStatus run) {
        if (run == null || run.error() == null) {
            return run == null || run.stoppedBy() == null ? null : "stopped by " + run.stoppedBy();
        }
        return run.stoppedBy() == null ? run.error() : run.error() + " (stopped by " + run.stoppedBy() + ")";
    }

    /** The calibration figures of a bench or board run (null where the run has none, e.g. an array). */
    private record Calibrated(Double v50Volts, Double deltaVolts, Double thresholdOhms, Integer thresholdCode,
                              Double writeVolts) {
    }

    private static Calibrated calibrated(RunManifest m) {
        Calibration c = m.calibration();
        if (c != null) {
            SigmoidFitResult fit = c.sweepFit();
            return new Calibrated(fit == null ? null : finite(fit.v50Volts()),
                    fit == null ? null : finite(fit.deltaVolts()), c.thresholdOhms() > 0 ? c.thresholdOhms() : null,
                    null, c.operatingPoint() == null ? null : c.operatingPoint().write().amplitudeVolts());
        }
        BoardSection board = m.board();
        if (board != null) {
            BoardCalibrationRecord bc = board.calibration();
            SigmoidFitResult fit = bc == null ? null : bc.sweepFit();
            var applied = board.configuration() == null ? null : board.configuration().applied();
            Integer code = bc != null ? Integer.valueOf(bc.thresholdCode())
                    : applied != null ? Integer.valueOf(applied.thresholdCode()) : null;
            return new Calibrated(fit == null ? null : finite(fit.v50Volts()),
                    fit == null ? null : finite(fit.deltaVolts()), null, code,
                    applied == null ? null : applied.writeVolts());
        }
        return new Calibrated(null, null, null, null, null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    static Long parseInstant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The local time a folder's name was stamped with, as epoch milliseconds; null when it has no stamp. */
    static Long folderStamp(String folderName) {
        Matcher stamped = STAMPED.matcher(folderName);
        if (!stamped.matches()) {
            return null;
        }
        try {
            return LocalDateTime.parse(stamped.group(1), STAMP).atZone(ZoneId.systemDefault()).toInstant()
                    .toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
