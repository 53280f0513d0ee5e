package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keysight.KeysightB2900;
import org.spinnoise.instrument.keysight.KeysightB2900Driver;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the B2900 driver, written from the manuals: SR2 = Agilent B2900 Series SCPI Command Reference
 * B2910-90030 Ed. 2; UG2 = B2900 User's Guide Ed. 2; DS = B2900A data sheet; SR61 = sibling B2961A/B2962A SCPI
 * Command Reference Ed. 6; "drv" = syntax cross-checked against the NI agb2900 / PyMeasure drivers, page NOT FOUND.
 * The empty error queue answers +0,"No error" (SR2 §5 p. 5-2).
 */
class KeysightB2900ProtocolTest {
    private static final Identity IDN = Identity.parse("Agilent Technologies,B2901A,MY00000001,3.4.2011.5100");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);

    private final ExpectedProtocol wire = new ExpectedProtocol("+0,\"No error\"");

    private KeysightB2900 driver() {
        return new KeysightB2900(wire.session("smu"), IDN, LIMITS);
    }

    private ExpectedProtocol readSetUp() {
        // Limit and level before the function, so a unit left sourcing current switches straight to the bias.
        return wire.checkedWrite(":SENS:CURR:PROT 2.0E-4")       // :SENSe[c]:CURRent[:DC]:PROTection, SR61 p. 4-90
                .checkedWrite(":SOUR:VOLT 0.1")                 // [:SOURce[c]]:VOLTage[:LEVel]..., SR2 p. 4-93
                .checkedWrite(":SOUR:FUNC:MODE VOLT")           // [:SOURce[c]]:FUNCtion:MODE VOLTage, drv; UG2 p. 2-25
                .checkedWrite(":SENS:FUNC \"RES\"")             // :SENSe[c]:FUNCtion[:ON] "RES", SR61 p. 4-93
                .checkedWrite(":SENS:RES:MODE MAN")             // manual ohms keeps the voltage source, UG2 p. 2-25
                .checkedWrite(":SENS:CURR:NPLC 0.1")            // NPLCycles, SR61 p. 4-87; shared, SR2 p. 4-73
                .checkedWrite(":FORM:ELEM:SENS RES")            // one element per reading, SR61 p. 4-21
                .checkedWrite(":OUTP:OFF:MODE NORM")            // off = 0 V, relay open, SR61 p. 4-67; UG2 p. 6-13
                .checkedWrite(":OUTP ON");                      // :OUTPut[c][:STATe], drv
    }

    @Test
    void theDriverClaimsB2900SmusOnly() {
        KeysightB2900Driver driver = new KeysightB2900Driver();
        assertTrue(driver.drives(IDN));
        assertTrue(driver.drives(Identity.parse("Keysight Technologies,B2912B,MY1,1.0")));
        assertFalse(driver.drives(Identity.parse("Keysight Technologies,B2962A,MY1,1.0")), "a power source");
        assertFalse(driver.drives(Identity.parse("Keysight Technologies,B2985A,MY1,1.0")), "an electrometer");
        assertTrue(driver.limits(IDN).batched());
    }

    @Test
    void oneReadIsOneSpotMeasurementOfResistance() throws Exception {
        readSetUp().query(":MEAS:RES? (@1)", "+2.013456E+03");  // SR2 p. 4-45; number format p. 1-12
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        assertEquals(2013.456, smu.readResistanceOhms(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void nanMeansNoDataAndIsRefused() throws Exception {
        readSetUp().query(":MEAS:RES? (@1)", "+9.910000E+37");  // NaN, SR2 p. 1-12 and p. 4-44
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        InstrumentException e = assertThrows(InstrumentException.class, smu::readResistanceOhms);
        assertTrue(e.getMessage().contains("no data"), e.getMessage());
    }

    @Test
    void anUnsafeBiasIsRefusedBeforeAnythingIsSent() {
        assertThrows(InstrumentException.class, () -> driver().configureRead(new ReadBias(2.0, 2e-4, 0.1)));
        assertThrows(InstrumentException.class, () -> driver().configureRead(new ReadBias(0.1, 5e-3, 0.1)));
        wire.assertAllSent();
    }

    /** Per reading: arm tick, edge on EXT1 as the trigger layer is entered, trigger delay, one reading. */
    private ExpectedProtocol armed(int count) {
        return wire.write(":ABOR:ACQ")                   // drv
                .write(":SOUR:DIG:EXT1:FUNC TOUT")       // pin 1 as trigger output, drv; UG2 p. 6-27
                .write(":SOUR:DIG:EXT1:POL POS")         // high-going pulse, leads rising; drv (SR2 page NOT FOUND)
                .write(":TRIG:ACQ:TOUT:SIGN EXT1")       // drv; EXTn = DIO pin n, UG2 p. 6-27
                .write(":TRIG:ACQ:TOUT ON")              // drv
                .write(":TRIG:ACQ:SOUR AINT")            // UG2 p. 6-27
                .write(":TRIG:ACQ:COUN 1")               // DS p. 17
                .write(":TRIG:ACQ:DEL 5.0E-4")           // settle; delay precedes the action, UG2 p. 6-27
                .write(":ARM:ACQ:SOUR TIM")              // UG2 p. 6-27
                // (5e-4 s settle + 0.1 PLC / 50 Hz) * 1.25 + 1 ms margin (overhead NOT FOUND)
                .write(":ARM:ACQ:TIM 0.004125")          // DS p. 17
                .write(":ARM:ACQ:DEL 0.0")               // DS p. 17
                .write(":ARM:ACQ:COUN " + count)         // DS p. 17
                .query("*ESR?", "0");                           // one check for all, IEEE 488.2 §10.12
    }

    @Test
    void aPacedBatchIsArmedStartedAndFetchedInOneReply() throws Exception {
        readSetUp();
        armed(3).write(":INIT:ACQ")                      // SR2 p. 4-68; drv
                .query("*OPC?", "1")                            // IEEE 488.2 §10.19
                .query(":FETC:ARR:RES? (@1)", "+2.000100E+03,+4.200200E+03,+2.000300E+03") // SR61 p. 4-17; SR2 p. 1-12
                .query("*ESR?", "0");                           // IEEE 488.2 §10.12
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        assertEquals(0.1 / 50, smu.secondsPerReading(BIAS), 1e-12);
        smu.armPacedReads(3, 1, 5e-4);
        assertArrayEquals(new double[] {2000.1, 4200.2, 2000.3}, smu.runPacedReads(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void aShortBatchThrowsNamingWhatCameBack() throws Exception {
        readSetUp();
        armed(3).write(":INIT:ACQ").query("*OPC?", "1")
                .query(":FETC:ARR:RES? (@1)", "+2.000100E+03,+4.200200E+03");
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        smu.armPacedReads(3, 1, 5e-4);
        InstrumentException e = assertThrows(InstrumentException.class, smu::runPacedReads);
        assertTrue(e.getMessage().contains("returned 2 readings where 3 were armed"), e.getMessage());
    }

    @Test
    void batchesBeyondTheArmCountOrOnNoPinAreRefused() throws Exception {
        readSetUp();
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(100_001, 1, 5e-4));
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(10, 15, 5e-4));
        assertThrows(InstrumentException.class, smu::runPacedReads);
        wire.assertAllSent();
    }

    @Test
    void theSafeStateAbortsTurnsTheOutputOffAndTheSourceToZero() throws Exception {
        wire.checkedWrite(":ABOR:ACQ").checkedWrite(":OUTP OFF").checkedWrite(":SOUR:VOLT 0.0");
        assertEquals("abort, off, 0 V", driver().safeOff());
        wire.assertAllSent();
    }

    @Test
    void aFailedAbortStillTurnsTheOutputOffAndTheSourceToZero() throws Exception {
        // The error queue answers in the order of SR2 §5 p. 5-2: the entry, then +0,"No error".
        wire.write(":ABOR:ACQ").query("SYST:ERR?", "-113,\"Undefined header\"").query("SYST:ERR?", "+0,\"No error\"")
                .checkedWrite(":OUTP OFF").checkedWrite(":SOUR:VOLT 0.0");
        InstrumentException e = assertThrows(InstrumentException.class, () -> driver().safeOff());
        assertTrue(e.getMessage().contains("abort FAILED") && e.getMessage().contains("done: off, 0 V"),
                e.getMessage());
        wire.assertAllSent();
    }

    @Test
    void aRefusedBatchArmLeavesNoBatchToRun() throws Exception {
        readSetUp();
        // The sequence goes out unchecked; its one *ESR? shows the execution error bit (16, IEEE 488.2 §11.5.1),
        // so the queue is drained into the refusal.
        wire.write(":ABOR:ACQ").write(":SOUR:DIG:EXT1:FUNC TOUT").write(":SOUR:DIG:EXT1:POL POS")
                .write(":TRIG:ACQ:TOUT:SIGN EXT1")
                .write(":TRIG:ACQ:TOUT ON").write(":TRIG:ACQ:SOUR AINT").write(":TRIG:ACQ:COUN 1")
                .write(":TRIG:ACQ:DEL 5.0E-4").write(":ARM:ACQ:SOUR TIM").write(":ARM:ACQ:TIM 0.004125")
                .write(":ARM:ACQ:DEL 0.0").write(":ARM:ACQ:COUN 3")
                .query("*ESR?", "16")
                .query("SYST:ERR?", "-221,\"Settings conflict\"").query("SYST:ERR?", "+0,\"No error\"");
        KeysightB2900 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(3, 1, 5e-4));
        InstrumentException e = assertThrows(InstrumentException.class, smu::runPacedReads);
        assertTrue(e.getMessage().contains("without an armed batch"), e.getMessage());
        wire.assertAllSent();
    }
}
