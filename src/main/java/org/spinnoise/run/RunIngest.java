package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import org.spinnoise.entropy.assess.Assessment;
import org.spinnoise.entropy.assess.MinEntropyAssessment;
import org.spinnoise.entropy.ingest.IngestConfig;
import org.spinnoise.entropy.ingest.IngestReport;
import org.spinnoise.entropy.ingest.PoolIngest;
import org.spinnoise.entropy.ingest.QuarantineFiles;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolException;
import org.spinnoise.entropy.pool.PoolStatus;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.energy.RunEnergy;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.EntropyAssessment;
import org.spinnoise.run.manifest.PoolIngestRecord;

/**
 * Takes a finished run's raw bits into the pool: assesses their min-entropy (SP 800-90B §6.3), then health-tests,
 * conditions and appends them with that entropy credited per bit. The assessment, the ingest report and the
 * quarantined bits are written into the run folder. A run's bits enter a pool once: the pool refuses a source it has
 * already seen, because the same raw bits conditioned twice would give the same output twice. Interrupted and failed
 * runs are taken when their confirmed bits passed the health tests ({@link #requireConfirmedBits}).
 */
public final class RunIngest {
    public static final String ASSESSMENT_FILE = "assessment.json";
    /** The ingest is fed (and reports progress) a mebibyte at a time. */
    private static final int INGEST_CHUNK_BYTES = 1 << 20;

    private RunIngest() {
    }

    /**
     * Which runs may enter a pool. A complete run, yes. An interrupted or failed run keeps in {@code bits.bin} only
     * the bits its source confirmed (a clean instrument error check, or a board frame that passed its checks), so
     * those may enter too, provided the manifest says how they were confirmed and the continuous health tests passed
     * on them. A run whose manifest still says "running" was killed before it could confirm and close anything, and
     * a failed or interrupted run from before bits were confirmed has no such record: both are refused.
     */
    static void requireConfirmedBits(RunFolder run) throws IOException {
        RunManifest manifest = run.manifest();
        String status = manifest.status();
        Acquisition acquisition = manifest.acquisition();
        if (status.equals("complete")) {
            return;
        }
        if (status.equals("interrupted") || status.equals("failed")) {
            if (acquisition == null || acquisition.bitsConfirmedBy() == null
                    || acquisition.bitsConfirmedBy().isEmpty()) {
                throw new IOException(run.dir() + " is a " + status + " run whose manifest does not say its bits were "
                        + "confirmed (acquisition.bits_confirmed_by), so they may hold bits made without their write "
                        + "pulse; they are not ingested (export-raw can still read them)");
            }
            if (!acquisition.healthPassed()) {
                throw new IOException(run.dir() + " is a " + status + " run whose health tests did not pass on its "
                        + "confirmed bits; they are not ingested (see health_tests in its manifest)");
            }
            return;
        }
        throw new IOException(run.dir() + " says its run is '" + status + "': the "
                + "process ended without closing it (killed with SIGKILL or a crash), so its bits were never "
                + "confirmed; they are not ingested (export-raw can still read them)");
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What the ingest found and did, and the pool afterwards. */
    public record Result(Assessment assessment, double creditedEntropyPerBit, IngestReport ingest, PoolStatus pool) {
    }

    /**
     * Ingests the run's {@code bits.bin}.
     *
     * @param entropyPerBitOverride credit this instead of the assessed value (null: use the assessment)
     */
    public static Result ingest(RunFolder run, EntropyPool pool, Double entropyPerBitOverride, double alpha)
            throws IOException {
        return ingest(run, pool, entropyPerBitOverride, alpha, Progress.NONE);
    }

    /**
     * The ingest of a run credited with {@code credited} bits per raw bit; a credit too low for the health tests to
     * work with (their cutoffs would exceed their windows) is refused in words a user can act on.
     */
    private static PoolIngest ingestInto(RunFolder run, EntropyPool pool, String sourceId, double credited,
                                         double alpha, QuarantineFiles quarantine) throws IOException {
        try {
            return new PoolIngest(pool, sourceId, IngestConfig.of(credited, alpha), quarantine);
        } catch (IllegalArgumentException e) {
            throw new IOException(String.format(Locale.ROOT, "%s: the run's min-entropy of %.3g bits per raw bit is "
                    + "too low to credit (the pool's health tests cannot run at it: %s); nothing was taken in; "
                    + "recalibrate the junction and acquire again (see %s)", run.dir(), credited, e.getMessage(),
                    ASSESSMENT_FILE), e);
        }
    }

    /**
     * An ingest that failed after claiming its run (a full disk, a failing pool disk): when none of its output reached
     * the pool the claim is withdrawn, so the run can be ingested again once the cause is fixed (it was lost to the
     * pool for good before); when part of it did, that part stays credited and the rest can never be taken in, since
     * the same raw bits must never be conditioned twice; the line says which.
     */
    private static IOException failedAfterClaim(RunFolder run, EntropyPool pool, String sourceId, long appendedBefore,
                                                long rawBefore, Exception failure) {
        String cause = failure.getMessage() == null ? failure.toString() : failure.getMessage();
        if (pool.status().bytesAppended() == appendedBefore) {
            try {
                pool.releaseSource(sourceId);
            } catch (PoolException e) {
                return new IOException(run.dir() + ": the ingest failed (" + cause + ") and its claim could not be "
                        + "withdrawn (" + e.getMessage() + ")", failure);
            }
            return new IOException(run.dir() + ": nothing was taken in: " + cause + "; fix that and ingest the run "
                    + "again", failure);
        }
        return new IOException(String.format(Locale.ROOT, "%s: the ingest failed after %,d of its raw bits were "
                + "taken in (%s); they stay credited, and the rest of this run can never enter this pool (the same bits "
                + "are never taken in twice)", run.dir(), pool.status().rawBitsIn() - rawBefore, cause), failure);
    }

    /** As above, reporting the assessment ("assess") and the ingest ("ingest", in bits) to {@code progress}. */
    public static Result ingest(RunFolder run, EntropyPool pool, Double entropyPerBitOverride, double alpha,
                                Progress progress) throws IOException {
        RunManifest manifest = run.manifest();
        if (manifest.poolIngest() != null) {
            throw new PoolException(run.dir() + " was already ingested into " + manifest.poolIngest().pool()
                    + "; a run's bits enter a pool only once");
        }
        requireConfirmedBits(run);
        long bits = manifest.bits();
        if (bits <= 0 || !Files.exists(run.file("bits.bin"))) {
            throw new IOException(run.dir() + " has no acquired bits (bits.bin and acquisition.bits in the manifest)");
        }
        byte[] packed = Files.readAllBytes(run.file("bits.bin"));
        if (packed.length * 8L < bits) {
            throw new IOException(run.file("bits.bin") + " holds " + packed.length * 8L + " bits but the manifest says "
                    + bits + "; the file is truncated");
        }
        Assessment assessment = MinEntropyAssessment.assessPacked(packed, bits, progress);
        RunFolder.writeJson(run.file(ASSESSMENT_FILE), assessment);
        double credited = entropyPerBitOverride != null ? entropyPerBitOverride : assessment.minEntropyPerBit();
        if (!(credited > 0)) {
            throw new IOException(run.dir() + ": the assessed min-entropy is " + credited + " bits per bit, so the bits "
                    + "cannot be credited; recalibrate the junction (see " + ASSESSMENT_FILE + ")");
        }
        // Named by content, so a copied or renamed run folder is still recognised.
        String sourceId = "run-bits-sha256:" + HexFormat.of().formatHex(sha256(packed));
        IngestReport report;
        try (QuarantineFiles quarantine = new QuarantineFiles(run.dir())) {
            PoolIngest ingest = ingestInto(run, pool, sourceId, credited, alpha, quarantine);
            // Claimed only now, when nothing but the ingest itself can fail: a run refused before this point can be
            // ingested later (say with another credit), and a claimed one is never taken in twice, even after a crash.
            if (!pool.claimSource(sourceId)) {
                throw new PoolException("pool " + pool.status().dir() + " has already taken in " + sourceId
                        + "; the same raw bits are never ingested twice");
            }
            int bytes = (int) (bits / 8);
            long appendedBefore = pool.status().bytesAppended();
            long rawBefore = pool.status().rawBitsIn();
            progress.begin("ingest", 8L * bytes, "bit");
            try {
                for (int offset = 0; offset < bytes; offset += INGEST_CHUNK_BYTES) {
                    int length = Math.min(INGEST_CHUNK_BYTES, bytes - offset);
                    ingest.accept(packed, offset, length);
                    progress.advance(8L * (offset + length));
                }
                report = ingest.finish();
            } catch (IOException | RuntimeException e) {
                throw failedAfterClaim(run, pool, sourceId, appendedBefore, rawBefore, e);
            } finally {
                progress.end();
            }
        }
        PoolStatus status = pool.status();
        run.update(m -> m.withEntropyAssessment(new EntropyAssessment(ASSESSMENT_FILE, assessment.samples(),
                        assessment.minEntropyPerBit(), assessment.limiting().name()))
                .withPoolIngest(new PoolIngestRecord(status.dir().toAbsolutePath().toString(), Instant.now().toString(),
                        credited, alpha, report, status.bytesAvailable())));
        // the ingest fixes the conditioning ratio: the ledger's per-output-bit figure is measured from here on
        RunEnergy.writeAfterRun(run);
        run.describeFiles();
        run.saveManifest();
        return new Result(assessment, credited, report, status);
    }
}
