package org.spinnoise.instrument.keithley;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.time.Duration;
import java.util.Map;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * The 2600B's SMU-paced batch: a Lua function loaded once per arm that, n times, asserts a pulse on one digital I/O
 * line (cabled to the pulse generator's trigger input), waits the settle time and stores one resistance reading in
 * {@code smua.nvbuffer1}; the host calls it and then fetches the buffer in one {@code printbuffer} reply. Pages as in
 * {@link Keithley2600}.
 */
final class Keithley2600Batch {
    /** Dedicated buffers hold more than 140,000 basic readings — RMF 9-20. */
    static final int MAX_READINGS = 140_000;
    /** digio.trigger[N], N = 1 to 14 — RMB 7-52. */
    static final int MAX_LINE = 14;
    /** delay(seconds): at most 100,000 s; zero is refused ("you cannot set a delay for zero seconds") — RMB 7-49. */
    static final double MAX_SETTLE_SECONDS = 100_000;
    /**
     * Line frequency assumed for timing: 50 Hz, the slower mains (1 PLC = 20 ms; 16.67 ms at 60 Hz — RMF 2-50), so
     * the expected batch time is never too short.
     */
    static final double LINE_HZ_ASSUMED = 50;
    /** Autozero AUTO may add a reference and a zero conversion to a reading — RMB 7-200. */
    static final int AUTO_ZERO_EXTRA_CONVERSIONS = 2;
    /**
     * Per-reading overhead of a script loop triggered over digital I/O: at most 0.3 ms (SPEC-2602B Rev. B p. 8,
     * "measure to memory, user script, digital I/O": 8100/3500/550/59 readings/s at 0.001/0.01/0.1/1 NPLC, 60 Hz,
     * i.e. 107 to 284 µs beyond the integration; inference from the table) plus the 5-10 µs delay() adds (RMB 7-49).
     */
    static final double OVERHEAD_SECONDS = 0.3e-3 + 10e-6;
    /** The output pulse width on the trigger line: 10 µs (the sibling default, 2651A 7-48; 0 = latched, RMC 7-59). */
    static final double PULSE_WIDTH_SECONDS = 10e-6;

    /** digio.trigger[N].mode = digio.TRIG_RISINGM (8): asserts a TTL-high pulse, so the edge leads rising — RMC 7-57. */
    private static final Setting<String> LINE_MODE = Setting.constant("digio.trigger[{ch}].mode",
            Map.of("digio.TRIG_RISINGM", 8));
    /** digio.trigger[N].pulsewidth, seconds — RMC 7-59. */
    private static final Setting<Double> LINE_PULSE_WIDTH = Setting.seconds("digio.trigger[{ch}].pulsewidth",
            PULSE_WIDTH_SECONDS, PULSE_WIDTH_SECONDS);
    /** bufferVar.clear() empties the readings — RMF 9-21. */
    private static final Command CLEAR_BUFFER = Command.of("smua.nvbuffer1.clear()");
    /**
     * bufferVar.appendmode = 1: each measurement goes after the stored ones (with 0, the default, a measurement
     * clears what is stored first, so a loop of measure calls would keep one reading); it may be changed only while
     * the buffer is empty, so it follows a clear — RMB 7-15, RMF 9-17.
     */
    private static final Setting<Integer> APPEND_MODE = Setting.count("smua.nvbuffer1.appendmode", 1, 1);
    /**
     * The batch as one Lua chunk: digio.trigger[N].assert() (pulse for pulsewidth — 2600 Rev. A 12-21, RMF PDF
     * p. 156), delay() (RMB 7-49), smuX.measure.r(buffer) (RMB 7-213). A named global function defined by a chunk
     * stays in the run-time environment like a loaded script (RMB 6-4, 6-39).
     */
    private static final Command DEFINE = Command.of("function spinnoiseBatch(n, settle) for i = 1, n do "
            + "digio.trigger[{0}].assert() delay(settle) smua.measure.r(smua.nvbuffer1) end end");
    private static final Command START = Command.of("spinnoiseBatch({0}, {1})");
    /** printbuffer(1, n, buffer.readings): one reply, values separated by ", " in ASCII — RMB 7-153/7-154, 7-94. */
    private static final Command FETCH = Command.of("printbuffer(1, {0}, smua.nvbuffer1.readings)");

    private final ScpiSession session;
    private final Identity identity;
    private Armed armed;

    private record Armed(ReadBias bias, int count, double settleSeconds, Duration expected) {
    }

    Keithley2600Batch(ScpiSession session, Identity identity) {
        this.session = session;
        this.identity = identity;
    }

    static double secondsPerReading(ReadBias bias, Keithley2600.AutoZero autoZero) {
        int conversions = 1 + (autoZero == Keithley2600.AutoZero.AUTO ? AUTO_ZERO_EXTRA_CONVERSIONS : 0);
        return conversions * bias.nplc() / LINE_HZ_ASSUMED + OVERHEAD_SECONDS;
    }

    void arm(ReadBias bias, int count, int line, double settleSeconds, double secondsPerReading)
            throws InstrumentException {
        armed = null;
        String label = session.label();
        if (identity.model().matches(".*26(04|14|34)B.*")) {
            throw new InstrumentException(label + ": the 2604B, 2614B and 2634B have no digital I/O port "
                    + "(RMB 7-52); pace batches from another SMU or use the per-bit scheme");
        }
        if (count < 1 || count > MAX_READINGS) {
            throw new InstrumentException(label + ": a batch of " + count + " readings does not fit smua.nvbuffer1 "
                    + "(1 to " + MAX_READINGS + "); split it");
        }
        if (line < 1 || line > MAX_LINE) {
            throw new InstrumentException(label + ": digital I/O trigger line " + line + " does not exist (1 to "
                    + MAX_LINE + "); fix the bench's trigger line");
        }
        if (!(settleSeconds > 0) || settleSeconds > MAX_SETTLE_SECONDS) {
            throw new InstrumentException(label + ": settle time " + settleSeconds + " s is outside delay()'s "
                    + "range (more than 0, at most " + MAX_SETTLE_SECONDS + " s)");
        }
        run(() -> {
            session.set(LINE_MODE.channel(line), "digio.TRIG_RISINGM");
            session.set(LINE_PULSE_WIDTH.channel(line), PULSE_WIDTH_SECONDS);
            session.execute(CLEAR_BUFFER);
            session.set(APPEND_MODE, 1);
            session.execute(DEFINE.with(line));
        });
        double seconds = count * (PULSE_WIDTH_SECONDS + settleSeconds + secondsPerReading);
        armed = new Armed(bias, count, settleSeconds, Duration.ofNanos((long) (1.5 * seconds * 1e9)));
    }

    double[] runArmed() throws InstrumentException {
        Armed batch = armed;
        if (batch == null) {
            throw new InstrumentException(session.label() + ": runPacedReads before armPacedReads");
        }
        armed = null; // the buffer is cleared by each run, so an armed batch runs once
        Command fetch = FETCH.with(batch.count());
        String reply = call(() -> {
            session.execute(CLEAR_BUFFER);
            session.executeUnchecked(START.with(batch.count(), batch.settleSeconds()));
            return session.askWithin(fetch, batch.expected());
        });
        run(session::checkEventStatus);
        String[] values = reply.isBlank() ? new String[0] : reply.split(",");
        if (values.length != batch.count()) {
            throw new InstrumentException(session.label() + ": the batch returned " + values.length + " of "
                    + batch.count() + " readings; its bits cannot be matched to their pulses: run it again");
        }
        double[] ohms = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ohms[i] = Keithley2600.checkedOhms(session.label(), fetch.text() + " [" + (i + 1) + "]", values[i],
                    batch.bias());
        }
        return ohms;
    }

    void disarm() {
        armed = null;
    }
}
