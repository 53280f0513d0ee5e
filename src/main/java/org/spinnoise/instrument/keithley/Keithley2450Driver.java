package org.spinnoise.instrument.keithley;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.instrument.SourceMeterDriver;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/** Registers {@link Keithley2450} for Keithley 2450, 2460 and 2461 source-measure units (SCPI command set). */
public final class Keithley2450Driver implements SourceMeterDriver {

    @Override
    public String name() {
        return "Keithley 2450-family SourceMeter (SCPI)";
    }

    @Override
    public String models() {
        return "Keithley 2450, 2460, 2461";
    }

    @Override
    public boolean drives(Identity id) {
        return Keithley2450.drives(id);
    }

    @Override
    public SourceMeter open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new Keithley2450(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String manual = "2450 Reference Manual 2450-901-01 Rev. B";
        return new InstrumentLimits("source-measure unit", List.of(
                new Limit("source voltage", "±200 V range (±210 V overrange not used)", manual + ", p. 6-75"),
                new Limit("current limit", "1 nA to 1.05 A", manual + ", p. 6-71; SPEC-2450 p. 3"),
                new Limit("integration", "0.01 to 10 PLC", manual + ", p. 6-48")),
                false, "not yet: the per-bit scheme only");
    }
}
