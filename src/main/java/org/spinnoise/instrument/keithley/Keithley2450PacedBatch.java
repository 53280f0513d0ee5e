package org.spinnoise.instrument.keithley;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.time.Duration;
import java.util.List;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.ScpiError;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * A batch of readings the 2450 paces itself, loaded block by block into its trigger model (Model 2450 Reference
 * Manual 2450-901-01 Rev. B, pages beside each line): clear the buffer; then per reading a notify event that pulses
 * digital I/O line n (cabled to the pulse generator's Ext Trig input), a constant delay while the pulses run, one
 * measurement into the named buffer, and a branch counter back to the notify block. The host starts it, waits with
 * {@code *OPC?} and fetches every reading in one reply. Rev. B has no {@code :TRIGger:LOAD "Empty"} (2461 only) and
 * no MDIGitize block; the blocks here are the ones it documents.
 */
final class Keithley2450PacedBatch {
    static final String BUFFER = "\"spinnoise\"";
    /** User buffers hold at least 10 readings ([sibling] 2461 Reference Manual 2461-901-01 Rev. A p. 6-165). */
    private static final int MIN_BUFFER = 10;
    /** Event 1115: a buffer of that name already exists ([sibling] 2461 Rev. A p. 6-165). */
    private static final int BUFFER_EXISTS = 1115;
    /** The notify event the blocks raise and the digital line asserts: NOTify1 of 1 to 8 (p. 6-146, p. 6-153). */
    private static final int NOTIFY_ID = 1;
    /** Output trigger pulse on the line: 10 µs, the default ([sibling] 2461 Rev. A p. 6-214), enough for TTL inputs. */
    private static final double LINE_PULSE_SECONDS = 10e-6;
    /** The source readback (on by default) measures the source before each reading, p. 6-77: one more integration. */
    private static final int READBACK_INTEGRATIONS = 1;
    /**
     * Per-reading overhead of the trigger model: NOT FOUND (SPEC-2450 p. 5 not stored). Set to one millisecond so the
     * wait for a batch errs long; it does not change the pacing, which the instrument does itself.
     */
    private static final double OVERHEAD_SECONDS = 1e-3;

    /** [:SENSe[1]]:RESistance:AZERo[:STATe], p. 6-46. */
    private static final Setting<Boolean> AUTO_ZERO = Setting.onOff(":SENS:RES:AZER");
    /** [:SENSe[1]]:AZERo:ONCE: one reference and zero refresh (TSP twin, [sibling] 2461 Rev. A p. 8-135). */
    private static final Command AUTO_ZERO_ONCE = Command.of(":SENS:AZER:ONCE");
    /** :SYSTem:LFRequency? ([sibling] 2461 Rev. A p. 6-153; 2450 page NOT FOUND). */
    private static final Command LINE_FREQUENCY = Command.of(":SYST:LFR?");
    /** :DIGital:LINE<n>:MODE TRIGger, OUT, p. 6-19. */
    private static final Command LINE_TRIGGER_OUT = Command.of(":DIG:LINE{0}:MODE TRIG, OUT");
    /** :TRIGger:DIGital<n>:OUT:LOGic POSitive (a high pulse), p. 6-151 / [sibling] 2461 Rev. A p. 6-213. */
    private static final Command LINE_LOGIC = Command.of(":TRIG:DIG{0}:OUT:LOG POS");
    /** :TRIGger:DIGital<n>:OUT:PULSewidth, named p. 6-153; syntax [sibling] 2461 Rev. A p. 6-214. */
    private static final Command LINE_PULSE = Command.of(":TRIG:DIG{0}:OUT:PULS {1}");
    /** :TRIGger:DIGital<n>:OUT:STIMulus NOTify<id>, p. 6-153. */
    private static final Command LINE_STIMULUS = Command.of(":TRIG:DIG{0}:OUT:STIM NOT{1}");
    /** :TRACe:MAKE "<name>", <size>, p. 6-124 (example); [sibling] 2461 Rev. A p. 6-165. */
    private static final Command MAKE_BUFFER = Command.of(":TRAC:MAKE " + BUFFER + ", {0}");
    /** :TRACe:POINts <size>, "<name>" (changing the size clears it), p. 6-115. */
    private static final Command BUFFER_SIZE = Command.of(":TRAC:POIN {0}, " + BUFFER);
    /** Blocks: BUFFer:CLEar p. 6-144 (example), NOTify p. 6-146, DELay:CONStant p. 6-144 (example; [sibling] 2461
     * p. 6-199), MEASure p. 6-144, BRANch:COUNter pp. 6-128/6-129. */
    private static final Command BLOCK_CLEAR = Command.of(":TRIG:BLOC:BUFF:CLE 1, " + BUFFER);
    private static final Command BLOCK_NOTIFY = Command.of(":TRIG:BLOC:NOT 2, {0}");
    private static final Command BLOCK_DELAY = Command.of(":TRIG:BLOC:DEL:CONS 3, {0}");
    private static final Command BLOCK_MEASURE = Command.of(":TRIG:BLOC:MEAS 4, " + BUFFER);
    private static final Command BLOCK_BRANCH = Command.of(":TRIG:BLOC:BRAN:COUN 5, {0}, 2");
    /** :INITiate[:IMMediate] starts the model, p. 6-124. */
    private static final Command INITIATE = Command.of(":INIT");
    /** *OPC? answers once the model is idle again: commands wait while it runs, p. B-6. */
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** :TRACe:ACTual? "<name>", p. 6-107. */
    private static final Command ACTUAL = Command.of(":TRAC:ACT? " + BUFFER);
    /** :TRACe:DATA? 1, <n>, "<name>", READ: one ASCII line, values separated by commas, p. 6-109, p. 6-124. */
    private static final Command DATA = Command.of(":TRAC:DATA? 1, {0}, " + BUFFER + ", READ");

    private final ScpiSession session;
    private final int bufferSize;
    private final int triggerLine;
    private final double settleSeconds;
    private final double readingSeconds;
    private int count;

    private Keithley2450PacedBatch(ScpiSession session, int bufferSize, int triggerLine, double settleSeconds,
                                   double readingSeconds, int count) {
        this.session = session;
        this.bufferSize = bufferSize;
        this.triggerLine = triggerLine;
        this.settleSeconds = settleSeconds;
        this.readingSeconds = readingSeconds;
        this.count = count;
    }

    /**
     * One reading's time inside the model: NPLC power-line cycles (p. 6-48) of the mains ({@code :SYST:LFR?}), once for
     * the reading and once for the source readback, with autozero off (the batch turns it off: with it on, every
     * reading would add a reference and a zero integration, p. 6-46, tripling the time; the zero is refreshed once
     * before each batch instead, which keeps a drift of minutes out of a batch of seconds), plus the overhead.
     */
    static double secondsPerReading(ScpiSession session, ReadBias bias) throws InstrumentException {
        double lineHz = call(() -> session.askNumber(LINE_FREQUENCY));
        if (!(lineHz >= 45 && lineHz <= 66)) {
            throw new InstrumentException(session.label() + ": ':SYST:LFR?' answered " + lineHz
                    + " Hz, not a mains frequency");
        }
        return (1 + READBACK_INTEGRATIONS) * bias.nplc() / lineHz + OVERHEAD_SECONDS;
    }

    /** Loads the digital line, the buffer and the five blocks. */
    static Keithley2450PacedBatch load(ScpiSession session, int count, int triggerLine, double settleSeconds,
                                       double readingSeconds) throws InstrumentException {
        if (triggerLine < 1 || triggerLine > 6) {
            throw new InstrumentException(session.label() + ": digital I/O line " + triggerLine
                    + " does not exist (lines 1 to 6, p. 6-19)");
        }
        if (count < 1) {
            throw new InstrumentException(session.label() + ": a paced batch needs at least one reading");
        }
        if (settleSeconds != 0 && (settleSeconds < 167e-9 || settleSeconds > 10_000)) {
            throw new InstrumentException(session.label() + ": settle " + settleSeconds
                    + " s is outside the delay block's 167 ns to 10,000 s");
        }
        int size = Math.max(MIN_BUFFER, count);
        run(() -> {
            session.set(AUTO_ZERO, false);
            session.execute(LINE_TRIGGER_OUT.with(triggerLine));
            session.execute(LINE_LOGIC.with(triggerLine));
            session.execute(LINE_PULSE.with(triggerLine, LINE_PULSE_SECONDS));
            session.execute(LINE_STIMULUS.with(triggerLine, NOTIFY_ID));
        });
        makeBuffer(session, size);
        run(() -> {
            session.execute(BUFFER_SIZE.with(size));
            session.execute(BLOCK_CLEAR);
            session.execute(BLOCK_NOTIFY.with(NOTIFY_ID));
            session.execute(BLOCK_DELAY.with(settleSeconds));
            session.execute(BLOCK_MEASURE);
            session.execute(BLOCK_BRANCH.with(count));
        });
        return new Keithley2450PacedBatch(session, size, triggerLine, settleSeconds, readingSeconds, count);
    }

    /** Makes the buffer; one left by an earlier session (event 1115) is reused, any other error thrown. */
    private static void makeBuffer(ScpiSession session, int size) throws InstrumentException {
        List<ScpiError> errors = call(() -> {
            session.executeUnchecked(MAKE_BUFFER.with(size));
            return session.drainErrors();
        });
        List<ScpiError> others = errors.stream().filter(e -> e.code() != BUFFER_EXISTS).toList();
        if (!others.isEmpty()) {
            throw new InstrumentException(session.label() + ": '" + MAKE_BUFFER.with(size) + "' reported " + others
                    + "; check the buffer name and size against the manual (p. 6-124)");
        }
    }

    boolean sameLoop(int line, double settle) {
        return line == triggerLine && settle == settleSeconds;
    }

    int bufferSize() {
        return bufferSize;
    }

    /** Changes only the number of readings (block 5), for a shorter or longer batch within the buffer. */
    void recount(int newCount) throws InstrumentException {
        if (newCount < 1 || newCount > bufferSize) {
            throw new InstrumentException(session.label() + ": " + newCount + " readings do not fit the "
                    + bufferSize + "-reading buffer");
        }
        if (newCount != count) {
            run(() -> session.execute(BLOCK_BRANCH.with(newCount)));
            count = newCount;
        }
    }

    /**
     * Refreshes the zero, starts the model, waits for it, checks the count and fetches the readings. The start and
     * the fetch are not followed by error-queue reads (the queue is not read while the model runs, p. B-6); the
     * caller confirms the batch with one {@code *ESR?}.
     */
    double[] runBatch() throws InstrumentException {
        Duration expected = Duration.ofNanos((long) (2e9 * count * (settleSeconds + readingSeconds)))
                .plusSeconds(1);
        String done = call(() -> {
            session.executeUnchecked(AUTO_ZERO_ONCE);
            session.executeUnchecked(INITIATE);
            return session.askWithin(OPERATION_COMPLETE, expected);
        });
        if (!done.trim().equals("1")) {
            throw new InstrumentException(session.label() + ": '*OPC?' after ':INIT' answered '" + done
                    + "' instead of 1; the batch of " + count + " readings is discarded");
        }
        String actualReply = call(() -> session.ask(ACTUAL));
        int actual;
        try {
            actual = (int) Double.parseDouble(actualReply.trim());
        } catch (NumberFormatException e) {
            throw new InstrumentException(session.label() + ": ':TRAC:ACT?' answered '" + actualReply
                    + "', not a count; the batch of " + count + " readings is discarded", e);
        }
        if (actual != count) {
            throw new InstrumentException(session.label() + ": the trigger model stored " + actual + " of "
                    + count + " readings (a missed trigger or an aborted model); the whole batch is discarded");
        }
        String reply = call(() -> session.ask(DATA.with(count)));
        String[] fields = reply.split(",");
        if (fields.length != count) {
            throw new InstrumentException(session.label() + ": ':TRAC:DATA?' returned " + fields.length
                    + " values for " + count + " readings; the whole batch is discarded");
        }
        double[] ohms = new double[count];
        for (int i = 0; i < count; i++) {
            try {
                ohms[i] = Double.parseDouble(fields[i].trim());
            } catch (NumberFormatException e) {
                throw new InstrumentException(session.label() + ": ':TRAC:DATA?' value " + (i + 1) + " is '"
                        + fields[i] + "', not a number; the whole batch is discarded", e);
            }
        }
        return ohms;
    }
}
