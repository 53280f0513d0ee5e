package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keysight.Trueform33600;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the Trueform driver, written from the guide (Agilent 33500 Series Operating and Service
 * Guide, the series' guide available; pages in the comments). Every command is followed by the driver's error-queue
 * read, {@code SYST:ERR?}, answered here with an empty queue.
 */
class Trueform33600ProtocolTest {
    private static final Identity IDN = Identity.parse("Keysight Technologies,33622A,MY00000002,A.02.03-3.15-2.00");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String NO_ERROR = "+0,\"No error\"";
    private static final String INFINITE_LOAD = "+9.900000000000000E+37";

    private final ExpectedProtocol wire = new ExpectedProtocol(NO_ERROR);

    private Trueform33600 driver() {
        return new Trueform33600(wire.session("pulse"), IDN, LIMITS);
    }

    /** Output off, load INFinity and its read-back, pulse function: the start of every channel set-up (p. 61). */
    private ExpectedProtocol setUpStart(int ch, String polarity) {
        return wire.checkedWrite("OUTP" + ch + " OFF")                 // OUTPut[1|2] {ON|OFF}
                .checkedWrite("OUTP" + ch + ":LOAD INF")                // OUTPut[1|2]:LOAD INFinity, p. 61
                .checkedQuery("OUTP" + ch + ":LOAD?", INFINITE_LOAD)
                .checkedWrite("SOUR" + ch + ":FUNC PULS")               // [SOURce[1|2]:]FUNCtion PULSe
                .checkedWrite("OUTP" + ch + ":POL " + polarity)         // OUTPut[1|2]:POLarity, about the offset
                .checkedQuery("SOUR" + ch + ":FUNC:PULS:PER?", "+1.000000000000000E-03") // *RST period 1 ms, p. 69
                .checkedWrite("SOUR" + ch + ":FUNC:PULS:WIDT 2.0E-8")   // width first: 20 ns < the 1 ms period
                .checkedQuery("SOUR" + ch + ":FUNC:PULS:WIDT?", "+2.000000000000000E-08")
                .checkedWrite("SOUR" + ch + ":FUNC:PULS:PER 1.0E-6");
    }

    /** Triggered single-pulse burst on the bus trigger, output on last (burst subsystem, p. 177; trigger, p. 318). */
    private ExpectedProtocol setUpEnd(int ch) {
        return wire.checkedWrite("SOUR" + ch + ":BURS:MODE TRIG")
                .checkedWrite("SOUR" + ch + ":BURS:NCYC 1")
                .checkedWrite("TRIG" + ch + ":SOUR BUS")
                .checkedWrite("SOUR" + ch + ":BURS:STAT ON")
                .checkedWrite("OUTP" + ch + " ON");
    }

    @Test
    void aNegativeResetPulseIsInvertedWithHighZeroAndLowNegativeSoItRestsAtZero() throws Exception {
        setUpStart(2, "INV");
        // Inversion mirrors about the offset: resting at HIGH (0 V), pulsing to LOW (-1 V). LOW goes first so HIGH
        // stays above it at every step (p. 323).
        wire.checkedWrite("SOUR2:VOLT:LOW -1.0").checkedWrite("SOUR2:VOLT:HIGH 0.0");
        setUpEnd(2);
        PulseShape held = driver().configure(2, new PulseShape(-1.0, 2e-8));
        wire.assertAllSent();
        assertEquals(new PulseShape(-1.0, 2e-8), held);
    }

    @Test
    void aPositiveWritePulseIsNormalWithLowZeroAndHighPositive() throws Exception {
        setUpStart(1, "NORM");
        wire.checkedWrite("SOUR1:VOLT:HIGH 0.6").checkedWrite("SOUR1:VOLT:LOW 0.0");
        setUpEnd(1);
        driver().configure(1, new PulseShape(0.6, 2e-8));
        wire.assertAllSent();
    }

    @Test
    void firingTriggersEachChannelInTurnAndWaitsForTheBurstsToComplete() throws Exception {
        Trueform33600 driver = driver();
        setUpStart(2, "INV");
        wire.checkedWrite("SOUR2:VOLT:LOW -1.0").checkedWrite("SOUR2:VOLT:HIGH 0.0");
        setUpEnd(2);
        setUpStart(1, "NORM");
        wire.checkedWrite("SOUR1:VOLT:HIGH 0.6").checkedWrite("SOUR1:VOLT:LOW 0.0");
        setUpEnd(1);
        // *WAI between the triggers so the reset burst ends before the write fires; *OPC? answers 1 once the last
        // burst is complete (p. 318).
        wire.query(":TRIG2;*WAI;:TRIG1;*WAI;*OPC?", "1");
        driver.configure(2, new PulseShape(-1.0, 2e-8));
        driver.configure(1, new PulseShape(0.6, 2e-8));
        driver.fire(2, 1);
        wire.assertAllSent();
    }

    @Test
    void errorsAreCheckedWithOneEventStatusRead() throws Exception {
        wire.query("*ESR?", "+0");
        driver().checkErrors();
        wire.assertAllSent();
    }

    @Test
    void anExecutionErrorInTheEventStatusIsFollowedByTheErrorQueue() {
        // Bit 4 (16) is an execution error (IEEE 488.2 standard event status register).
        wire.query("*ESR?", "+16").query("SYST:ERR?", "-211,\"Trigger ignored\"").query("SYST:ERR?", NO_ERROR);
        InstrumentException e = assertThrows(InstrumentException.class, () -> driver().checkErrors());
        assertEquals(true, e.getMessage().contains("-211"), e.getMessage());
        wire.assertAllSent();
    }

    @Test
    void theSafeStateTurnsTheOutputOffThenLeavesTheLevelsAtZeroAndTwoMillivolts() throws Exception {
        wire.checkedWrite("OUTP2 OFF").checkedWrite("SOUR2:VOLT:HIGH 0.002").checkedWrite("SOUR2:VOLT:LOW 0.0");
        driver().safeOff(2);
        wire.assertAllSent();
    }

    @Test
    void outputsOffTurnsEveryChannelOff() throws Exception {
        wire.checkedWrite("OUTP1 OFF").checkedWrite("OUTP2 OFF");
        driver().outputsOff();
        wire.assertAllSent();
    }

    /**
     * Both channels set up as for bus triggers (resting at 0 V), then moved to the rear-panel Ext Trig input on a
     * rising edge, the write channel delayed past the reset pulse: TRIGger[1|2]:SLOPe and :SOURce EXTernal, p. 318
     * and EDU33212-90002 Ed. 4 pp. 139-144; TRIGger[1|2]:DELay (page NOT FOUND, read back).
     */
    @Test
    void theExternalTriggerArmsBothChannelsAndDelaysTheWritePastTheReset() throws Exception {
        setUpStart(2, "INV");
        wire.checkedWrite("SOUR2:VOLT:LOW -1.0").checkedWrite("SOUR2:VOLT:HIGH 0.0");
        setUpEnd(2);
        setUpStart(1, "NORM");
        wire.checkedWrite("SOUR1:VOLT:HIGH 0.6").checkedWrite("SOUR1:VOLT:LOW 0.0");
        setUpEnd(1);
        wire.checkedWrite("TRIG2:SLOP POS")
                .checkedWrite("TRIG1:SLOP POS")
                .checkedWrite("TRIG2:DEL 0.0").checkedQuery("TRIG2:DEL?", "+0.000000000000000E+00")
                // 20 ns reset width + 1 us, the longest edge time (EDU p. 99)
                .checkedWrite("TRIG1:DEL 1.02E-6").checkedQuery("TRIG1:DEL?", "+1.020000000000000E-06")
                .checkedWrite("TRIG2:SOUR EXT")
                .checkedWrite("TRIG1:SOUR EXT");
        Trueform33600 pulse = driver();
        ExternallyTriggeredPulses.TriggeredPair pair = pulse.armExternalTrigger(2, new PulseShape(-1.0, 2e-8), 1,
                new PulseShape(0.6, 2e-8));
        wire.assertAllSent();
        assertEquals(1.02e-6, pair.writeDelaySeconds(), 1e-15);
        assertEquals(2.04e-6, pair.writeEndSeconds(), 1e-15);
        // The write channel's 1 us burst ends 2.02 us after the edge; 1 ms more before the next edge is followed.
        assertEquals(1.00202e-3, pair.rearmSeconds(), 1e-12);
        assertThrows(InstrumentException.class, () -> pulse.fire(1, 2), "bus triggers do not fire EXT channels");
    }

    /**
     * Paced by an SMU whose trigger pulses lead falling (the 2400's Trigger Link), both channels take the negative
     * slope, so they fire at the pulse's start and not one pulse width later: TRIGger[1|2]:SLOPe NEGative, p. 318 and
     * EDU33212-90002 Ed. 4 pp. 140, 144.
     */
    @Test
    void aFallingLeadingEdgeSetsTheNegativeSlopeOnBothChannels() throws Exception {
        setUpStart(2, "INV");
        wire.checkedWrite("SOUR2:VOLT:LOW -1.0").checkedWrite("SOUR2:VOLT:HIGH 0.0");
        setUpEnd(2);
        setUpStart(1, "NORM");
        wire.checkedWrite("SOUR1:VOLT:HIGH 0.6").checkedWrite("SOUR1:VOLT:LOW 0.0");
        setUpEnd(1);
        wire.checkedWrite("TRIG2:SLOP NEG")
                .checkedWrite("TRIG1:SLOP NEG")
                .checkedWrite("TRIG2:DEL 0.0").checkedQuery("TRIG2:DEL?", "+0.000000000000000E+00")
                .checkedWrite("TRIG1:DEL 1.02E-6").checkedQuery("TRIG1:DEL?", "+1.020000000000000E-06")
                .checkedWrite("TRIG2:SOUR EXT")
                .checkedWrite("TRIG1:SOUR EXT");
        driver().armExternalTrigger(2, new PulseShape(-1.0, 2e-8), 1, new PulseShape(0.6, 2e-8),
                TriggerEdge.FALLING);
        wire.assertAllSent();
    }

    @Test
    void anUnsafeWriteIsRefusedBeforeTheTriggerMoves() {
        // The 2 V write fails the 1.5 V limit before anything is sent to either channel.
        assertThrows(InstrumentException.class, () -> driver().armExternalTrigger(2, new PulseShape(-1.0, 2e-8), 1,
                new PulseShape(2.0, 2e-8)));
        wire.assertAllSent();
    }
}
