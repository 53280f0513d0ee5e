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
 * Registers {@link Keithley2600} for the Keithley Series 2600B System SourceMeters (TSP), on SMU channel A, with the
 * manual's default autozero (AUTO).
 */
public final class Keithley2600Driver implements SourceMeterDriver {

    @Override
    public String name() {
        return "Keithley Series 2600B System SourceMeter (TSP, channel smua)";
    }

    @Override
    public String models() {
        return "Keithley 2601B, 2602B, 2604B, 2611B, 2612B, 2614B, 2634B, 2635B, 2636B";
    }

    @Override
    public boolean drives(Identity id) {
        return Keithley2600.drives(id);
    }

    @Override
    public SourceMeter open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new Keithley2600(session, id, limits, Keithley2600.AutoZero.AUTO);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String manual = "Series 2600B Reference Manual 2600BS-901-01";
        boolean digio = !id.model().matches(".*26(04|14|34)B.*");
        return new InstrumentLimits("source-measure unit", List.of(
                new Limit("source voltage", "range per model NOT FOUND; driver allows ±40 V (260xB voltage limit)",
                        manual + " Rev. F p. 9-244"),
                new Limit("current limit", "10 nA to 1.5 A (common to all models)", manual + " Rev. F p. 9-244"),
                new Limit("integration", "0.001 to 25 PLC", manual + " Rev. F p. 2-50"),
                new Limit("batch size", "1 to " + Keithley2600Batch.MAX_READINGS + " readings (smua.nvbuffer1)",
                        manual + " Rev. F p. 9-20")),
                digio, digio ? "SMU-paced: digio.trigger[N].assert(), delay, smua.measure.r(smua.nvbuffer1), one "
                        + "printbuffer reply (digital I/O lines 1-14, RMB 7-52)"
                        : "no: this model has no digital I/O port (RMB 7-52)");
    }
}
