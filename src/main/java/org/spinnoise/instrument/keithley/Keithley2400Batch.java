package org.spinnoise.instrument.keithley;

import static org.spinnoise.instrument.ScpiCalls.call;
import static org.spinnoise.instrument.ScpiCalls.run;

import java.time.Duration;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.scpi.Command;
import org.spinnoise.scpi.ScpiException;
import org.spinnoise.scpi.ScpiSession;
import org.spinnoise.scpi.Setting;

/**
 * A batch of readings paced by the 2400's own trigger model (User's Manual 2400S-900-01 Rev. K, Section 11): the
 * arm layer passes once, the trigger layer runs N source-delay-measure cycles at once after each other; each cycle
 * puts an output trigger on a Trigger Link line after its source action, waits the trigger delay (the settle time:
 * the pulses fired on that edge end within it) and measures into the buffer, which the host reads in one reply.
 */
final class Keithley2400Batch {
    /** The buffer holds 2500 readings (:TRACe:POINts 1 to 2500, p. 18-115); arm × trigger count ≤ 2500, p. 11-16. */
    static final int MAX_READINGS = 2500;
    /** The longest power-line cycle: 20 ms at 50 Hz and at 400 Hz, 16.67 ms at 60 Hz (p. 7-7). The line frequency
     *  command was NOT FOUND, so the slowest is assumed. */
    static final double LONGEST_PLC_SECONDS = 0.020;
    /** Trigger latency with autozero on, static source (cases V/VI), at most 500 µs, App. A p. A-8. */
    static final double TRIGGER_LATENCY_SECONDS = 500e-6;
    /** Each A/D phase: NPLC / line frequency + 185 µs, App. A p. A-4. */
    static final double PHASE_OVERHEAD_SECONDS = 185e-6;
    /** Autozero on (taken as on: :SYST:AZER NOT FOUND), V and I measured for manual ohms: 4 phases, p. A-5, p. 4-3. */
    static final int PHASES = 4;
    /** Firmware overhead of Case II, source V: 2.3 ms, p. A-5 (cases V/VI NOT FOUND). */
    static final double FIRMWARE_OVERHEAD_SECONDS = 2.3e-3;

    /** :ARM[:SEQuence[1]][:LAYer[1]]:SOURce IMMediate, p. 18-119. */
    private static final Setting<String> ARM_SOURCE = Setting.choice(":ARM:SOUR", "IMM");
    /** :ARM:COUNt, p. 18-118. */
    private static final Setting<Integer> ARM_COUNT = Setting.count(":ARM:COUN", 1, MAX_READINGS);
    /** :TRIGger[:SEQuence[1]]:SOURce IMMediate, p. 18-119: each cycle starts as soon as the previous one ends. */
    private static final Setting<String> TRIGGER_SOURCE = Setting.choice(":TRIG:SOUR", "IMM");
    /** :TRIGger:COUNt, p. 18-118 and p. 11-16. */
    private static final Setting<Integer> TRIGGER_COUNT = Setting.count(":TRIG:COUN", 1, MAX_READINGS);
    /** :TRIGger:DELay 0 to 999.9999 s, p. 18-118: between the output trigger (after the source) and the measure. */
    private static final Setting<Double> TRIGGER_DELAY = Setting.seconds(":TRIG:DEL", 0, 999.9999);
    /** :SOURce[1]:DELay 0 s, p. 18-82: the trigger delay alone is the settle time. */
    private static final Setting<Double> SOURCE_DELAY = Setting.seconds(":SOUR:DEL", 0, 999.9999);
    /** :TRIGger:OLINe, Table 11-1 p. 11-18: the Trigger Link output line, #1 to #4 (p. 11-8, pins 1-4 p. 11-19). */
    private static final Setting<Integer> OUTPUT_LINE = Setting.count(":TRIG:OLIN", 1, 4);
    /** :TRIGger:OUTPut SOURce | NONE, p. 18-122: an output trigger after the source action of each cycle. */
    private static final Setting<String> OUTPUT_EVENT = Setting.choice(":TRIG:OUTP", "SOUR", "NONE");
    /** :TRACe:FEED:CONTrol NEXT | NEVer, pp. 18-115/18-116: fill once from the next :INIT, or store nothing. */
    private static final Setting<String> BUFFER_CONTROL = Setting.choice(":TRAC:FEED:CONT", "NEXT", "NEV");
    /** :TRACe:FEED SENSe, p. 18-115: raw readings. */
    private static final Setting<String> BUFFER_FEED = Setting.choice(":TRAC:FEED", "SENS");
    /** :TRACe:POINts 1 to 2500, p. 18-115. */
    private static final Setting<Integer> BUFFER_POINTS = Setting.count(":TRAC:POIN", 1, MAX_READINGS);
    /** :TRACe:CLEar, Table 9-1 p. 9-5. */
    private static final Command BUFFER_CLEAR = Command.of(":TRAC:CLE");
    /** :TRIGger:CLEar, p. 18-116: drops input triggers latched before the batch. */
    private static final Command TRIGGER_CLEAR = Command.of(":TRIG:CLE");
    /** :INITiate, p. 11-11: leaves idle; with auto output-off disabled the output is already on (p. 17-5). */
    private static final Command INITIATE = Command.of(":INIT");
    /** *OPC? answers 1 once all pending operations, the trigger model included, have finished, p. 16-3. */
    private static final Command OPERATION_COMPLETE = Command.of("*OPC?");
    /** :TRACe:DATA?, Table 9-1 p. 9-5: the buffer, elements per :FORMat:ELEMents (p. 18-49), comma separated. */
    private static final Command BUFFER_DATA = Command.of(":TRAC:DATA?");

    private final ScpiSession session;
    private int armedCount;
    private double armedSettleSeconds;

    Keithley2400Batch(ScpiSession session) {
        this.session = session;
    }

    /**
     * One reading per :READ? and no output trigger: after a batch, or on a unit left in any trigger setup, a per-bit
     * read must neither return several readings nor fire an edge into the pulse generator.
     */
    void singleReadings() throws ScpiException {
        armedCount = 0;
        session.setUnchecked(OUTPUT_EVENT, "NONE");
        session.setUnchecked(ARM_SOURCE, "IMM");
        session.setUnchecked(ARM_COUNT, 1);
        session.setUnchecked(TRIGGER_SOURCE, "IMM");
        session.setUnchecked(TRIGGER_COUNT, 1);
        session.setUnchecked(TRIGGER_DELAY, 0.0);
        session.checkEventStatus();                                     // one *ESR? confirms them all
    }

    /** The reading time of one cycle after its settle, from App. A's timing with the slowest line frequency. */
    static double secondsPerReading(ReadBias bias) {
        return TRIGGER_LATENCY_SECONDS + PHASES * (bias.nplc() * LONGEST_PLC_SECONDS + PHASE_OVERHEAD_SECONDS)
                + FIRMWARE_OVERHEAD_SECONDS;
    }

    void arm(int count, int triggerLine, double settleSeconds) throws InstrumentException {
        String label = session.label();
        if (count < 1 || count > MAX_READINGS) {
            throw new InstrumentException(label + ": a paced batch of " + count + " readings is not possible: the "
                    + "buffer holds 1 to " + MAX_READINGS + " (User's Manual p. 18-115); split the batch");
        }
        if (triggerLine < 1 || triggerLine > 4) {
            throw new InstrumentException(label + ": Trigger Link line " + triggerLine + " does not exist; use 1 to 4"
                    + " (User's Manual p. 11-19)");
        }
        if (!(settleSeconds >= 0) || settleSeconds > 999.9999) {
            throw new InstrumentException(label + ": settle time " + settleSeconds + " s is outside the trigger delay's"
                    + " 0 to 999.9999 s (User's Manual p. 18-118)");
        }
        armedCount = 0;
        run(() -> {
            session.executeUnchecked(Keithley2400.ABORT);                        // idle, Table 11-1
            session.setUnchecked(OUTPUT_EVENT, "NONE");                          // no edge until armed, p. 18-122
            session.setUnchecked(BUFFER_CONTROL, "NEV");                         // storage off before the buffer changes (+800)
            session.executeUnchecked(BUFFER_CLEAR);                              // p. 9-5
            session.setUnchecked(BUFFER_FEED, "SENS");                           // p. 18-115
            session.setUnchecked(BUFFER_POINTS, count);                          // p. 18-115
            session.setUnchecked(ARM_SOURCE, "IMM");                             // p. 18-119
            session.setUnchecked(ARM_COUNT, 1);                                  // p. 18-118
            session.setUnchecked(TRIGGER_SOURCE, "IMM");                         // p. 18-119
            session.setUnchecked(TRIGGER_COUNT, count);                          // p. 18-118
            session.setUnchecked(TRIGGER_DELAY, settleSeconds);                  // p. 18-118
            session.setUnchecked(SOURCE_DELAY, 0.0);                             // p. 18-82
            session.setUnchecked(OUTPUT_LINE, triggerLine);                      // Table 11-1
            session.setUnchecked(OUTPUT_EVENT, "SOUR");                          // p. 18-122
            session.setUnchecked(BUFFER_CONTROL, "NEXT");                        // pp. 18-115/18-116
            session.executeUnchecked(TRIGGER_CLEAR);                             // p. 18-116
            // One *ESR? (App. B p. B-2) confirms the whole sequence: a check per line costs a round trip each, and the
            // batch is re-armed per batch, which must stay within 0.01 round trips per bit.
            session.checkEventStatus();                                 // *ESR?, App. B p. B-2
        });
        armedCount = count;
        armedSettleSeconds = settleSeconds;
    }

    /** Starts the armed batch, waits for its end, and returns its readings as sent; throws if any is missing. */
    String[] runBatch(ReadBias bias) throws InstrumentException {
        if (armedCount == 0) {
            throw new InstrumentException(session.label() + ": runPacedReads without armPacedReads");
        }
        int count = armedCount;
        armedCount = 0;
        double expectedSeconds = count * (armedSettleSeconds + secondsPerReading(bias));
        String done;
        String data;
        try {
            session.executeUnchecked(INITIATE);
            done = session.askWithin(OPERATION_COMPLETE, Duration.ofNanos((long) (expectedSeconds * 1e9)));
            data = session.askChecked(BUFFER_DATA);
        } catch (ScpiException e) {
            // Back to one reading per :READ? with no edge, attempted whatever became of the batch.
            try {
                singleReadings();
            } catch (ScpiException restore) {
                e.addSuppressed(restore);
            }
            throw new InstrumentException(session.label() + ": paced batch of " + count + " readings failed: "
                    + e.getMessage(), e);
        }
        run(this::singleReadings);
        if (!done.trim().equals("1") && !done.trim().equals("+1")) {
            throw new InstrumentException(session.label() + ": *OPC? after :INIT answered '" + done + "', not 1");
        }
        String[] readings = data.isBlank() ? new String[0] : data.split(",");
        if (readings.length != count) {
            throw new InstrumentException(session.label() + ": paced batch armed for " + count + " readings returned "
                    + readings.length + " (a missed or aborted trigger cycle); none of its bits is used");
        }
        return readings;
    }
}
