package org.spinnoise.instrument.keysight;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseGeneratorDriver;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/** Registers {@link Keysight8116x} for the Keysight (Agilent) 81150A and 81160A pulse function generators. */
public final class Keysight8116xDriver implements PulseGeneratorDriver {

    @Override
    public String name() {
        return "Keysight 81150A/81160A";
    }

    @Override
    public String models() {
        return "Keysight/Agilent 81150A and 81160A";
    }

    @Override
    public boolean drives(Identity id) {
        return Keysight8116x.drives(id);
    }

    @Override
    public PulseGenerator open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new Keysight8116x(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String guide = "81150A/81160A User's Guide";
        boolean is81160 = id.model().startsWith("81160");
        return new InstrumentLimits("pulse generator", List.of(
                new Limit("channels", "2", guide + " p. 126 (two-channel instrument assumed; one-channel units "
                        + "are not told apart: NOT FOUND)"),
                new Limit("pulse period", (is81160 ? "3.03 ns" : "8.33 ns") + " to 1,000,000 s", guide + ", p. 142"),
                new Limit("pulse width", "at least the minimum period (width page NOT FOUND)", guide + ", p. 142"),
                new Limit("levels", "driver cap ±5 V (level window NOT FOUND)", "third-party 81150A driver"),
                new Limit("trigger", "one pulse per edge; edges during a pulse ignored", guide + ", p. 92")),
                true, "external edge at the external input fires reset then write (write delayed by :PULS:DEL)");
    }
}
