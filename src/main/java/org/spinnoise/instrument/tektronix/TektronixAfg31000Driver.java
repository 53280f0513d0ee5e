package org.spinnoise.instrument.tektronix;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseGeneratorDriver;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/** Registers {@link TektronixAfg31000} for the Tektronix AFG31000 series (AFG31021 to AFG31252). */
public final class TektronixAfg31000Driver implements PulseGeneratorDriver {

    @Override
    public String name() {
        return "Tektronix AFG31000";
    }

    @Override
    public String models() {
        return "Tektronix AFG31021/22/51/52/101/102/151/152/251/252";
    }

    @Override
    public boolean drives(Identity id) {
        return TektronixAfg31000.drives(id);
    }

    @Override
    public PulseGenerator open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new TektronixAfg31000(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String noManual = " (AFG31000 programmer manual NOT FOUND)";
        return new InstrumentLimits("pulse generator", List.of(
                new Limit("channels", Integer.toString(TektronixAfg31000.channelsOf(id)),
                        "model number: two-channel models end in 2"),
                new Limit("minimum pulse width", TektronixAfg31000.minWidthSeconds(id) * 1e9 + " ns",
                        "pymeasure AFG31000 driver" + noManual),
                new Limit("levels", "within ±" + TektronixAfg31000.maxLevelVolts(id) + " V into high impedance",
                        "Tektronix tm_devices AFG31K driver" + noManual),
                new Limit("trigger delay", "0 to 85 s, 100 ps", "AFG3000 BURSt:TDELay [sibling]")),
                true, "external edge at the rear trigger input fires both channels; the write burst is delayed");
    }
}
