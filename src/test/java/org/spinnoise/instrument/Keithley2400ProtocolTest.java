package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keithley.Keithley2400;
import org.spinnoise.instrument.keithley.Keithley2400Driver;
import org.spinnoise.instrument.keithley.Keithley2450Driver;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the 2400-series driver, written from the Series 2400 SourceMeter User's Manual
 * (2400S-900-01 Rev. K; pages in the comments). Every command is followed by the driver's error-queue read
 * (:SYSTem:ERRor?, p. 18-109), answered here with an empty queue.
 */
class Keithley2400ProtocolTest {
    private static final Identity IDN = Identity.parse(
            "KEITHLEY INSTRUMENTS INC.,MODEL 2400,4039402,C30   Mar 17 2006 09:29:29/A02  /K/J");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String NO_ERROR = "0,\"No error\"";
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);

    private final ExpectedProtocol wire = new ExpectedProtocol(NO_ERROR);

    private Keithley2400 driver() {
        return new Keithley2400(wire.session("smu"), IDN, LIMITS);
    }

    /** Per-bit reads: one reading per :READ?, no output trigger, from the GPIB defaults of p. 11-17. */
    private ExpectedProtocol singleReadings() {
        return wire.write(":TRIG:OUTP NONE")             // no output triggers, p. 18-122
                .write(":ARM:SOUR IMM")                  // p. 18-119
                .write(":ARM:COUN 1")                    // p. 18-118
                .write(":TRIG:SOUR IMM")                 // p. 18-119
                .write(":TRIG:COUN 1")                   // p. 18-118
                .write(":TRIG:DEL 0.0")                         // p. 18-118
                .query("*ESR?", "0");                           // one check for all, App. B p. B-2
    }

    /** Output off, manual ohms before the ohms function (auto ohms would source current, p. 18-61), output on last. */
    private ExpectedProtocol readSetUp() {
        wire.checkedWrite(":OUTP OFF")                          // :OUTPut[1][:STATe], Table 4-3 p. 4-14
                .checkedWrite(":SENS:RES:MODE MAN")             // [:SENSe[1]]:RESistance:MODE MANual, p. 18-61
                .checkedWrite(":SOUR:FUNC VOLT")                // :SOURce[1]:FUNCtion[:MODE], p. 18-73
                .checkedWrite(":SOUR:VOLT:MODE FIX")            // p. 18-73
                .checkedWrite(":SENS:CURR:PROT 2.0E-4")         // current compliance of the V-source, p. 18-68
                .checkedWrite(":SOUR:VOLT 0.1")                 // source level, pp. 18-79, 18-84
                .checkedWrite(":SENS:FUNC \"RES\"")             // Table 4-2 p. 4-13
                .checkedWrite(":SENS:RES:NPLC 0.1")             // Table 18-6 p. 18-13
                .checkedWrite(":FORM:ELEM RES")                 // one element per reading, p. 18-49, Table 4-3
                .checkedWrite(":SOUR:CLE:AUTO OFF");            // bias stays on, p. 18-72
        singleReadings();
        return wire.checkedWrite(":OUTP:SMOD NORM")             // 0 V source when off, p. 18-57
                .checkedWrite(":OUTP ON");
    }

    @Test
    void theReadIsConfiguredInManualOhmsWithTheOutputOnLast() throws Exception {
        readSetUp();
        driver().configureRead(BIAS);
        wire.assertAllSent();
    }

    @Test
    void oneResistanceReadIsOneReadQuery() throws Exception {
        readSetUp();
        wire.query(":READ?", "+2.013456E+03");                  // :READ?, p. 17-2; number form, Figure 18-1
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        assertEquals(2013.456, smu.readResistanceOhms(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void aFiveElementReplyIsRefusedNotMisread() throws Exception {
        readSetUp();
        // Voltage, current, resistance, time, status: the default element list (UM-alt Figure 18-1 p. 18-49).
        wire.query(":READ?", "+1.000206E-01,+4.967700E-05,+2.013456E+03,+7.282600E+01,+4.813200E+04");
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, smu::readResistanceOhms);
    }

    @Test
    void theOverflowAndNanValuesAreNoReading() throws Exception {
        readSetUp();
        wire.query(":READ?", "+9.910000E+37").query(":READ?", "+9.900000E+37"); // p. 18-50 / p. 7-2
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, smu::readResistanceOhms);
        assertThrows(InstrumentException.class, smu::readResistanceOhms);
    }

    @Test
    void anUnsafeBiasSendsNothing() {
        Keithley2400 smu = driver();
        assertThrows(InstrumentException.class, () -> smu.configureRead(new ReadBias(1.6, 2e-4, 1)));
        assertThrows(InstrumentException.class, () -> smu.configureRead(new ReadBias(0.1, 2e-3, 1)));
        wire.assertAllSent();
    }

    @Test
    void theSafeStateAbortsThenTurnsTheOutputOffAndTheSourceToZero() throws Exception {
        wire.checkedWrite(":ABOR")                              // runs even during a batch, Table 11-1, p. 11-13
                .checkedWrite(":OUTP OFF")                      // NORMal off-state: 0 V source, p. 18-57
                .checkedWrite(":SOUR:VOLT 0.0");
        assertEquals("idle, off, 0 V", driver().safeOff());
        wire.assertAllSent();
    }

    /** The trigger model of Section 11 loaded for N readings paced by the unit, edge on line 1 after each source. */
    private ExpectedProtocol armed(int count, String delay) {
        return wire.write(":ABOR")                       // idle, Table 11-1
                .write(":TRIG:OUTP NONE")                // p. 18-122
                .write(":TRAC:FEED:CONT NEV")            // storage off (+800 while active, p. B-6)
                .write(":TRAC:CLE")                      // Table 9-1 p. 9-5
                .write(":TRAC:FEED SENS")                // p. 18-115
                .write(":TRAC:POIN " + count)            // 1 to 2500, p. 18-115
                .write(":ARM:SOUR IMM")                  // p. 18-119
                .write(":ARM:COUN 1")                    // p. 18-118
                .write(":TRIG:SOUR IMM")                 // p. 18-119
                .write(":TRIG:COUN " + count)            // p. 18-118, product <= 2500 p. 11-16
                .write(":TRIG:DEL " + delay)             // settle between edge and measure, p. 18-118
                .write(":SOUR:DEL 0.0")                  // p. 18-82
                .write(":TRIG:OLIN 1")                   // Trigger Link output line, Table 11-1
                .write(":TRIG:OUTP SOUR")                // output trigger after the source action, p. 18-122
                .write(":TRAC:FEED:CONT NEXT")           // fill once, pp. 18-115/18-116
                .write(":TRIG:CLE")                             // p. 18-116
                .query("*ESR?", "0");                           // one check for all, App. B p. B-2
    }

    @Test
    void aPacedBatchIsArmedStartedAndFetchedInOneReply() throws Exception {
        readSetUp();
        armed(3, "5.0E-5");
        wire.write(":INIT")                                      // p. 11-11
                .query("*OPC?", "1")                             // after the trigger model is idle, p. 16-3
                .checkedQuery(":TRAC:DATA?", "+2.000000E+03,+4.200000E+03,+2.000000E+03"); // Table 9-1
        singleReadings();
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        smu.armPacedReads(3, 1, 50e-6);
        assertArrayEquals(new double[] {2000, 4200, 2000}, smu.runPacedReads(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void aShortBatchThrows() throws Exception {
        readSetUp();
        armed(3, "5.0E-5");
        wire.write(":INIT").query("*OPC?", "1")
                .checkedQuery(":TRAC:DATA?", "+2.000000E+03,+4.200000E+03");
        singleReadings();
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        smu.armPacedReads(3, 1, 50e-6);
        InstrumentException e = assertThrows(InstrumentException.class, smu::runPacedReads);
        assertTrue(e.getMessage().contains("armed for 3 readings returned 2"), e.getMessage());
        wire.assertAllSent();
    }

    @Test
    void batchesBeyondTheBufferOrOnAMissingLineAreRefusedBeforeAnythingIsSent() throws Exception {
        readSetUp();
        Keithley2400 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(2501, 1, 1e-4)); // 2500 max, p. 18-115
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(10, 5, 1e-4));   // lines 1-4, p. 11-19
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(10, 1, 1000));   // 999.9999 s, p. 18-118
        assertThrows(InstrumentException.class, smu::runPacedReads);
        wire.assertAllSent();
    }

    @Test
    void readingTimeFollowsAppendixA() {
        // 500 us latency + 4 phases x (NPLC x 20 ms + 185 us) + 2.3 ms (App. A pp.; 50 Hz assumed).
        assertEquals(500e-6 + 4 * (1 * 0.020 + 185e-6) + 2.3e-3,
                driver().secondsPerReading(new ReadBias(0.1, 2e-4, 1)), 1e-12);
    }

    @Test
    void theTwoKeithleyDriversNeverTakeEachOthersModels() {
        Keithley2400Driver series2400 = new Keithley2400Driver();
        Keithley2450Driver series2450 = new Keithley2450Driver();
        for (String model : List.of("2400", "2401", "2410", "2420", "2425", "2430", "2440")) {
            Identity id = Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL " + model + ",1,C30");
            assertTrue(series2400.drives(id), model);
            assertFalse(series2450.drives(id), model);
        }
        for (String model : List.of("2450", "2460", "2461", "24000", "2400A")) {
            Identity id = Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL " + model + ",0445300,1.0.0i");
            assertFalse(series2400.drives(id), model);
        }
        assertFalse(series2400.drives(Identity.parse("Keysight Technologies,MODEL 2400,1,1")));
        assertTrue(series2400.limits(Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2410,1,C30")).batched());
    }
}
