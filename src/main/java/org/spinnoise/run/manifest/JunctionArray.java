package org.spinnoise.run.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.scpi.Identity;

/**
 * A junction-array run: each junction with its site's instruments, how its calibration went, what it gave (bits,
 * ones, bits discarded, its own health tests) and whether it was kept to the end, ended with a stop, dropped or never
 * calibrated, and why. {@code junctionsFile} is the same per junction as a table, {@code blocksFile} says which
 * junction made each stretch of {@code bits.bin}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JunctionArray(String junctionsFile, String blocksFile, String bitsHeldBackFor, List<Junction> junctions) {

    /** Junction status: calibrated and making bits (until the run's end). */
    public static final String KEPT = "kept";
    /** Junction status: its calibration failed, so it made no bits. */
    public static final String NOT_CALIBRATED = "not-calibrated";
    /** Junction status: dropped during the acquisition. */
    public static final String DROPPED = "dropped";
    /** Junction status: its source ended before the run had its bits (a stop). */
    public static final String ENDED = "ended";

    public JunctionArray {
        junctions = List.copyOf(junctions);
    }

    /** This array with junction {@code id}'s record changed. */
    public JunctionArray with(int id, UnaryOperator<Junction> change) {
        List<Junction> all = new ArrayList<>();
        for (Junction j : junctions) {
            all.add(j.junction() == id ? change.apply(j) : j);
        }
        return new JunctionArray(junctionsFile, blocksFile, bitsHeldBackFor, all);
    }

    /**
     * One junction.
     *
     * @param junction        its id (the site's position in the array, from 0)
     * @param pulseAddress    its pulse generator's address
     * @param smuAddress      its SMU's address
     * @param pulse           the pulse generator's {@code *IDN?}
     * @param smu             the SMU's {@code *IDN?}
     * @param status          {@value #KEPT}, {@value #NOT_CALIBRATED}, {@value #DROPPED} or {@value #ENDED}
     * @param reason          why it was not calibrated or was dropped
     * @param thresholdOhms   its read threshold
     * @param v50Volts        its fitted V50
     * @param v50StdErrVolts  the fit's standard error of V50
     * @param deltaVolts      its fitted ΔV
     * @param writeVolts      the write amplitude it was run at
     * @param bits            bits it gave to the run
     * @param ones            ones among them
     * @param bias            ones fraction minus one half (null before it gave any)
     * @param bitsDiscarded   bits it made that the run did not keep
     * @param healthFailures  failures of its own health tests
     * @param health          its own health tests
     * @param safeState       its outputs' safe state when it was dropped or left out early (null otherwise)
     * @param boardCalibration on a board array, its board calibration (null on a bench array)
     * @param boardApplied    on a board array, the operating point the board applied for this junction's stream (its
     *                        CONFIGURE_ACK: write and reset volts and widths after calibration; with drift tracking the
     *                        last write applied); null on a bench array, before it streamed, and in older manifests
     * @param boardStream     on a board array, this junction's own streams' counts as the host saw them on the wire
     *                        (every one of its streams ran with its mask alone, so each STREAM frame's pulses and bits
     *                        are this junction's; calibration streams are not in it); null as {@code boardApplied}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Junction(int junction, String pulseAddress, String smuAddress, Identity pulse, Identity smu,
                           String status, String reason, Double thresholdOhms, Double v50Volts,
                           Double v50StdErrVolts, Double deltaVolts, Double writeVolts, long bits, long ones,
                           Double bias, long bitsDiscarded, long healthFailures, List<HealthTestReport> health,
                           Map<String, String> safeState, BoardCalibrationRecord boardCalibration,
                           BoardOperatingPoint boardApplied, StreamReport boardStream) {

        /** A junction about to be calibrated. */
        public static Junction of(int junction, String pulseAddress, String smuAddress, Identity pulse, Identity smu) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, KEPT, null, null, null, null, null,
                    null, 0, 0, null, 0, 0, null, null, null, null, null);
        }

        public Junction withCalibration(Double thresholdOhms, double v50Volts, double v50StdErrVolts,
                                        double deltaVolts, double writeVolts) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, status, reason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, bits, ones, bias, bitsDiscarded,
                    healthFailures, health, safeState, boardCalibration, boardApplied, boardStream);
        }

        public Junction withStatus(String newStatus, String newReason) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, newStatus, newReason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, bits, ones, bias, bitsDiscarded,
                    healthFailures, health, safeState, boardCalibration, boardApplied, boardStream);
        }

        public Junction withCounts(long newBits, long newOnes, long newDiscarded, long newFailures,
                                   List<HealthTestReport> newHealth) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, status, reason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, newBits, newOnes,
                    newBits == 0 ? null : (double) newOnes / newBits - 0.5, newDiscarded, newFailures,
                    List.copyOf(newHealth), safeState, boardCalibration, boardApplied, boardStream);
        }

        /** This junction with its board calibration (a board array's junction). */
        public Junction withBoardCalibration(BoardCalibrationRecord record) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, status, reason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, bits, ones, bias, bitsDiscarded,
                    healthFailures, health, safeState, record, boardApplied, boardStream);
        }

        /** This junction with what its board streams applied and counted (a board array's junction). */
        public Junction withBoardStream(BoardOperatingPoint applied, StreamReport stream) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, status, reason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, bits, ones, bias, bitsDiscarded,
                    healthFailures, health, safeState, boardCalibration, applied, stream);
        }

        public Junction withSafeState(Map<String, String> outputs) {
            return new Junction(junction, pulseAddress, smuAddress, pulse, smu, status, reason, thresholdOhms,
                    v50Volts, v50StdErrVolts, deltaVolts, writeVolts, bits, ones, bias, bitsDiscarded,
                    healthFailures, health, outputs, boardCalibration, boardApplied, boardStream);
        }
    }
}
