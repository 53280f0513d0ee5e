package org.spinnoise.instrument.keithley;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.instrument.SourceMeterDriver;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/**
 * Registers {@link Keithley2400} for Keithley 2400, 2401, 2410, 2420, 2425, 2430 and 2440 SourceMeters (SCPI command
 * set). The 2450 family answers its own driver, {@link Keithley2450Driver}.
 */
public final class Keithley2400Driver implements SourceMeterDriver {
    private static final String MANUAL = "Series 2400 User's Manual 2400S-900-01 Rev. K";

    @Override
    public String name() {
        return "Keithley 2400-series SourceMeter (SCPI)";
    }

    @Override
    public String models() {
        return "Keithley 2400, 2401, 2410, 2420, 2425, 2430, 2440";
    }

    @Override
    public boolean drives(Identity id) {
        return Keithley2400.drives(id);
    }

    @Override
    public SourceMeter open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new Keithley2400(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        Keithley2400Rating rating = Keithley2400Rating.of(id);
        if (rating == null) {
            throw new IllegalArgumentException(id.label() + " is not a Keithley 2400-series SourceMeter");
        }
        return new InstrumentLimits("source-measure unit", List.of(
                new Limit("source voltage", "±" + rating.maxSourceVolts() + " V (model " + rating.model() + ")",
                        MANUAL + ", pp. 18-79, 18-84"),
                new Limit("current compliance", "1 nA to " + rating.maxComplianceAmps() + " A",
                        MANUAL + ", p. 18-68"),
                new Limit("integration", "0.01 to 10 PLC", MANUAL + ", Table 18-6 p. 18-13"),
                new Limit("paced batch", "1 to " + Keithley2400Batch.MAX_READINGS + " readings, Trigger Link lines 1-4",
                        MANUAL + ", pp. 18-115, 11-16, 11-19")),
                true, "trigger model: one output trigger per reading on a Trigger Link line after the source action, "
                        + "trigger delay as settle time, readings into the 2500-reading buffer, one :TRAC:DATA? reply");
    }
}
