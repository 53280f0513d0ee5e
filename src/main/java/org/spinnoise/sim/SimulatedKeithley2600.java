package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A simulated Keithley Series 2600B SourceMeter speaking TSP, serving exactly the statements of its model's table
 * ({@code keithley-2600b.commands.json}): attribute assignment, {@code print(attribute)}, {@code print(function())},
 * the table's function calls, {@code printbuffer}, IEEE 488.2 common commands, and the one-line paced-batch function
 * definition and its call. Any other statement is error -285 (TSP syntax). SMU channel A is wired to the junction;
 * resistance is measured volts over measured amps with the source clamped at its current limit, and with the output
 * off every reading is the overflow value. The digital I/O lines are trigger outputs {@code digio-1 .. digio-14}.
 */
final class SimulatedKeithley2600 extends ScpiInstrument {
    static final int SYNTAX_ERROR = -285;
    static final int RUNTIME_ERROR = -286;
    static final int TOO_SMALL = 1102;
    static final int TOO_LARGE = 1101;
    private static final Set<String> BEHAVIOURS = Set.of("identity", "event:reset", "event:clear",
            "eventStatusRegister", "operationComplete", "measure:resistance", "buffer:clear", "buffer:count",
            "buffer:print", "digio:assert", "delay", "errorCount", "errorQueue", "errorQueue:clear",
            "script:pacedBatch", "script:run");
    private static final Pattern DEFINE = Pattern.compile("function ([A-Za-z_]\\w*)\\(n, settle\\) for i = 1, n do "
            + "digio\\.trigger\\[(\\d+)\\]\\.assert\\(\\) delay\\(settle\\) (smu[ab])\\.measure\\.r\\((smu[ab])"
            + "\\.nvbuffer1\\) end end");
    private static final Pattern PRINT = Pattern.compile("print\\((.*)\\)");
    private static final Pattern ASSIGN = Pattern.compile("([\\w.\\[\\]]+)\\s*=\\s*([^=\\s]+)");
    private static final Pattern CALL = Pattern.compile("([\\w.\\[\\]]+)\\((.*)\\)");

    private final TspTable table;
    private final TspSettings values;
    private final JunctionNode node;
    private final BenchTiming timing;
    private final EventStatusRegister status = new EventStatusRegister();
    private final ErrorQueue errors;
    private final Map<Integer, List<Double>> buffers = new HashMap<>();
    /** Paced-batch functions defined so far: name → digital I/O line. */
    private final Map<String, Integer> batchFunctions = new HashMap<>();

    /** A statement refused with a TSP error code. */
    static final class TspError extends Exception {
        final int code;

        TspError(int code, String detail) {
            super(detail, null, false, false);
            this.code = code;
        }
    }

    /** Injected faults: a paced cycle whose trigger is lost stores no reading. */
    private final FaultInjector faults;

    /** With no faults to inject (unit tests of the model alone). */
    SimulatedKeithley2600(InstrumentModel model, String role, JunctionNode node, BenchTiming timing) {
        this(model, role, node, timing, new FaultInjector(java.util.List.of(role), 0L));
    }

    SimulatedKeithley2600(InstrumentModel model, String role, JunctionNode node, BenchTiming timing,
            FaultInjector faults) {
        super(model, role);
        this.faults = faults;
        this.node = node;
        this.timing = timing;
        this.table = new TspTable(model);
        this.values = new TspSettings(model);
        this.errors = new ErrorQueue(model.errorQueueCapacity(), status);
        for (ModelCommand row : model.commands()) {
            if (row.parameter().type().equals(ModelParameter.NONE) && !BEHAVIOURS.contains(row.state())) {
                throw new SimulationException("model " + model.name() + " lists behaviour '" + row.state()
                        + "', which the 2600B simulator does not implement");
            }
        }
        reset();
    }

    /**
     * A digio trigger line asserts a TTL-high pulse only in mode 8 (TRIG_RISINGM); FALLING, RISINGA, EITHER and the
     * synchronous modes assert a TTL-low pulse (RMC 7-57; mode 2, RISING, is taken as low-going: its output NOT FOUND).
     * The pulse lasts digio.trigger[N].pulsewidth (RMC 7-59, 10 us at reset).
     */
    @Override
    protected TriggerPulse triggerPulse(String outPort) {
        int line = Integer.parseInt(outPort.substring(outPort.indexOf('-') + 1));
        return new TriggerPulse(values.number("digioMode", line) == 8, values.number("digioPulseWidth", line));
    }

    @Override
    protected Set<String> triggerOutputs() {
        Set<String> ports = new LinkedHashSet<>();
        for (int line = 1; line <= TspTable.DIGIO_LINES; line++) {
            ports.add("digio-" + line);
        }
        return ports;
    }

    @Override
    protected String execute(String line) {
        String statement = line.trim().replaceAll("\\s+", " ");
        try {
            return statement(statement);
        } catch (TspError e) {
            errors.push(e.code);
            return null;
        }
    }

    private String statement(String s) throws TspError {
        if (s.startsWith("*")) {
            return call(hit(s, s.endsWith("?") ? "query" : "command"), List.of(), true);
        }
        Matcher m = DEFINE.matcher(s);
        if (m.matches()) {
            hit("function NAME", "command");
            if (!m.group(3).equals(m.group(4)) || table.find(m.group(3) + ".measure.r") == null) {
                throw new TspError(SYNTAX_ERROR, s);
            }
            int line = Integer.parseInt(m.group(2));
            if (line < 1 || line > TspTable.DIGIO_LINES) {
                throw new TspError(RUNTIME_ERROR, "no digital I/O line " + line);
            }
            batchFunctions.put(m.group(1), line);
            return null;
        }
        m = PRINT.matcher(s);
        if (m.matches()) {
            return print(m.group(1).trim());
        }
        m = ASSIGN.matcher(s);
        if (m.matches()) {
            TspTable.Hit hit = table.find(m.group(1));
            if (hit == null || !hit.row().hasCommandForm()) {
                throw new TspError(SYNTAX_ERROR, s);
            }
            assign(hit, m.group(2));
            return null;
        }
        m = CALL.matcher(s);
        if (m.matches()) {
            List<String> args = arguments(m.group(2));
            Integer line = batchFunctions.get(m.group(1));
            if (line != null) {
                runBatch(line, args);
                return null;
            }
            TspTable.Hit hit = table.find(m.group(1));
            if (hit == null || !hit.row().hasCommandForm() && !hit.row().state().equals("buffer:print")) {
                throw new TspError(SYNTAX_ERROR, s);
            }
            return call(hit, args, hit.row().state().equals("buffer:print"));
        }
        throw new TspError(SYNTAX_ERROR, s);
    }

    private TspTable.Hit hit(String name, String form) throws TspError {
        TspTable.Hit hit = table.find(name);
        if (hit == null || !hit.row().forms().contains(form)) {
            throw new TspError(SYNTAX_ERROR, name);
        }
        return hit;
    }

    private String print(String inside) throws TspError {
        Matcher call = CALL.matcher(inside);
        if (call.matches()) {
            TspTable.Hit hit = hit(call.group(1), "query");
            return call(hit, arguments(call.group(2)), true);
        }
        TspTable.Hit hit = hit(inside, "query");
        return switch (hit.row().state()) {
            case "errorCount" -> number(errors.count());
            case "buffer:count" -> number(buffer(hit.index()).size());
            default -> {
                if (hit.row().parameter().type().equals(ModelParameter.NONE)) {
                    throw new TspError(SYNTAX_ERROR, inside);
                }
                yield number(values.get(hit));
            }
        };
    }

    private void assign(TspTable.Hit hit, String text) throws TspError {
        double value;
        OptionalDouble constant = table.constant(text);
        if (constant.isPresent()) {
            value = constant.getAsDouble();
        } else {
            try {
                value = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new TspError(RUNTIME_ERROR, "'" + text + "' is neither a number nor a constant");
            }
        }
        values.put(hit, value);
        if (hit.row().state().equals("output") && value == 2) {
            values.put(hit, 0); // OUTPUT_HIGH_Z turns the output off and reads back 0 (RMB 7-228)
        }
        updateLevel();
    }

    private String call(TspTable.Hit hit, List<String> args, boolean printed) throws TspError {
        String state = hit.row().state();
        switch (state) {
            case "identity" -> {
                return idn();
            }
            case "event:reset" -> reset();
            case "event:clear" -> {
                errors.clear();
                status.clear();
            }
            case "eventStatusRegister" -> {
                return Integer.toString(status.readAndClear());
            }
            case "operationComplete" -> {
                return "1";
            }
            case "errorQueue:clear" -> errors.clear();
            case "errorQueue" -> {
                return errorEntry(errors.next());
            }
            case "buffer:clear" -> buffer(hit.index()).clear();
            case "buffer:print" -> {
                return printBuffer(args);
            }
            case "measure:resistance" -> {
                String reading = measure(hit.index(), args);
                return printed ? reading : null;
            }
            case "digio:assert" -> {
                expectArguments(args, 0);
                if (values.number("digioMode", hit.index()) != 0) {
                    emitTrigger("digio-" + hit.index(), clock().nowSeconds());
                }
            }
            case "delay" -> {
                expectArguments(args, 1);
                double seconds = numberArgument(args.get(0));
                if (!(seconds > 0) || seconds > 100_000) {
                    throw new TspError(RUNTIME_ERROR, "delay of " + seconds + " s");
                }
                spend(seconds);
            }
            default -> throw new TspError(SYNTAX_ERROR, hit.row().header());
        }
        return null;
    }

    private String measure(int channel, List<String> args) throws TspError {
        if (args.size() > 1 || args.size() == 1 && !args.get(0).equals(smu(channel) + ".nvbuffer1")) {
            throw new TspError(RUNTIME_ERROR, "measure.r takes no argument or " + smu(channel) + ".nvbuffer1");
        }
        spend(readingSeconds(channel));
        String reading = reading(channel);
        if (args.size() == 1) {
            store(channel, reading);
        }
        return reading;
    }

    /** One reading now, with the output as it is; overflow when off or not wired (channel B never is). */
    private String reading(int channel) {
        if (channel != 1 || node == null || values.number("output", 1) != 1) {
            return model.overflowReply();
        }
        double ohms = node.junction().readResistanceOhms(values.number("nplc", 1));
        double volts = terminalVolts(ohms);
        double amps = volts / ohms;
        return amps == 0 ? model.overflowReply() : formatNumber(volts / amps);
    }

    private void store(int channel, String reading) {
        List<Double> buffer = buffer(channel);
        if (values.number("appendMode", channel) == 0) {
            buffer.clear(); // appendmode 0: stored readings are cleared before new ones are stored (RMB 7-15)
        }
        buffer.add(Double.parseDouble(reading));
    }

    private void runBatch(int line, List<String> args) throws TspError {
        expectArguments(args, 2);
        int count = (int) numberArgument(args.get(0));
        double settleSeconds = numberArgument(args.get(1));
        if (count < 0 || !(settleSeconds > 0) || settleSeconds > 100_000) {
            throw new TspError(RUNTIME_ERROR, "batch of " + count + " with settle " + settleSeconds);
        }
        String port = values.number("digioMode", line) != 0 ? "digio-" + line : null;
        PacedReadings.Result result = PacedReadings.run(this, count, port,
                settleSeconds + model.timing().value("delayOverheadSeconds"), readingSeconds(1), 0, () -> {
                    if (faults.takeIgnoredTrigger(role)) {
                        return null;        // an injected missed trigger: the cycle stores nothing, the buffer ends short
                    }
                    String reading = reading(1);
                    store(1, reading);
                    return reading;
                });
        spend(result.seconds());
    }

    /** Integration at the bench's mains, with autozero AUTO's two extra conversions, plus the loop overhead. */
    private double readingSeconds(int channel) {
        double integration = values.number("nplc", channel) / timing.lineFrequencyHz();
        double conversions = 1 + (values.number("autoZero", channel) == 2
                ? model.timing().value("autoZeroExtraIntegrations") : 0);
        return conversions * integration + model.timing().value("readingOverheadSeconds");
    }

    private String printBuffer(List<String> args) throws TspError {
        expectArguments(args, 3);
        Matcher m = Pattern.compile("(smu[ab])\\.nvbuffer1\\.readings").matcher(args.get(2));
        TspTable.Hit hit = m.matches() ? table.find(m.group(1) + ".measure.r") : null;
        if (hit == null) {
            throw new TspError(RUNTIME_ERROR, "printbuffer of " + args.get(2));
        }
        List<Double> buffer = buffer(hit.index());
        int first = Math.max(1, (int) numberArgument(args.get(0)));
        int last = Math.min(buffer.size(), (int) numberArgument(args.get(1)));
        List<String> out = new ArrayList<>();
        for (int i = first; i <= last; i++) {
            out.add(formatNumber(buffer.get(i - 1)));
        }
        return String.join(", ", out);
    }

    private void reset() {
        values.reset();
        buffers.clear();
        updateLevel();
    }

    private void updateLevel() {
        if (node != null) {
            node.setLevel(role + " smua", values.number("output", 1) == 1
                    ? terminalVolts(node.junction().trueResistanceOhms()) : 0);
        }
    }

    /** The voltage across the junction: the level, or less when the current limit clamps it; 0 A source gives 0 V. */
    private double terminalVolts(double ohms) {
        if (values.number("sourceFunction", 1) != 1) {
            return 0;
        }
        double volts = values.number("sourceVoltageVolts", 1);
        double limit = Math.abs(values.number("currentLimitAmps", 1));
        double amps = volts / ohms;
        return Math.abs(amps) > limit ? Math.copySign(limit, amps) * ohms : volts;
    }

    private List<Double> buffer(int channel) {
        return buffers.computeIfAbsent(channel, c -> new ArrayList<>());
    }

    private String errorEntry(int code) {
        String text = model.formatError(code).split("\t", 2)[1];
        return number(code) + "\t" + text + "\t" + number(code == 0 ? 0 : 20) + "\t" + number(1);
    }

    private String number(double value) {
        return formatNumber(value);
    }

    private static String smu(int channel) {
        return "smu" + (char) ('a' + channel - 1);
    }

    private static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        if (!text.isBlank()) {
            for (String part : text.split(",")) {
                args.add(part.trim());
            }
        }
        return args;
    }

    private static void expectArguments(List<String> args, int count) throws TspError {
        if (args.size() != count) {
            throw new TspError(RUNTIME_ERROR, "expected " + count + " arguments, got " + args);
        }
    }

    private static double numberArgument(String text) throws TspError {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new TspError(RUNTIME_ERROR, "'" + text + "' is not a number");
        }
    }

    /** Whether channel A's output is on now. */
    synchronized boolean outputOn() {
        return values.number("output", 1) == 1;
    }

    /** The TSP table names the state {@code output} (a number, 1 for on); channel is smua. */
    @Override
    synchronized boolean outputOn(int channel) {
        return outputOn();
    }

    /** The level channel A programs now, in volts. */
    synchronized double levelVolts() {
        return values.number("sourceVoltageVolts", 1);
    }

    /** The readings channel A's buffer holds now, for tests. */
    synchronized List<Double> bufferReadings() {
        return List.copyOf(buffer(1));
    }
}
