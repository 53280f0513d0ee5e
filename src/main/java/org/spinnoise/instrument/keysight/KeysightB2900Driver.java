package org.spinnoise.instrument.keysight;

import java.util.List;
import org.spinnoise.instrument.InstrumentLimits;
import org.spinnoise.instrument.InstrumentLimits.Limit;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.SourceMeter;
import org.spinnoise.instrument.SourceMeterDriver;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/** Registers {@link KeysightB2900} for Keysight/Agilent B2901A/B2902A/B2911A/B2912A (and B-model) SMUs, channel 1. */
public final class KeysightB2900Driver implements SourceMeterDriver {

    @Override
    public String name() {
        return "Keysight B2900 precision SMU (SCPI)";
    }

    @Override
    public String models() {
        return "Keysight/Agilent B2901A, B2902A, B2911A, B2912A (B models assumed alike: no B manual found)";
    }

    @Override
    public boolean drives(Identity id) {
        return KeysightB2900.drives(id);
    }

    @Override
    public SourceMeter open(ScpiSession session, Identity id, SafetyLimits limits) {
        return new KeysightB2900(session, id, limits);
    }

    @Override
    public InstrumentLimits limits(Identity id) {
        String reference = "Agilent B2900 SCPI Command Reference B2910-90030 Ed. 2";
        String sibling = "B2961A/B2962A SCPI Command Reference B2961-90030 Ed. 6 (sibling)";
        String dataSheet = "Keysight B2900A data sheet";
        return new InstrumentLimits("source-measure unit", List.of(
                new Limit("source voltage", "±210 V", reference + ", p. 4-93; " + sibling + ", p. 2-36"),
                new Limit("current limit", "10 nA to 3.03 A DC", sibling + ", pp. 4-90, 2-36 (lower bound NOT FOUND)"),
                new Limit("integration", "4.8E-4 to 100 PLC", sibling + ", pp. 4-87/4-88"),
                new Limit("batch", "1 to 100,000 readings; arm timer from 20 µs", dataSheet + ", p. 17")),
                true, "SMU-paced: per reading an edge on DIO pin EXTn (:TRIG:ACQ:TOUT), the trigger delay, one reading;"
                        + " the whole batch in one :FETC:ARR:RES? reply");
    }
}
