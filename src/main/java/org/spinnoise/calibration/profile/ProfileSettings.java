package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;

/**
 * The recipe settings a profile was calibrated under: the hard limits, the channel wiring, the read bias the
 * threshold was measured with, the reset and set pulses, and the switching sweep. An acquisition that trusts the
 * profile must read and reset the junction the same way, or the threshold and V50 would not apply.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileSettings(double maxJunctionVolts, double maxCurrentAmps, int writeChannel, int resetChannel,
                              double readBiasVolts, double readCurrentLimitAmps, double readNplc,
                              double resetAmplitudeVolts, double resetWidthSeconds, double setAmplitudeVolts,
                              int readsPerState, double sweepStartVolts, double sweepStopVolts, int sweepPoints,
                              int sweepPulsesPerPoint, double sweepWidthSeconds, long sweepSeed) {

    public ProfileSettings {
        Fields.positive("max_junction_volts", maxJunctionVolts);
        Fields.positive("max_current_amps", maxCurrentAmps);
        Fields.finite("read_bias_volts", readBiasVolts);
        Fields.positive("read_current_limit_amps", readCurrentLimitAmps);
        Fields.positive("read_nplc", readNplc);
        if (!(resetAmplitudeVolts < 0) || !Double.isFinite(resetAmplitudeVolts)) {
            throw new IllegalArgumentException("reset_amplitude_volts must be negative, got " + resetAmplitudeVolts);
        }
        Fields.positive("reset_width_seconds", resetWidthSeconds);
        Fields.positive("set_amplitude_volts", setAmplitudeVolts);
        Fields.positive("sweep_start_volts", sweepStartVolts);
        Fields.positive("sweep_stop_volts", sweepStopVolts);
        Fields.positive("sweep_width_seconds", sweepWidthSeconds);
        if (readsPerState < 1 || sweepPoints < 1 || sweepPulsesPerPoint < 1) {
            throw new IllegalArgumentException("reads_per_state, sweep_points and sweep_pulses_per_point must be "
                    + "positive, got " + readsPerState + ", " + sweepPoints + ", " + sweepPulsesPerPoint);
        }
    }

    /** The settings of a calibration made with these recipe parts. */
    public static ProfileSettings of(SafetyLimits limits, int writeChannel, int resetChannel, ReadBias read,
                                     PulseShape reset, double setAmplitudeVolts, int readsPerState, SweepPlan sweep,
                                     long sweepSeed) {
        return new ProfileSettings(limits.maxJunctionVolts(), limits.maxCurrentAmps(), writeChannel, resetChannel,
                read.biasVolts(), read.currentLimitAmps(), read.nplc(), reset.amplitudeVolts(), reset.widthSeconds(),
                setAmplitudeVolts, readsPerState, sweep.startVolts(), sweep.stopVolts(), sweep.points(),
                sweep.pulsesPerPoint(), sweep.widthSeconds(), sweepSeed);
    }

    public ReadBias read() {
        return new ReadBias(readBiasVolts, readCurrentLimitAmps, readNplc);
    }

    public PulseShape reset() {
        return new PulseShape(resetAmplitudeVolts, resetWidthSeconds);
    }

    /** The set pulse of the threshold measurement (at the sweep's width, as the calibration fired it). */
    public PulseShape set() {
        return new PulseShape(setAmplitudeVolts, sweepWidthSeconds);
    }
}
