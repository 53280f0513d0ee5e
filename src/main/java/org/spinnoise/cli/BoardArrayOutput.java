package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.ArrayRunSummary;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.BoardArrayAcquisition;

/**
 * {@code spinnoise board} with a junction mask of several junctions: launches a {@link BoardArrayAcquisition} and
 * prints each junction's calibration (beside the emulated junction's true V50 when known), its bits, bias and own
 * health tests, and why a junction was left out; then the plots and the pool ingest, as a single-junction run.
 */
final class BoardArrayOutput {
    private BoardArrayOutput() {
    }

    static int run(PrintWriter out, Progress progress, String address, BoardAcquisition.Plan plan, Path runsDir,
            String name,
                   boolean calibrate, boolean track, double widthSeconds, Double ohmsPerReadCode, PoolOptions pool,
                   List<Double> trueV50Volts) throws IOException {
        ArrayRunSummary summary = AcquisitionLauncher.boardArray(RunOutput.launch(out, progress, runsDir, name),
                address, plan,
                calibrate ? BoardCalibration.Plan.defaults(widthSeconds, new SecureRandom().nextLong(),
                        ohmsPerReadCode) : null, track ? TrackingPlan.DEFAULT : null);
        print(out, summary, trueV50Volts);
        RunOutput.afterRun(out, progress, summary.folder(), summary.healthPassed(), List.of(), pool, plan.alpha());
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
