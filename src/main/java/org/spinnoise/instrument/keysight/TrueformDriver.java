package org.spinnoise.instrument.keysight;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseGeneratorDriver;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/** Registers {@link Trueform33600} for Keysight/Agilent 33500B and 33600A series generators. */
public final class TrueformDriver implements PulseGeneratorDriver {

    @Override
    public String name() {
        return "Keysight 33500B/33600A Trueform";
    }

    @Override
    public String models() {
        return "Keysight/Agilent 33500B and 33600A series";
    }

    @Override
    public boolean drives(Identity id) {
        return Trueform33600.drives(id);
    }

    @Override
    public PulseGenerator open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new Trueform33600(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String guide = "Agilent 33500 Series Operating and Service Guide";
        return new InstrumentLimits("pulse generator", List.of(
                new Limit("channels", Integer.toString(Trueform33600.channelsOf(id)),
                        "model number: two-channel models end in 0 or 2"),
                new Limit("pulse width", "16 ns to 1,000,000 s", guide + ", Pulse Width, p. 69"),
                new Limit("levels", "within ±5 V into 50 Ω (±10 V open circuit)", guide + ", p. 215"),
                new Limit("burst cycles", "1 to 100,000,000", "33500 web help, BURSt:NCYCles")),
                false, "not yet: the per-bit scheme only");
    }
}
