package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.ExternallyTriggeredPulses.TriggeredPair;
import org.spinnoise.instrument.tektronix.TektronixAfg31000;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the AFG31000 driver, written from the sources the command table cites: the AFG3000 command
 * text in Tektronix's tm_devices package ("AFG3K", sibling) and AFG31000 drivers. Every command is followed by the
 * driver's error-queue read, answered with an empty queue.
 */
class TektronixAfg31000ProtocolTest {
    private static final Identity IDN = Identity.parse("TEKTRONIX,AFG31252,C000001,SCPI:99.0 FV:1.5.2");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String NO_ERROR = "0,\"No error\"";

    private final ExpectedProtocol wire = new ExpectedProtocol(NO_ERROR);

    private TektronixAfg31000 driver() {
        return new TektronixAfg31000(wire.session("pulse"), IDN, LIMITS);
    }

    /** Output off, load INFinity read back as 9.9E+37 (AFG3K output1.py), pulse shape, polarity, width then period. */
    private void setUpStart(int ch, String polarity) {
        wire.checkedWrite("OUTP" + ch + " OFF")
                .checkedWrite("OUTP" + ch + ":IMP INF")
                .checkedQuery("OUTP" + ch + ":IMP?", "9.9E+37")
                .checkedWrite("SOUR" + ch + ":FUNC PULS")
                .checkedWrite("OUTP" + ch + ":POL " + polarity)
                .checkedQuery("SOUR" + ch + ":PULS:PER?", "1.000000E-05")
                .checkedWrite("SOUR" + ch + ":PULS:WIDT 2.0E-8")
                .checkedQuery("SOUR" + ch + ":PULS:WIDT?", "2.000000E-08")
                .checkedWrite("SOUR" + ch + ":PULS:PER 1.0E-6");
    }

    /** One-cycle triggered burst, no delay, idle at the first point, external source shared, output on last. */
    private void setUpEnd(int ch) {
        wire.checkedWrite("SOUR" + ch + ":BURS:MODE TRIG")
                .checkedWrite("SOUR" + ch + ":BURS:NCYC 1")
                .checkedWrite("SOUR" + ch + ":BURS:TDEL 0.0")
                .checkedQuery("SOUR" + ch + ":BURS:TDEL?", "0.000000E+00")
                .checkedWrite("SOUR" + ch + ":BURS:IDLE START")
                .checkedWrite("TRIG:SOUR EXT")
                .checkedWrite("SOUR" + ch + ":BURS:STAT ON")
                .checkedWrite("OUTP" + ch + " ON");
    }

    private void reset(int ch) {
        setUpStart(ch, "INV");
        // Inverted relative to the offset (AFG3K): rests at HIGH 0 V, pulses to LOW -1 V; LOW first.
        wire.checkedWrite("SOUR" + ch + ":VOLT:LOW -1.0").checkedWrite("SOUR" + ch + ":VOLT:HIGH 0.0");
        setUpEnd(ch);
    }

    private void write(int ch) {
        setUpStart(ch, "NORM");
        wire.checkedWrite("SOUR" + ch + ":VOLT:HIGH 0.6").checkedWrite("SOUR" + ch + ":VOLT:LOW 0.0");
        setUpEnd(ch);
    }

    @Test
    void aNegativeResetPulseIsInvertedWithHighZeroAndLowNegative() throws Exception {
        reset(2);
        assertEquals(new PulseShape(-1.0, 2e-8), driver().configure(2, new PulseShape(-1.0, 2e-8)));
        wire.assertAllSent();
    }

    @Test
    void aLoadNotAtHighImpedanceIsRefusedBeforeAnyLevelIsSet() {
        wire.checkedWrite("OUTP1 OFF").checkedWrite("OUTP1:IMP INF").checkedQuery("OUTP1:IMP?", "5.000000E+01");
        assertThrows(InstrumentException.class, () -> driver().configure(1, new PulseShape(0.6, 2e-8)));
        wire.assertAllSent();
    }

    @Test
    void firingBothChannelsDelaysTheSecondPastTheFirstAndTriggersOnce() throws Exception {
        TektronixAfg31000 driver = driver();
        reset(2);
        write(1);
        // Reset first (delay 0, unchanged), write 20 ns + 100 ns later; one forced trigger (AFG3K trigger.py).
        wire.checkedWrite("SOUR1:BURS:TDEL 1.2E-7").checkedQuery("SOUR1:BURS:TDEL?", "1.200000E-07")
                .query("TRIG;*OPC?", "1");
        driver.configure(2, new PulseShape(-1.0, 2e-8));
        driver.configure(1, new PulseShape(0.6, 2e-8));
        driver.fire(2, 1);
        wire.assertAllSent();
    }

    @Test
    void firingOneChannelSwitchesTheOtherOutputOffAroundTheTrigger() throws Exception {
        TektronixAfg31000 driver = driver();
        reset(2);
        write(1);
        wire.checkedWrite("OUTP1 OFF").query("TRIG;*OPC?", "1").checkedWrite("OUTP1 ON");
        driver.configure(2, new PulseShape(-1.0, 2e-8));
        driver.configure(1, new PulseShape(0.6, 2e-8));
        driver.fire(2);
        wire.assertAllSent();
    }

    @Test
    void armingForExternalEdgesDelaysTheWriteBurst() throws Exception {
        reset(2);
        write(1);
        wire.checkedWrite("SOUR1:BURS:TDEL 1.2E-7").checkedQuery("SOUR1:BURS:TDEL?", "1.200000E-07")
                .checkedWrite("TRIG:SLOP POS");
        TriggeredPair pair = driver().armExternalTrigger(2, new PulseShape(-1.0, 2e-8), 1, new PulseShape(0.6, 2e-8));
        wire.assertAllSent();
        assertEquals(1.2e-7, pair.writeDelaySeconds(), 1e-15);
        // 1 us latency allowance + write delay 120 ns + its one-cycle burst of 1 us.
        assertEquals(2.12e-6, pair.minimumEdgeIntervalSeconds(), 1e-12);
    }

    @Test
    void theSafeStateTurnsTheOutputOffThenLeavesTheLevelsAtZeroAndTwoMillivolts() throws Exception {
        wire.checkedWrite("OUTP1 OFF").checkedWrite("SOUR1:VOLT:HIGH 0.002").checkedWrite("SOUR1:VOLT:LOW 0.0");
        driver().safeOff(1);
        wire.assertAllSent();
    }

    @Test
    void aPulseAboveTheSafetyLimitIsRefusedBeforeAnythingIsSent() {
        assertThrows(InstrumentException.class, () -> driver().configure(1, new PulseShape(-2.0, 2e-8)));
        wire.assertAllSent();
    }
}
