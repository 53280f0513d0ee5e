package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * The simulated 2450's trigger model, digital I/O trigger outputs and reading buffers, as its command table describes
 * them (Model 2450 Reference Manual 2450-901-01 Rev. B; pages in the table's cites): blocks are kept as loaded, by
 * number; a digital line set {@code TRIGger, OUT} with stimulus {@code NOTify<n>} sends an edge each time notify block
 * n runs; named buffers hold readings up to their size and then fill no further (user buffers fill once). The model
 * this simulator can run is the paced loop a driver loads for a batch: buffer-clear blocks, then notify, constant
 * delay and measure blocks closed by a branch counter back to the first of them; any other model is refused loudly
 * at {@code :INITiate}, so the simulator never silently runs something else.
 */
final class Keithley2450TriggerModel {
    static final Set<String> PORTS = Set.of("digio-1", "digio-2", "digio-3", "digio-4", "digio-5", "digio-6");
    static final Set<String> BEHAVIOURS = Set.of("digio:lineMode", "digio:outStimulus", "digio:outPulseWidth",
            "digio:outLogic", "block:bufferClear", "block:notify", "block:delayConstant", "block:measure",
            "block:branchCounter", "buffer:make", "buffer:points", "buffer:clear", "buffer:actual", "buffer:data");
    private static final String DEFAULT_BUFFER = "defbuffer1";
    /** Default buffers hold 10,000 readings at first (RM 6-115); user buffers need at least 10 (RM61 6-165). */
    private static final int DEFAULT_BUFFER_SIZE = 10_000;
    private static final int MIN_BUFFER_SIZE = 10;
    private static final int LINES = 6;
    private static final int BUFFER_EXISTS = 1115;

    /** One block as loaded: its kind (the table state) and its arguments after the block number. */
    private record Block(String kind, List<String> arguments) {
    }

    /** What {@code :INITiate} runs: {@code count} cycles of an edge on {@code outPort}, a delay and one reading. */
    record Loop(int count, String outPort, double settleSeconds, String bufferName) {
    }

    private static final class Buffer {
        int size;
        final List<String> readings = new ArrayList<>();

        Buffer(int size) {
            this.size = size;
        }
    }

    private final TreeMap<Integer, Block> blocks = new TreeMap<>();
    private final String[] lineMode = new String[LINES + 1];
    private final String[] stimulus = new String[LINES + 1];
    private final double[] pulseWidthSeconds = new double[LINES + 1];
    private final String[] logic = new String[LINES + 1];
    private final Map<String, Buffer> buffers = new HashMap<>();

    Keithley2450TriggerModel() {
        reset();
    }

    /**
     * The pulse a digital line sends per notify: high-going for logic POSitive, low-going for NEGative (RM 6-151),
     * lasting the line's pulse width (RM61 6-214 [sibling], 10 us at reset).
     */
    TriggerPulse pulse(String port) {
        int line = Integer.parseInt(port.substring(port.indexOf('-') + 1));
        return new TriggerPulse(logic[line].startsWith("POS"), pulseWidthSeconds[line]);
    }

    /** *RST: the trigger model and digital lines to their defaults (RM 6-19, 6-153); buffers are kept. */
    void reset() {
        blocks.clear();
        for (int line = 1; line <= LINES; line++) {
            lineMode[line] = "DIG,IN";
            stimulus[line] = "NONE";
            pulseWidthSeconds[line] = 10e-6;
            logic[line] = "POS";
        }
        buffers.putIfAbsent("defbuffer1", new Buffer(DEFAULT_BUFFER_SIZE));
        buffers.putIfAbsent("defbuffer2", new Buffer(DEFAULT_BUFFER_SIZE));
    }

    void command(String state, int line, Parameters p) throws ScpiError {
        switch (state) {
            case "digio:lineMode" -> {
                p.expect(2);
                lineMode[line] = p.choice(0, "DIGital", "TRIGger", "SYNChronous") + ","
                        + p.choice(1, "IN", "OUT", "OPENdrain", "ACCeptor", "MASTer");
            }
            case "digio:outStimulus" -> {
                p.expect(1);
                stimulus[line] = p.choice(0, "NONE", "NOTify1", "NOTify2", "NOTify3", "NOTify4", "NOTify5",
                        "NOTify6", "NOTify7", "NOTify8", "COMMand", "DISPlay");
            }
            case "digio:outPulseWidth" -> {
                p.expect(1);
                pulseWidthSeconds[line] = p.number(0, "S", new SettingLimits(0, 100_000, 0, 10e-6));
            }
            case "digio:outLogic" -> {
                p.expect(1);
                logic[line] = p.choice(0, "POSitive", "NEGative");
            }
            case "buffer:make" -> make(p);
            case "buffer:points" -> {
                p.expectAtMost(2);
                Buffer buffer = buffer(p, 1);
                int size = (int) p.number(0, "", new SettingLimits(MIN_BUFFER_SIZE, 5_500_000, 1, MIN_BUFFER_SIZE));
                buffer.size = size;
                buffer.readings.clear();
            }
            case "buffer:clear" -> {
                p.expectAtMost(1);
                buffer(p, 0).readings.clear();
            }
            default -> defineBlock(state, p);
        }
    }

    private void make(Parameters p) throws ScpiError {
        p.expect(2);
        String name = p.string(0);
        if (buffers.containsKey(name)) {
            throw new ScpiError(BUFFER_EXISTS, "reading buffer " + name + " already exists");
        }
        int size = (int) p.number(1, "", new SettingLimits(MIN_BUFFER_SIZE, 5_500_000, 1, MIN_BUFFER_SIZE));
        buffers.put(name, new Buffer(size));
    }

    private void defineBlock(String kind, Parameters p) throws ScpiError {
        int number = (int) p.number(0, "", new SettingLimits(1, 63, 1, 1));
        List<String> arguments = new ArrayList<>();
        switch (kind) {
            case "block:bufferClear", "block:measure" -> {
                p.expectAtMost(2);
                arguments.add(p.size() > 1 ? existing(p.string(1)) : DEFAULT_BUFFER);
            }
            case "block:notify" -> {
                p.expect(2);
                arguments.add(Long.toString(Math.round(p.number(1, "", new SettingLimits(1, 8, 1, 1)))));
            }
            case "block:delayConstant" -> {
                p.expect(2);
                double seconds = p.number(1, "S", new SettingLimits(0, 10_000, 0, 0));
                if (seconds != 0 && seconds < 167e-9) {
                    throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE, "delay " + seconds + " s below 167 ns");
                }
                arguments.add(Double.toString(seconds));
            }
            case "block:branchCounter" -> {
                p.expect(3);
                arguments.add(Long.toString(Math.round(p.number(1, "", new SettingLimits(1, 2_147_483_647, 1, 1)))));
                arguments.add(Long.toString(Math.round(p.number(2, "", new SettingLimits(1, 63, 1, 1)))));
            }
            default -> throw new SimulationException("no trigger-model behaviour for " + kind);
        }
        blocks.put(number, new Block(kind, arguments));
    }

    private String existing(String name) throws ScpiError {
        if (!buffers.containsKey(name)) {
            throw new ScpiError(ScpiError.ILLEGAL_PARAMETER_VALUE, "no reading buffer named " + name);
        }
        return name;
    }

    private Buffer buffer(Parameters p, int index) throws ScpiError {
        return buffers.get(p.size() > index ? existing(p.string(index)) : DEFAULT_BUFFER);
    }

    String query(String state, int line, Parameters p, DoubleFunction<String> number) throws ScpiError {
        switch (state) {
            case "digio:lineMode":
                p.expect(0);
                return lineMode[line];
            case "digio:outStimulus":
                p.expect(0);
                return stimulus[line];
            case "digio:outPulseWidth":
                p.expect(0);
                return number.apply(pulseWidthSeconds[line]);
            case "digio:outLogic":
                p.expect(0);
                return logic[line];
            case "buffer:points":
                p.expectAtMost(1);
                return Integer.toString(buffer(p, 0).size);
            case "buffer:actual":
                p.expectAtMost(1);
                return Integer.toString(buffer(p, 0).readings.size());
            case "buffer:data":
                return data(p);
            default:
                throw new ScpiError(ScpiError.UNDEFINED_HEADER, state + " has no query form");
        }
    }

    /** Readings start..end (1-based) of a buffer, READing element only, comma separated (RM 6-109, 6-124). */
    private String data(Parameters p) throws ScpiError {
        p.expect(Math.max(2, Math.min(p.size(), 4)));
        int start = (int) p.number(0, "", new SettingLimits(1, 5_500_000, 1, 1));
        int end = (int) p.number(1, "", new SettingLimits(1, 5_500_000, 1, 1));
        Buffer buffer = buffer(p, 2);
        if (p.size() > 3) {
            p.choice(3, "READing");
        }
        if (end < start || end > buffer.readings.size()) {
            throw new ScpiError(ScpiError.DATA_OUT_OF_RANGE, "indexes " + start + ".." + end + " outside the "
                    + buffer.readings.size() + " readings stored");
        }
        return String.join(",", buffer.readings.subList(start - 1, end));
    }

    /** Stores a reading; false when the buffer is full (a user buffer fills once: RM61 6-163). */
    boolean store(String bufferName, String reading) {
        Buffer buffer = buffers.get(bufferName);
        if (buffer.readings.size() >= buffer.size) {
            return false;
        }
        buffer.readings.add(reading);
        return true;
    }

    /**
     * The loaded model as a paced loop, its buffer-clear blocks applied. Refused (as the simulator cannot run it)
     * unless it is buffer clears, then notify / delay / measure closed by a branch counter back to the notify block.
     */
    Loop loop() throws ScpiError {
        List<Map.Entry<Integer, Block>> list = new ArrayList<>(blocks.entrySet());
        int i = 0;
        while (i < list.size() && list.get(i).getValue().kind().equals("block:bufferClear")) {
            buffers.get(list.get(i).getValue().arguments().get(0)).readings.clear();
            i++;
        }
        if (list.size() - i != 4 || !kinds(list.subList(i, list.size())).equals(List.of("block:notify",
                "block:delayConstant", "block:measure", "block:branchCounter"))) {
            // The simulator's own limit, not the instrument's: a real 2450 runs any valid trigger model, and its
            // manual names no error for this case. Refused in the error queue, not thrown (an exception would end
            // the client's connection, fuzz finding 2), as -221 "Settings conflict", one of SCPI's standard
            // execution errors (-299..-200; SCPI-1999 Vol. 2, ch. 21, error/event queue: the chapter, not the
            // section number, was checked), which set the execution error bit of the event status register.
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "the simulated 2450 runs only the paced loop (buffer "
                    + "clear, notify, constant delay, measure, branch counter); loaded: " + blocks);
        }
        Block notify = list.get(i).getValue();
        Block branch = list.get(i + 3).getValue();
        if (Integer.parseInt(branch.arguments().get(1)) != list.get(i).getKey()) {
            throw new ScpiError(ScpiError.SETTINGS_CONFLICT, "the branch counter must branch back to the notify "
                    + "block; loaded: " + blocks);
        }
        return new Loop(Integer.parseInt(branch.arguments().get(0)), port(notify.arguments().get(0)),
                Double.parseDouble(list.get(i + 1).getValue().arguments().get(0)),
                list.get(i + 2).getValue().arguments().get(0));
    }

    private static List<String> kinds(List<Map.Entry<Integer, Block>> entries) {
        return entries.stream().map(e -> e.getValue().kind()).toList();
    }

    /** The digital output line the notify event asserts, or null when no line is set to carry it. */
    private String port(String notifyId) {
        for (int line = 1; line <= LINES; line++) {
            if (lineMode[line].equals("TRIG,OUT") && stimulus[line].equals("NOT" + notifyId)) {
                return "digio-" + line;
            }
        }
        return null;
    }
}
