package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.ExternallyTriggeredPulses.TriggeredPair;
import org.spinnoise.instrument.keysight.Keysight8116x;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the 81150A/81160A driver, written from the 81150A/81160A User's Guide ("guide") where its
 * pages were found and otherwise from the sources the command table cites (sibling HP 81101A Reference Manual,
 * third-party 81150A driver). Every command is followed by the driver's error-queue read, answered with no error.
 */
class Keysight8116xProtocolTest {
    private static final Identity IDN = Identity.parse("Agilent Technologies,81150A,MY00000001,1.0.0.0-2.3");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String NO_ERROR = "+0,\"No error\"";

    private final ExpectedProtocol wire = new ExpectedProtocol(NO_ERROR);

    private Keysight8116x driver() {
        return new Keysight8116x(wire.session("pulse"), IDN, LIMITS);
    }

    /** Output off, expected load 1 Mohm read back (81101A p. 48), pulse function, polarity, width then period. */
    private void setUpStart(int ch, String polarity) {
        wire.checkedWrite(":OUTP" + ch + " OFF")
                .checkedWrite(":OUTP" + ch + ":IMP:EXT 1000000.0")
                .checkedQuery(":OUTP" + ch + ":IMP:EXT?", "+1.000000000000000E+06")
                .checkedWrite(":FUNC" + ch + " PULS")
                .checkedWrite(":OUTP" + ch + ":POL " + polarity)
                .checkedQuery(":PULS:PER" + ch + "?", "+1.000000000000000E-06") // p. 142: default 1 us
                .checkedWrite(":PULS:WIDT" + ch + " 2.0E-8")                      // 20 ns fits the 1 us period
                .checkedQuery(":PULS:WIDT" + ch + "?", "+2.000000000000000E-08")
                .checkedWrite(":PULS:PER" + ch + " 1.0E-6");
    }

    /** Delay 0, edge-armed on the software trigger (p. 92, one pulse per trigger), output on last. */
    private void setUpEnd(int ch) {
        wire.checkedWrite(":PULS:DEL" + ch + " 0.0")
                .checkedQuery(":PULS:DEL" + ch + "?", "+0.000000000000000E+00")
                .checkedWrite(":ARM:SENS" + ch + " EDGE")
                .checkedWrite(":ARM:SOUR" + ch + " MAN")
                .checkedWrite(":OUTP" + ch + " ON");
    }

    private void reset(int ch) {
        setUpStart(ch, "INV");
        // Inverted about the offset: rests at HIGH 0 V and pulses to LOW -1 V; LOW first keeps HIGH above it.
        wire.checkedWrite(":VOLT" + ch + ":LOW -1.0").checkedWrite(":VOLT" + ch + ":HIGH 0.0");
        setUpEnd(ch);
    }

    private void write(int ch) {
        setUpStart(ch, "NORM");
        wire.checkedWrite(":VOLT" + ch + ":HIGH 0.6").checkedWrite(":VOLT" + ch + ":LOW 0.0");
        setUpEnd(ch);
    }

    @Test
    void aNegativeResetPulseIsInvertedWithHighZeroAndLowNegative() throws Exception {
        reset(2);
        assertEquals(new PulseShape(-1.0, 2e-8), driver().configure(2, new PulseShape(-1.0, 2e-8)));
        wire.assertAllSent();
    }

    @Test
    void aPositiveWritePulseIsNormalWithLowZeroAndHighPositive() throws Exception {
        write(1);
        driver().configure(1, new PulseShape(0.6, 2e-8));
        wire.assertAllSent();
    }

    @Test
    void anExpectedLoadLeftAtFiftyOhmIsRefusedBeforeAnyLevelIsSet() {
        wire.checkedWrite(":OUTP1 OFF").checkedWrite(":OUTP1:IMP:EXT 1000000.0")
                .checkedQuery(":OUTP1:IMP:EXT?", "+5.000000000000000E+01");
        assertThrows(InstrumentException.class, () -> driver().configure(1, new PulseShape(0.6, 2e-8)));
        wire.assertAllSent();
    }

    @Test
    void firingTriggersOneChannelAtATimeWhileTheOtherWaitsOnTheExternalInput() throws Exception {
        Keysight8116x driver = driver();
        reset(2);
        write(1);
        wire.query(":ARM:SOUR1 EXT;:TRIG;*WAI;:ARM:SOUR1 MAN;:ARM:SOUR2 EXT;:TRIG;*WAI;:ARM:SOUR2 MAN;*OPC?", "1");
        driver.configure(2, new PulseShape(-1.0, 2e-8));
        driver.configure(1, new PulseShape(0.6, 2e-8));
        driver.fire(2, 1);
        wire.assertAllSent();
    }

    @Test
    void armingForExternalEdgesDelaysTheWriteChannelPastTheResetPulse() throws Exception {
        reset(2);
        write(1);
        // Write delay = reset width 20 ns + 100 ns edge allowance, from the trigger (p. 658).
        wire.checkedWrite(":PULS:PER1 1.4E-6")
                .checkedWrite(":PULS:DEL1 1.2E-7")
                .checkedQuery(":PULS:DEL1?", "+1.200000000000000E-07")
                .checkedWrite(":ARM:SLOP POS")
                .checkedWrite(":ARM:LEV 1.5")
                .checkedWrite(":ARM:SOUR2 EXT")
                .checkedWrite(":ARM:SOUR1 EXT");
        TriggeredPair pair = driver().armExternalTrigger(2, new PulseShape(-1.0, 2e-8), 1, new PulseShape(0.6, 2e-8));
        wire.assertAllSent();
        assertEquals(1.2e-7, pair.writeDelaySeconds(), 1e-15);
        // 1 us latency allowance (fixed delay NOT FOUND) + 120 ns + 20 ns + 100 ns.
        assertEquals(1.24e-6, pair.minimumEdgeIntervalSeconds(), 1e-12);
    }

    @Test
    void theSafeStateTurnsTheOutputOffThenLeavesTheLevelsAtZeroAndTwoMillivolts() throws Exception {
        wire.checkedWrite(":OUTP2 OFF").checkedWrite(":VOLT2:HIGH 0.002").checkedWrite(":VOLT2:LOW 0.0");
        driver().safeOff(2);
        wire.assertAllSent();
    }

    @Test
    void aPulseAboveTheSafetyLimitIsRefusedBeforeAnythingIsSent() {
        assertThrows(InstrumentException.class, () -> driver().configure(1, new PulseShape(2.0, 2e-8)));
        wire.assertAllSent();
    }
}
