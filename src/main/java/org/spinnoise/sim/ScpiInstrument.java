package org.spinnoise.sim;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Common ground of every simulated SCPI instrument: it serves exactly the rows of its model's command table. A row
 * whose parameter is a number, word, switch or string is a setting, checked against the table (range, resolution,
 * listed words) and kept per channel; a row of type {@code none} or a {@code measure:} query reaches a behaviour of
 * the simulator by its {@code state} name. The IEEE 488.2 common commands and {@code SYSTem:ERRor} are behaviours of
 * this class; subclasses add theirs and the documented rules between settings. A table row naming a behaviour that
 * no simulator implements stops the bench at start-up, so no row is ever silently ignored. Messages are executed one
 * at a time per instrument, whichever connection they arrive on, because a real instrument has one parser.
 */
abstract class ScpiInstrument {
    protected final InstrumentModel model;
    protected final String role;
    protected final SettingStore settings;
    private final ScpiCommandTable commands = new ScpiCommandTable();
    private final EventStatusRegister eventStatus = new EventStatusRegister();
    private final ErrorQueue errors;
    private final ScpiInterpreter interpreter;
    /** Errors raised so far, the most recent {@link #ERRORS_KEPT}, for tests and the simulator's records. */
    private final ArrayDeque<RaisedError> raised = new ArrayDeque<>();
    static final int ERRORS_KEPT = 1000;
    /** Modelled instrument time of the message being handled, and of all messages so far. */
    private double pendingSeconds;
    private double totalSeconds;
    /** The bench's trigger cables and clock, once the bench has wired them. */
    private TriggerLines triggerLines = new TriggerLines(new SimClock());
    /** The {@code *IDN?} reply after a reboot as another unit of the model (a swapped instrument); null for the model's. */
    private volatile String idnAfterSwap;

    protected ScpiInstrument(InstrumentModel model, String role) {
        this.model = model;
        this.role = role;
        this.settings = new SettingStore(model.channels());
        this.errors = new ErrorQueue(model.errorQueueCapacity(), eventStatus);
        this.interpreter = new ScpiInterpreter(commands, errors, role, this::record);
    }

    /**
     * Builds the command set from the model's table; subclasses call it at the end of their constructor, once the
     * behaviours they name are ready.
     */
    protected final void serveCommandTable() {
        Set<String> unknown = new HashSet<>();
        for (ModelCommand row : model.commands()) {
            ModelParameter parameter = row.parameter();
            boolean setting = !parameter.type().equals(ModelParameter.NONE)
                    && !parameter.type().equals(ModelParameter.ARGUMENTS) && !row.state().startsWith("measure:");
            if (setting) {
                Object reset = resetValue(row);
                if (reset == null) {
                    throw new SimulationException("model " + model.name() + ": setting row " + row.header()
                            + " has no \"reset\" value; give the manual's, or the value assumed and why");
                }
                settings.declare(row.state(), reset, row.keptByReset());
            } else if (!behaviours().contains(row.state())) {
                unknown.add(row.state());
            }
            ScpiCommandTable.Action action = !row.hasCommandForm() ? null
                    : setting ? (ch, p) -> set(row, ch, p) : (ch, p) -> act(row, ch, p);
            ScpiCommandTable.Answer answer = !row.hasQueryForm() ? null
                    : setting ? (ch, p) -> settingAnswer(row, ch, p) : (ch, p) -> answer(row.state(), ch, p);
            commands.command(row.header(), action, answer);
        }
        if (!unknown.isEmpty()) {
            throw new SimulationException("model " + model.name() + " lists behaviours the " + model.kind()
                    + " simulator does not implement: " + unknown);
        }
        settings.reset();
        resetBehaviour();
    }

    private static Object resetValue(ModelCommand row) {
        ModelParameter parameter = row.parameter();
        if (parameter.reset() == null || parameter.reset().isNull()) {
            return null;
        }
        return switch (parameter.type()) {
            // A reset written as a keyword (INFinity, say) means what that keyword means when sent.
            case ModelParameter.NUMBER -> parameter.reset().isTextual()
                    ? ParameterReader.keywordValue(parameter, parameter.reset().asText()) : parameter.reset().asDouble();
            case ModelParameter.BOOLEAN -> parameter.reset().asBoolean();
            case ModelParameter.CHOICE -> Parameters.shortForm(matchingChoice(parameter, parameter.reset().asText()));
            default -> HeaderPattern.of(parameter.reset().asText()).canonicalShortForm();
        };
    }

    private static String matchingChoice(ModelParameter parameter, String reset) {
        return parameter.choices().stream().filter(c -> Parameters.matchesMnemonic(reset, c)).findFirst()
                .orElseThrow(() -> new SimulationException("reset value '" + reset + "' is not among the choices "
                        + parameter.choices()));
    }

    private void set(ModelCommand row, int channel, Parameters p) throws ScpiError {
        Object value = ParameterReader.read(row.parameter(), p);
        Object accepted = beforeSet(row.state(), channel, value);
        settings.put(row.state(), channel, accepted);
        afterSet(row.state(), channel);
    }

    private String settingAnswer(ModelCommand row, int channel, Parameters p) throws ScpiError {
        ModelParameter parameter = row.parameter();
        Object value = settings.get(row.state(), channel);
        switch (parameter.type()) {
            case ModelParameter.NUMBER:
                p.expectAtMost(1);
                if (p.size() == 1) {
                    for (String keyword : parameter.keywords()) {
                        if (p.isKeyword(0, keyword) && !keyword.toUpperCase(Locale.ROOT).startsWith("INF")) {
                            return formatNumber(ParameterReader.number(parameter, p, 0));
                        }
                    }
                    throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "query parameter must be one of "
                            + parameter.keywords());
                }
                return parameter.integerReply() ? Long.toString(Math.round((Double) value)) : formatNumber((Double) value);
            case ModelParameter.BOOLEAN:
                p.expect(0);
                return Boolean.TRUE.equals(value) ? "1" : "0";
            case ModelParameter.STRING:
                p.expect(0);
                return "\"" + value + "\"";
            default:
                p.expect(0);
                return String.valueOf(value);
        }
    }

    /** A number as this model prints it; infinity (an INFinity setting) as the overflow value 9.9E+37. */
    protected final String formatNumber(double value) {
        return model.formatNumber(Double.isInfinite(value) ? Math.copySign(9.9e37, value) : value);
    }

    private void act(ModelCommand row, int channel, Parameters p) throws ScpiError {
        if (row.parameter().type().equals(ModelParameter.ARGUMENTS)) {
            event(row.state(), channel, p);
            return;
        }
        p.expect(0);
        switch (row.state()) {
            case "event:reset" -> {
                settings.reset();
                resetBehaviour();
            }
            case "event:clear" -> {
                errors.clear();
                eventStatus.clear();
            }
            // Every command completes before the next is parsed, so operation is always complete.
            case "operationComplete" -> eventStatus.set(EventStatusRegister.OPERATION_COMPLETE);
            case "event:wait" -> {
            }
            default -> event(row.state(), channel);
        }
    }

    private String answer(String state, int channel, Parameters p) throws ScpiError {
        switch (state) {
            case "identity":
                p.expect(0);
                return idn();
            case "operationComplete":
                p.expect(0);
                return "1";
            case "eventStatusRegister":
                p.expect(0);
                return Integer.toString(eventStatus.readAndClear());
            case "errorQueue":
                p.expect(0);
                return model.formatError(errors.next());
            case "errorCount":
                p.expect(0);
                return Integer.toString(errors.count());
            default:
                return query(state, channel, p);
        }
    }

    /** The behaviours this class implements; subclasses add theirs to the set. */
    protected Set<String> behaviours() {
        return new HashSet<>(Set.of("identity", "event:reset", "event:clear", "operationComplete",
                "eventStatusRegister", "errorQueue", "errorCount", "event:wait"));
    }

    /**
     * Checks a value against the documented rules before it is stored and returns what the instrument keeps; a
     * rule that refuses it throws the rule's error. The default keeps the value.
     */
    protected Object beforeSet(String state, int channel, Object value) throws ScpiError {
        return value;
    }

    /** Called after a setting changed, so the simulator can update what the outputs do. */
    protected void afterSet(String state, int channel) {
    }

    /** Runs an event row (e.g. {@code event:trigger}). */
    protected void event(String state, int channel) throws ScpiError {
        throw new SimulationException("no behaviour for " + state);
    }

    /** Runs an event row that takes arguments (type {@code arguments}: a trigger-model block, a buffer to make). */
    protected void event(String state, int channel, Parameters p) throws ScpiError {
        throw new SimulationException("no behaviour for " + state + " with arguments");
    }

    /** Answers a query row of a behaviour (e.g. {@code measure:resistance}). */
    protected String query(String state, int channel, Parameters p) throws ScpiError {
        throw new SimulationException("no behaviour for " + state);
    }

    /** Restores what *RST resets beyond the table's settings (outputs, physics bookkeeping). */
    protected void resetBehaviour() {
    }

    /**
     * Applies a documented rule that adjusts a setting instead of refusing it: the instrument keeps the adjusted
     * value and queues the rule's error, if the manual gives one (0 means none).
     */
    protected final void ruleAdjusted(String ruleName) {
        int code = model.rule(ruleName).error();
        if (code != 0) {
            errors.push(code);
            record(new RaisedError(code, "(rule " + ruleName + ")"));
        }
    }

    /** An error the instrument reports of its own accord (the {@link FaultInjector#raiseSpuriousError} fault). */
    final synchronized void raiseSpontaneously(int code) {
        errors.push(code);
        record(new RaisedError(code, "(raised by the instrument itself)"));
    }

    private void record(RaisedError error) {
        if (raised.size() == ERRORS_KEPT) {
            raised.removeFirst();
        }
        raised.addLast(error);
    }

    /** Every error raised so far (the most recent thousand), oldest first. */
    final synchronized List<RaisedError> raisedErrors() {
        return List.copyOf(raised);
    }

    /** Books time the real instrument would spend on the message being handled (integration, a burst). */
    protected final void spend(double seconds) {
        pendingSeconds += seconds;
    }

    /**
     * Whether an output (a channel of a generator, channel 1 of an SMU) is on now; simulators whose table names the
     * state otherwise override it.
     */
    synchronized boolean outputOn(int channel) {
        return settings.flag("outputOn", channel);
    }

    /** Connects this instrument to the bench's trigger cables and clock (called once, before any line is served). */
    final void attachTriggerLines(TriggerLines lines) {
        this.triggerLines = lines;
    }

    /** The trigger inputs this model has, by the names its manual gives the connectors or lines. */
    protected Set<String> triggerInputs() {
        return Set.of();
    }

    /** The trigger outputs this model has, by the names its manual gives the connectors or lines. */
    protected Set<String> triggerOutputs() {
        return Set.of();
    }

    /** The bench's clock of modelled time, on which triggered actions are scheduled. */
    protected final SimClock clock() {
        return triggerLines.clock();
    }

    /** Sends a trigger on one of this instrument's trigger outputs at a modelled time, shaped by {@link #triggerPulse}. */
    protected final void emitTrigger(String outPort, double atSeconds) {
        triggerLines.edge(role, outPort, atSeconds, triggerPulse(outPort));
    }

    /**
     * The pulse this output sends per trigger as the instrument is set now (polarity and width from its manual), or
     * null for an edge without polarity that every input takes on arrival.
     */
    protected TriggerPulse triggerPulse(String outPort) {
        return null;
    }

    /**
     * Which edge an input acts on as the instrument is set now: true for rising, false for falling, null when the
     * model has no slope setting, in which case it acts on the leading edge of whatever arrives.
     */
    protected Boolean triggersOnRisingEdge(String inPort) {
        return null;
    }

    /** One edge of a trigger pulse arrived on an input (run from the bench clock, under this instrument's lock). */
    final synchronized void receiveEdge(String inPort, double atSeconds, boolean rising, boolean leading) {
        onEdge(inPort, atSeconds, rising, leading);
    }

    /** Acts on an edge when it is the one the input's slope selects; a model with slopes per channel overrides it. */
    protected void onEdge(String inPort, double atSeconds, boolean rising, boolean leading) {
        Boolean wantsRising = triggersOnRisingEdge(inPort);
        if (wantsRising == null ? leading : wantsRising == rising) {
            onTrigger(inPort, atSeconds);
        }
    }

    /** An edge arrived on a trigger input at a modelled time (run from the bench clock, under this instrument's lock). */
    final synchronized void receiveTrigger(String inPort, double atSeconds) {
        onTrigger(inPort, atSeconds);
    }

    /** What the instrument does on an edge at one of its trigger inputs; the default ignores it. */
    protected void onTrigger(String inPort, double atSeconds) {
    }

    /** Executes one received line; returns the reply without terminator, or null if nothing is to be answered. */
    final synchronized String handle(String line) {
        return execute(line);
    }

    /** Runs one line in the instrument's language: SCPI through the table's interpreter; a TSP simulator overrides it. */
    protected String execute(String line) {
        return interpreter.execute(line);
    }

    /** The modelled time of the messages handled since the last call, which a timed bench waits before replying. */
    final synchronized double takeModelledSeconds() {
        double seconds = pendingSeconds;
        totalSeconds += seconds;
        pendingSeconds = 0;
        return seconds;
    }

    /** Modelled instrument time of every message handled so far, in seconds. */
    final synchronized double modelledSeconds() {
        return totalSeconds + pendingSeconds;
    }

    final String idn() {
        String swapped = idnAfterSwap;
        return swapped != null ? swapped : model.idn();
    }

    /**
     * What a power cycle leaves (the {@link FaultInjector#reboot} fault): the settings *RST resets back at their reset
     * values and the outputs off (settings *RST keeps stay, as if held in non-volatile memory), the error queue empty
     * and the event status register holding only Power On (bit 7). The models' power-on state is NOT FOUND in their
     * manuals (an instrument may be set to power on into a saved setup); the controller never relies on it: it puts
     * every output in its safe state and sets everything it needs after reconnecting. With a serial number, the
     * instrument answers {@code *IDN?} as another unit of its model from now on.
     */
    final synchronized void powerOn(String serialNumber) {
        settings.reset();
        resetBehaviour();
        errors.clear();
        eventStatus.clear();
        eventStatus.set(EventStatusRegister.POWER_ON);
        if (serialNumber != null) {
            String[] fields = model.idn().split(",", -1);
            if (fields.length >= 3) {
                fields[2] = serialNumber;
            }
            idnAfterSwap = String.join(",", fields);
        }
    }
}
