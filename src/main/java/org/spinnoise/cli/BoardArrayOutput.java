package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.ArrayRunSummary;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.BoardArrayAcquisition;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunIngest;

/**
 * {@code spinnoise board} with a junction mask of several junctions: starts a {@link BoardArrayAcquisition} and
 * prints each junction's calibration (beside the emulated junction's true V50 when known), its bits, bias and own
 * health tests, and why a junction was left out; then the plots and the pool ingest, as a single-junction run.
 */
final class BoardArrayOutput {
    private BoardArrayOutput() {
    }

    static int run(PrintWriter out, String address, BoardAcquisition.Plan plan, Path runsDir, String name,
                   boolean calibrate, boolean track, double widthSeconds, Double ohmsPerReadCode, PoolOptions pool,
                   List<Double> trueV50Volts) throws IOException {
        RunFolder folder = RunFolder.create(runsDir, name);
        out.printf("run folder: %s%n", folder.dir());
        ArrayRunSummary summary;
        try (WireLog wire = new WireLog()) {
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            BoardArrayAcquisition run = new BoardArrayAcquisition(address, plan, folder, wire,
                    new ConsoleProgress(out), ShutdownStop.stopper());
            if (calibrate) {
                run.withCalibration(BoardCalibration.Plan.defaults(widthSeconds, new SecureRandom().nextLong(),
                        ohmsPerReadCode));
            }
            if (track) {
                run.withTracking(TrackingPlan.DEFAULT);
            }
            summary = run.run();
        }
        print(out, summary, trueV50Volts);
        RunPlotsOutput.drawAfterRun(out, summary.folder());
        if (!pool.noPool && summary.healthPassed()) {
            out.printf("%n* assessing the bits and ingesting them into the pool at %s%n", pool.poolDir);
            out.flush();
            try (EntropyPool p = EntropyPool.open(pool.poolDir, PoolConfig.defaults())) {
                PoolReport.print(out, RunIngest.ingest(RunFolder.open(summary.folder()), p, null, plan.alpha()));
            }
        }
        CatalogRegistration.run(summary.folder());
        return summary.healthPassed() ? 0 : OneLineErrors.FAILURE;
    }

    private static void print(PrintWriter out, ArrayRunSummary s, List<Double> trueV50Volts) {
        ArrayRunLines.print(out, s, j -> {
            String truth = trueV50Volts == null || j.junction() >= trueV50Volts.size() ? ""
                    : String.format(" (emulated %.4f V)", trueV50Volts.get(j.junction()));
            return j.v50Volts() == null ? "not calibrated" + truth
                    : String.format("V50 %.4f ± %.4f V%s, write %.4f V%s", j.v50Volts(), j.v50StdErrVolts(), truth,
                    j.writeVolts(), j.boardCalibration() == null ? "" : String.format(", threshold code %d ± %d",
                            j.boardCalibration().thresholdCode(), j.boardCalibration().guardBandCodes()));
        });
    }
}
