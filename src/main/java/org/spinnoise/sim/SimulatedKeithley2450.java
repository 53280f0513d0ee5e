package org.spinnoise.sim;

import java.util.HashMap;
import java.util.Map;

/**
 * A simulated Keithley 2450 source-measure unit speaking its SCPI command set (not TSP), wired to one junction.
 * It sources a voltage (or current) and measures resistance, current or voltage of the junction: Ohm's law on one
 * noisy read of the junction's resistance, with the source clamped at its current limit (or voltage limit) like a
 * real SMU in compliance. Resistance in MANual mode is measured volts over measured amps, so it overflows at 0 V;
 * AUTO mode sources its own test current. With the output off every reading is the overflow value. Reads never
 * change the junction's state.
 */
final class SimulatedKeithley2450 extends ScpiInstrument {
    private static final String SOURCE = "SOURce[1]:";
    private static final String SENSE = "[SENSe[1]:]";

    private final MtjJunction junction;
    private final SettingLimits sourceVoltage;
    private final SettingLimits sourceCurrent;
    private final SettingLimits currentLimit;
    private final SettingLimits voltageLimit;
    private final SettingLimits nplc;
    private final Map<String, Double> nplcByFunction = new HashMap<>();
    private String sourceFunction;
    private double sourceVolts;
    private double sourceAmps;
    private double currentLimitAmps;
    private double voltageLimitVolts;
    private String senseFunction;
    private String resistanceMode;
    private boolean offsetCompensated;
    private boolean outputOn;

    SimulatedKeithley2450(InstrumentModel model, String role, MtjJunction junction) {
        super(model, role);
        this.junction = junction;
        sourceVoltage = model.limit("sourceVoltageVolts");
        sourceCurrent = model.limit("sourceCurrentAmps");
        currentLimit = model.limit("currentLimitAmps");
        voltageLimit = model.limit("voltageLimitVolts");
        nplc = model.limit("nplc");
        reset();
        commands.command(SOURCE + "FUNCtion[:MODE]",
                        (ch, p) -> {
                            p.expect(1);
                            sourceFunction = p.choice(0, "VOLTage", "CURRent");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return sourceFunction;
                        })
                .command(SOURCE + "VOLTage:ILIMit[:LEVel]",
                        (ch, p) -> {
                            p.expect(1);
                            currentLimitAmps = p.number(0, "A", currentLimit);
                        },
                        (ch, p) -> numericAnswer(p, currentLimit, currentLimitAmps))
                .command(SOURCE + "VOLTage[:LEVel][:IMMediate][:AMPLitude]",
                        (ch, p) -> {
                            p.expect(1);
                            sourceVolts = p.number(0, "V", sourceVoltage);
                        },
                        (ch, p) -> numericAnswer(p, sourceVoltage, sourceVolts))
                .command(SOURCE + "CURRent:VLIMit[:LEVel]",
                        (ch, p) -> {
                            p.expect(1);
                            voltageLimitVolts = p.number(0, "V", voltageLimit);
                        },
                        (ch, p) -> numericAnswer(p, voltageLimit, voltageLimitVolts))
                .command(SOURCE + "CURRent[:LEVel][:IMMediate][:AMPLitude]",
                        (ch, p) -> {
                            p.expect(1);
                            sourceAmps = p.number(0, "A", sourceCurrent);
                        },
                        (ch, p) -> numericAnswer(p, sourceCurrent, sourceAmps))
                .command(SENSE + "FUNCtion[:ON]",
                        (ch, p) -> {
                            p.expect(1);
                            senseFunction = measurementFunction(p.string(0));
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return "\"" + (senseFunction.equals("RES") ? "RES" : senseFunction + ":DC") + "\"";
                        })
                .command(SENSE + "RESistance:NPLCycles", (ch, p) -> setNplc("RES", p), (ch, p) -> nplcAnswer("RES", p))
                .command(SENSE + "CURRent[:DC]:NPLCycles", (ch, p) -> setNplc("CURR", p), (ch, p) -> nplcAnswer("CURR", p))
                .command(SENSE + "VOLTage[:DC]:NPLCycles", (ch, p) -> setNplc("VOLT", p), (ch, p) -> nplcAnswer("VOLT", p))
                .command(SENSE + "RESistance:MODE",
                        (ch, p) -> {
                            p.expect(1);
                            resistanceMode = p.choice(0, "MANual", "AUTO");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return resistanceMode;
                        })
                // Offset compensation only lengthens a real measurement; the simulated junction has no offset.
                .command(SENSE + "RESistance:OCOMpensated",
                        (ch, p) -> {
                            p.expect(1);
                            offsetCompensated = p.bool(0);
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return booleanAnswer(offsetCompensated);
                        })
                .command("OUTPut[1][:STATe]",
                        (ch, p) -> {
                            p.expect(1);
                            outputOn = p.bool(0);
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return booleanAnswer(outputOn);
                        })
                .queryOnly("READ", (ch, p) -> {
                    p.expectAtMost(1); // an optional reading-buffer name, which the simulation does not keep
                    return measure(senseFunction);
                })
                .queryOnly("MEASure:RESistance", (ch, p) -> measureWith("RES", p))
                .queryOnly("MEASure:CURRent[:DC]", (ch, p) -> measureWith("CURR", p))
                .queryOnly("MEASure:VOLTage[:DC]", (ch, p) -> measureWith("VOLT", p));
    }

    @Override
    protected void reset() {
        sourceFunction = "VOLT";
        sourceVolts = sourceVoltage.reset();
        sourceAmps = sourceCurrent.reset();
        currentLimitAmps = currentLimit.reset();
        voltageLimitVolts = voltageLimit.reset();
        senseFunction = "CURR";
        resistanceMode = "MAN";
        offsetCompensated = false;
        outputOn = false;
        for (String function : new String[] {"RES", "CURR", "VOLT"}) {
            nplcByFunction.put(function, nplc.reset());
        }
    }

    private static String measurementFunction(String name) throws ScpiError {
        String upper = name.trim().toUpperCase(java.util.Locale.ROOT);
        if (upper.equals("RES") || upper.equals("RESISTANCE")) {
            return "RES";
        }
        if (upper.equals("CURR") || upper.equals("CURR:DC") || upper.equals("CURRENT") || upper.equals("CURRENT:DC")) {
            return "CURR";
        }
        if (upper.equals("VOLT") || upper.equals("VOLT:DC") || upper.equals("VOLTAGE") || upper.equals("VOLTAGE:DC")) {
            return "VOLT";
        }
        throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "unknown measure function " + name);
    }

    private void setNplc(String function, Parameters p) throws ScpiError {
        p.expect(1);
        nplcByFunction.put(function, p.number(0, "", nplc));
    }

    private String nplcAnswer(String function, Parameters p) throws ScpiError {
        return numericAnswer(p, nplc, nplcByFunction.get(function));
    }

    private String measureWith(String function, Parameters p) throws ScpiError {
        p.expectAtMost(1);
        senseFunction = function;
        return measure(function);
    }

    private String measure(String function) {
        if (!outputOn || junction == null) {
            return model.overflowReply();
        }
        double resistanceOhms = junction.readResistanceOhms(nplcByFunction.get(function));
        if (function.equals("RES") && resistanceMode.equals("AUTO")) {
            return model.formatNumber(resistanceOhms);
        }
        double volts;
        double amps;
        if (sourceFunction.equals("VOLT")) {
            amps = sourceVolts / resistanceOhms;
            if (Math.abs(amps) > currentLimitAmps) {
                amps = Math.copySign(currentLimitAmps, amps);
            }
            volts = amps * resistanceOhms;
        } else {
            volts = sourceAmps * resistanceOhms;
            if (Math.abs(volts) > voltageLimitVolts) {
                volts = Math.copySign(voltageLimitVolts, volts);
            }
            amps = volts / resistanceOhms;
        }
        switch (function) {
            case "CURR":
                return model.formatNumber(amps);
            case "VOLT":
                return model.formatNumber(volts);
            default:
                return amps == 0 ? model.overflowReply() : model.formatNumber(volts / amps);
        }
    }
}
