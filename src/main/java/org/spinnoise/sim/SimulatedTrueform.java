package org.spinnoise.sim;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A simulated Keysight 33500B/33600A Trueform waveform generator (e.g. 33622A, two channels) as a write-pulse source.
 * Implements the pulse, level, burst, trigger and output commands of its programming guide with their queries,
 * {@code MIN|MAX|DEF}, range checks (-222, setting unchanged), conflicts (-221) and coercion of times to the model's
 * resolution. {@code TRIGger<n>} fires channel n's burst; {@code *TRG} fires each channel whose trigger source is BUS.
 */
final class SimulatedTrueform extends ScpiInstrument {
    private final TrueformChannel[] channels;
    private final SettingLimits width;
    private final SettingLimits period;
    private final SettingLimits high;
    private final SettingLimits low;
    private final SettingLimits cycles;
    private final SettingLimits load;

    SimulatedTrueform(InstrumentModel model, String role, Map<Integer, MtjJunction> wiring) {
        super(model, role);
        width = model.limit("pulseWidthSeconds");
        period = model.limit("pulsePeriodSeconds");
        high = model.limit("highLevelVolts");
        low = model.limit("lowLevelVolts");
        cycles = model.limit("burstCycles");
        load = model.limit("loadOhms");
        channels = new TrueformChannel[model.channels()];
        for (int i = 0; i < channels.length; i++) {
            channels[i] = new TrueformChannel(i + 1, wiring.get(i + 1), model.sourceImpedanceOhms());
        }
        reset();
        String n = IntStream.rangeClosed(1, channels.length).mapToObj(Integer::toString)
                .collect(Collectors.joining("|", "[", "]"));
        String source = "[SOURce" + n + ":]";
        commands.command(source + "FUNCtion[:SHAPe]",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).function = p.choice(0, "SINusoid", "SQUare", "PULSe", "DC");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return channel(ch).function;
                        })
                .command(source + "FUNCtion:PULSe:WIDTh", this::setWidth,
                        (ch, p) -> numericAnswer(p, width, channel(ch).widthSeconds))
                .command(source + "FUNCtion:PULSe:PERiod", this::setPeriod,
                        (ch, p) -> numericAnswer(p, period, channel(ch).periodSeconds))
                .command(source + "VOLTage:HIGH", this::setHigh,
                        (ch, p) -> numericAnswer(p, high, channel(ch).highVolts))
                .command(source + "VOLTage:LOW", this::setLow,
                        (ch, p) -> numericAnswer(p, low, channel(ch).lowVolts))
                .command(source + "BURSt:STATe",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).burstOn = p.bool(0);
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return booleanAnswer(channel(ch).burstOn);
                        })
                .command(source + "BURSt:MODE",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).burstMode = p.choice(0, "TRIGgered", "GATed");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return channel(ch).burstMode;
                        })
                .command(source + "BURSt:NCYCles",
                        (ch, p) -> {
                            p.expect(1);
                            double value = p.number(0, "", cycles);
                            if (value != Math.rint(value)) {
                                throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE, "NCYC must be a whole number: " + value);
                            }
                            channel(ch).burstCycles = (long) value;
                        },
                        (ch, p) -> numericAnswer(p, cycles, channel(ch).burstCycles))
                .command("TRIGger" + n + ":SOURce",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).triggerSource = p.choice(0, "IMMediate", "EXTernal", "TIMer", "BUS");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return channel(ch).triggerSource;
                        })
                .setOnly("TRIGger" + n + "[:IMMediate]", (ch, p) -> {
                    p.expect(0);
                    channel(ch).trigger();
                })
                .command("OUTPut" + n + ":LOAD", this::setLoad,
                        (ch, p) -> numericAnswer(p, load, channel(ch).loadOhms == Double.POSITIVE_INFINITY
                                ? 9.9e37 : channel(ch).loadOhms))
                .command("OUTPut" + n + ":POLarity",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).inverted = p.choice(0, "NORMal", "INVerted").equals("INV");
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return channel(ch).inverted ? "INV" : "NORM";
                        })
                .command("OUTPut" + n + "[:STATe]",
                        (ch, p) -> {
                            p.expect(1);
                            channel(ch).outputOn = p.bool(0);
                        },
                        (ch, p) -> {
                            p.expect(0);
                            return booleanAnswer(channel(ch).outputOn);
                        });
    }

    @Override
    protected void reset() {
        for (TrueformChannel channel : channels) {
            channel.function = "SIN";
            channel.widthSeconds = width.reset();
            channel.periodSeconds = period.reset();
            channel.highVolts = high.reset();
            channel.lowVolts = low.reset();
            channel.burstOn = false;
            channel.burstMode = "TRIG";
            channel.burstCycles = (long) cycles.reset();
            channel.triggerSource = "IMM";
            channel.outputOn = false;
            channel.loadOhms = load.reset();
            channel.inverted = false;
        }
    }

    @Override
    protected void busTrigger() {
        for (TrueformChannel channel : channels) {
            if ("BUS".equals(channel.triggerSource)) {
                channel.trigger();
            }
        }
    }

    /** Pulses channel {@code number} (1-based) has delivered to its junction. */
    synchronized long pulsesDelivered(int number) {
        return channel(number).pulsesDelivered();
    }

    private TrueformChannel channel(int number) {
        return channels[number - 1];
    }

    private void setWidth(int ch, Parameters p) throws ScpiError {
        p.expect(1);
        double value = width.coerce(p.number(0, "S", width));
        if (value >= channel(ch).periodSeconds) {
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "width " + value + " s not below period");
        }
        channel(ch).widthSeconds = value;
    }

    private void setPeriod(int ch, Parameters p) throws ScpiError {
        p.expect(1);
        double value = period.coerce(p.number(0, "S", period));
        if (value <= channel(ch).widthSeconds) {
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "period " + value + " s not above width");
        }
        channel(ch).periodSeconds = value;
    }

    private void setHigh(int ch, Parameters p) throws ScpiError {
        p.expect(1);
        double value = high.coerce(checkLevel(ch, p.number(0, "V", high)));
        if (value <= channel(ch).lowVolts) {
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "high level " + value + " V not above low level");
        }
        channel(ch).highVolts = value;
    }

    private void setLow(int ch, Parameters p) throws ScpiError {
        p.expect(1);
        double value = low.coerce(checkLevel(ch, p.number(0, "V", low)));
        if (value >= channel(ch).highVolts) {
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "low level " + value + " V not below high level");
        }
        channel(ch).lowVolts = value;
    }

    /** Levels are limited by the open-circuit swing of the output stage, which depends on the load setting. */
    private double checkLevel(int ch, double volts) throws ScpiError {
        double maxVolts = model.maxOpenCircuitVolts() / channel(ch).openCircuitFactor();
        if (Math.abs(volts) > maxVolts + 1e-12) {
            throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE,
                    String.format(Locale.ROOT, "level %g V beyond ±%g V at this load", volts, maxVolts));
        }
        return volts;
    }

    private void setLoad(int ch, Parameters p) throws ScpiError {
        p.expect(1);
        double ohms = p.isKeyword(0, "INFinity") ? Double.POSITIVE_INFINITY : load.coerce(p.number(0, "OHM", load));
        channel(ch).changeLoad(ohms);
    }
}
