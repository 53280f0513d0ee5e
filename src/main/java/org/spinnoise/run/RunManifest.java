package org.spinnoise.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.run.manifest.Acquisition;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.run.manifest.Calibration;
import org.spinnoise.run.manifest.DemoSample;
import org.spinnoise.run.manifest.EntropyAssessment;
import org.spinnoise.run.manifest.Instruments;
import org.spinnoise.run.manifest.JunctionArray;
import org.spinnoise.run.manifest.PoolIngestRecord;
import org.spinnoise.run.manifest.ProfileSection;
import org.spinnoise.run.manifest.Resume;
import org.spinnoise.run.manifest.RunStatus;
import org.spinnoise.run.manifest.SimulatedBench;

/**
 * A run folder's manifest (the sections are in {@code run.manifest}), format {@value #FORMAT}: what produced the data (tool, plan, instruments or board,
 * calibration, the device profile written or used, the source's provenance), how far the run got (status, safe state
 * of every output, acquisition counts, health tests, each resume), what later steps did (simulated-bench record, entropy assessment, pool ingest, the demo's sample grid) and the
 * files with their hashes. Records all the way down, serialised by Jackson and read back by the same types
 * ({@link RunFolder#open}); a section is null until the run reaches it. Format 1 was the untyped manifest written before
 * this one, which carried no {@code format} field.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"format", "tool", "run", "bench", "plan", "board_plan", "instruments", "board", "calibration",
        "profile", "acquisition", "array", "stream", "health_tests", "resumes", "simulated_bench", "entropy_assessment", "pool_ingest",
        "demo", "files"})
public record RunManifest(int format, Tool tool, RunStatus run, BenchSection bench, AcquisitionPlan plan,
                          BoardAcquisition.Plan boardPlan, Instruments instruments, BoardSection board, Calibration calibration,
                          Acquisition acquisition, StreamReport stream, List<HealthTestReport> healthTests,
                          List<Resume> resumes, SimulatedBench simulatedBench, EntropyAssessment entropyAssessment,
                          PoolIngestRecord poolIngest, Map<String, FileEntry> files,
                          JunctionArray array, ProfileSection profile,
                          DemoSample demo) {

    /** The manifest format this code writes and reads. */
    public static final int FORMAT = 2;

    /** An empty manifest of the current format, for a new run folder. */
    public static RunManifest empty() {
        return new RunManifest(FORMAT, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** Which code wrote the run. */
    public record Tool(String name, String version, String java) {
    }

    /** One data file of the folder: size and SHA-256. */
    public record FileEntry(long bytes, String sha256) {
    }

    public RunManifest withTool(Tool t) {
        return new RunManifest(format, t, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withRun(RunStatus r) {
        return new RunManifest(format, tool, r, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withBench(BenchSection b) {
        return new RunManifest(format, tool, run, b, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withPlan(AcquisitionPlan p) {
        return new RunManifest(format, tool, run, bench, p, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withBoardPlan(BoardAcquisition.Plan p) {
        return new RunManifest(format, tool, run, bench, plan, p, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withInstruments(Instruments i) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, i, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withBoard(BoardSection b) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, b, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withCalibration(Calibration c) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, c, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withAcquisition(Acquisition a) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, a,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withStream(StreamReport s) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                s, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withHealthTests(List<HealthTestReport> h) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, h, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    /** This manifest with one more resume at the end of its list. */
    public RunManifest withResume(Resume r) {
        List<Resume> all = new ArrayList<>(resumes == null ? List.of() : resumes);
        all.add(r);
        return withResumes(List.copyOf(all));
    }

    public RunManifest withResumes(List<Resume> r) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, r, simulatedBench, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withSimulatedBench(SimulatedBench s) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, s, entropyAssessment, poolIngest, files, array, profile, demo);
    }

    public RunManifest withEntropyAssessment(EntropyAssessment e) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, e, poolIngest, files, array, profile, demo);
    }

    public RunManifest withPoolIngest(PoolIngestRecord p) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, p, files, array, profile, demo);
    }

    public RunManifest withFiles(Map<String, FileEntry> f) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, f, array, profile, demo);
    }

    public RunManifest withProfile(ProfileSection p) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, p, demo);
    }

    public RunManifest withArray(JunctionArray a) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, a, profile, demo);
    }

    /** This manifest with the demo's pool-noise sample grid recorded. */
    public RunManifest withDemo(DemoSample d) {
        return new RunManifest(format, tool, run, bench, plan, boardPlan, instruments, board, calibration, acquisition,
                stream, healthTests, resumes, simulatedBench, entropyAssessment, poolIngest, files, array, profile, d);
    }

    /** Confirmed bits the run holds (0 before the acquisition began). */
    public long bits() {
        return acquisition == null ? 0 : acquisition.bits();
    }

    /** The run's status word, "unknown" when the run never started. */
    public String status() {
        return run == null || run.status() == null ? "unknown" : run.status();
    }
}
