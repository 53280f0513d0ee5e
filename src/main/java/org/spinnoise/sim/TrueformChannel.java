package org.spinnoise.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of one output channel of a simulated Trueform generator and the pulses it delivers. Levels are stored as the
 * instrument shows them, i.e. as the voltage across the load named by {@code OUTPut:LOAD}; the voltage the
 * high-impedance junction really sees is the open-circuit voltage, {@code (R+50)/R} times larger, so twice the setting
 * when the load is left at 50 Ω. Changing the load rescales the shown levels and keeps the physical output, as the
 * real instrument does. A trigger delivers a burst only when the function is PULSe, burst is on in triggered mode and
 * the output is on; otherwise it does nothing, silently, like the instrument.
 */
final class TrueformChannel {
    private static final Logger LOG = LoggerFactory.getLogger(TrueformChannel.class);

    private final int number;
    private final MtjJunction junction;
    private final double sourceImpedanceOhms;
    String function;
    double widthSeconds;
    double periodSeconds;
    double highVolts;
    double lowVolts;
    boolean burstOn;
    String burstMode;
    long burstCycles;
    String triggerSource;
    boolean outputOn;
    double loadOhms;
    boolean inverted;
    private long pulsesDelivered;
    /** The LOW level last warned about, so a long acquisition logs the DC bias once, not once per trigger. */
    private double lowVoltsWarnedAbout = Double.NaN;

    /** {@code junction} may be null for a channel the bench leaves unwired. */
    TrueformChannel(int number, MtjJunction junction, double sourceImpedanceOhms) {
        this.number = number;
        this.junction = junction;
        this.sourceImpedanceOhms = sourceImpedanceOhms;
    }

    /** Open-circuit volts per volt of level setting for the present load setting. */
    double openCircuitFactor() {
        return openCircuitFactor(loadOhms);
    }

    private double openCircuitFactor(double ohms) {
        return Double.isInfinite(ohms) ? 1.0 : (ohms + sourceImpedanceOhms) / ohms;
    }

    /** Sets the load and rescales the shown levels so the physical output stays the same. */
    void changeLoad(double newLoadOhms) {
        double scale = openCircuitFactor(loadOhms) / openCircuitFactor(newLoadOhms);
        highVolts *= scale;
        lowVolts *= scale;
        loadOhms = newLoadOhms;
    }

    /** The signed pulse amplitude the junction sees. */
    double junctionAmplitudeVolts() {
        double amplitudeVolts = (highVolts - lowVolts) * openCircuitFactor();
        return inverted ? -amplitudeVolts : amplitudeVolts;
    }

    /** Handles a trigger event; returns the number of pulses delivered. */
    long trigger() {
        boolean armed = "PULS".equals(function) && burstOn && "TRIG".equals(burstMode) && outputOn;
        if (!armed || junction == null) {
            LOG.debug("channel {} trigger ignored: function {}, burst {} {}, output {}, wired {}",
                    number, function, burstOn, burstMode, outputOn, junction != null);
            return 0;
        }
        if (lowVolts != 0 && lowVolts != lowVoltsWarnedAbout) {
            lowVoltsWarnedAbout = lowVolts;
            LOG.warn("channel {}: LOW level {} V is not 0, so the junction sits at a DC bias of {} V between pulses",
                    number, lowVolts, lowVolts * openCircuitFactor());
        }
        double amplitudeVolts = junctionAmplitudeVolts();
        for (long i = 0; i < burstCycles; i++) {
            junction.applyPulse(amplitudeVolts, widthSeconds);
        }
        pulsesDelivered += burstCycles;
        return burstCycles;
    }

    long pulsesDelivered() {
        return pulsesDelivered;
    }
}
