package org.spinnoise.sim;

/**
 * Common ground of every simulated SCPI instrument: its model, error queue, event status register and the IEEE 488.2
 * common commands ({@code *IDN? *RST *CLS *OPC *OPC? *ESR? *ESE *ESE? *TRG *WAI}) plus {@code SYSTem:ERRor[:NEXT]?} and
 * {@code SYSTem:ERRor:COUNt?}. Subclasses add their own rows to the command table and define what reset and a bus
 * trigger do. Messages are executed one at a time per instrument, whichever connection they arrive on, because a
 * real instrument has one parser.
 */
abstract class ScpiInstrument {
    protected final InstrumentModel model;
    protected final ScpiCommandTable commands = new ScpiCommandTable();
    private final EventStatusRegister eventStatus = new EventStatusRegister();
    private final ErrorQueue errors;
    private final ScpiInterpreter interpreter;
    /** Which event-status bits would raise a service request; kept and reported, as IEEE 488.2 requires. */
    private int eventStatusEnable;

    protected ScpiInstrument(InstrumentModel model, String role) {
        this.model = model;
        this.errors = new ErrorQueue(model.errorQueueCapacity(), eventStatus);
        this.interpreter = new ScpiInterpreter(commands, errors, role);
        commands.queryOnly("*IDN", (channel, p) -> {
                    p.expect(0);
                    return model.idn();
                })
                .setOnly("*RST", (channel, p) -> {
                    p.expect(0);
                    reset();
                })
                .setOnly("*CLS", (channel, p) -> {
                    p.expect(0);
                    errors.clear();
                    eventStatus.clear();
                })
                // Every command completes before the next is parsed, so operation is always complete.
                .command("*OPC", (channel, p) -> {
                    p.expect(0);
                    eventStatus.set(EventStatusRegister.OPERATION_COMPLETE);
                }, (channel, p) -> {
                    p.expect(0);
                    return "1";
                })
                .queryOnly("*ESR", (channel, p) -> {
                    p.expect(0);
                    return Integer.toString(eventStatus.readAndClear());
                })
                .command("*ESE", (channel, p) -> {
                    p.expect(1);
                    double mask = p.rawNumber(0, "");
                    if (mask != Math.rint(mask) || mask < 0 || mask > 255) {
                        throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE, "*ESE mask " + mask + " outside 0..255");
                    }
                    eventStatusEnable = (int) mask;
                }, (channel, p) -> {
                    p.expect(0);
                    return Integer.toString(eventStatusEnable);
                })
                .setOnly("*TRG", (channel, p) -> {
                    p.expect(0);
                    busTrigger();
                })
                .setOnly("*WAI", (channel, p) -> p.expect(0))
                .queryOnly("SYSTem:ERRor:COUNt", (channel, p) -> {
                    p.expect(0);
                    return Integer.toString(errors.count());
                })
                .queryOnly("SYSTem:ERRor[:NEXT]", (channel, p) -> {
                    p.expect(0);
                    return model.formatError(errors.next());
                });
    }

    /** Executes one received line; returns the reply without terminator, or null if nothing is to be answered. */
    final synchronized String handle(String line) {
        return interpreter.execute(line);
    }

    final String idn() {
        return model.idn();
    }

    /** Restores the {@code *RST} state of the instrument's settings. */
    protected abstract void reset();

    /** What {@code *TRG} does; instruments without a bus trigger ignore it. */
    protected void busTrigger() {
    }

    /** A numeric query answer: the current value, or the limit when the query is sent with MIN or MAX. */
    protected final String numericAnswer(Parameters p, SettingLimits limits, double current) throws ScpiError {
        p.expectAtMost(1);
        if (p.size() == 1) {
            if (p.isKeyword(0, "MINimum")) {
                return model.formatNumber(limits.min());
            }
            if (p.isKeyword(0, "MAXimum")) {
                return model.formatNumber(limits.max());
            }
            throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "query parameter must be MIN or MAX");
        }
        return model.formatNumber(current);
    }

    protected static String booleanAnswer(boolean value) {
        return value ? "1" : "0";
    }
}
