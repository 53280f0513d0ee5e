package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;
import org.spinnoise.calibration.SigmoidFitResult;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.calibration.board.BoardThreshold;
import org.spinnoise.calibration.board.ReadDistribution;

/**
 * A board run's calibration for the manifest: the P and AP read distributions in read-DAC codes, the comparator
 * threshold and guard band placed between them, the read error rate and TMR, the resistances when the board's ohms per
 * read code was given (null otherwise: the protocol does not carry it), the AP write used, the sweep's sigmoid fit and
 * the pulses each stage cost.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BoardCalibrationRecord(ReadDistribution parallel, ReadDistribution antiparallel,
                                     double antiparallelWeight, int thresholdCode, int guardBandCodes,
                                     double readErrorRate, double tmr, double readVoltsPerCode,
                                     Double ohmsPerReadCode, Double parallelOhms, Double antiparallelOhms,
                                     double antiparallelWriteVolts, SigmoidFitResult sweepFit,
                                     Double sweepFitPValue, Map<String, Long> pulsesByStage, long pulses) {

    public static BoardCalibrationRecord of(BoardCalibration.Result r) {
        BoardThreshold t = r.threshold();
        Double pOhms = t.ohmsKnown() ? t.ohms(t.parallel().meanCode()) : null;
        Double apOhms = t.ohmsKnown() ? t.ohms(t.antiparallel().meanCode()) : null;
        double pValue = r.fit().goodnessOfFitPValue();
        return new BoardCalibrationRecord(t.parallel(), t.antiparallel(), t.antiparallelWeight(), t.thresholdCode(),
                t.guardBandCodes(), t.readErrorRate(), t.tmr(), t.readVoltsPerCode(), t.ohmsPerReadCode(), pOhms,
                apOhms, t.antiparallelWriteVolts(), r.fit(), Double.isNaN(pValue) ? null : pValue, r.pulsesByStage(),
                r.pulses());
    }
}
