package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keithley.Keithley2450;
import org.spinnoise.scpi.Identity;

/**
 * The exact exchanges of the 2450 driver, written from the Model 2450 Reference Manual (2450-901-01 Rev. B; pages in
 * the comments). Every command is followed by the driver's error-queue read, answered here with an empty queue.
 */
class Keithley2450ProtocolTest {
    private static final Identity IDN = Identity.parse("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i");
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String NO_ERROR = "0,\"No error\"";

    private final ExpectedProtocol wire = new ExpectedProtocol(NO_ERROR);

    private Keithley2450 driver() {
        return new Keithley2450(wire.session("smu"), IDN, LIMITS);
    }

    /** Measure function first (it may change the source function), then source voltage with its limit, output on. */
    private ExpectedProtocol readSetUp() {
        return wire.checkedWrite(":SENS:FUNC \"RES\"")        // [:SENSe[1]]:FUNCtion[:ON] "RESistance", p. 6-49/6-50
                .checkedWrite(":SENS:RES:NPLC 0.1")           // [:SENSe[1]]:RESistance:NPLCycles 0.01..10, p. 6-48
                .checkedWrite(":SOUR:FUNC VOLT")              // :SOURce[1]:FUNCtion[:MODE] VOLTage, p. 6-72
                .checkedWrite(":SOUR:VOLT:ILIM 2.0E-4")       // :SOURce[1]:VOLTage:ILIMit[:LEVel], p. 6-71
                .checkedWrite(":SOUR:VOLT 0.1")               // :SOURce[1]:VOLTage[:LEVel][:IMMediate][:AMPLitude], p. 6-70
                .checkedWrite(":OUTP ON");                    // :OUTPut[1][:STATe] ON, p. 6-34
    }

    @Test
    void theReadIsConfiguredWithoutTheSeries2400OhmsModeNode() throws Exception {
        readSetUp();
        driver().configureRead(new ReadBias(0.1, 2e-4, 0.1));
        wire.assertAllSent();
    }

    @Test
    void oneResistanceReadIsOneReadQuery() throws Exception {
        readSetUp();
        wire.query(":READ?", "2.013456E+03");                 // :READ? returns the last reading, p. 6-6
        Keithley2450 smu = driver();
        smu.configureRead(new ReadBias(0.1, 2e-4, 0.1));
        assertEquals(2013.456, smu.readResistanceOhms(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void errorsAreCheckedWithOneEventStatusRead() throws Exception {
        wire.query("*ESR?", "0");
        driver().checkErrors();
        wire.assertAllSent();
    }

    @Test
    void theSafeStateTurnsTheOutputOffAndTheSourceToZero() throws Exception {
        // Output off in the NORMal off-state leaves a 0 V source (p. 8-139); the programmed level is set to 0 too,
        // so a later output-on cannot re-apply the bias.
        wire.checkedWrite(":OUTP OFF").checkedWrite(":SOUR:VOLT 0.0");
        driver().safeOff();
        wire.assertAllSent();
    }

    @Test
    void outputOffIsOneCommand() throws Exception {
        wire.checkedWrite(":OUTP OFF");
        driver().outputOff();
        wire.assertAllSent();
    }

    /**
     * A paced batch of 20 readings on digital line 1, settle 2 ms, then run: Model 2450 Reference Manual 2450-901-01
     * Rev. B pages beside each line ([sibling] 2461-901-01 Rev. A where Rev. B's page was not found).
     */
    @Test
    void aPacedBatchIsBuiltBlockByBlockRunAndFetchedInOneReply() throws Exception {
        readSetUp();
        wire.checkedQuery(":SYST:LFR?", "6.000000E+01")                  // line frequency, [2461 p. 6-153]
                .checkedWrite(":SENS:RES:AZER OFF")                       // autozero off, p. 6-46
                .checkedWrite(":DIG:LINE1:MODE TRIG, OUT")                // line 1 as trigger output, p. 6-19
                .checkedWrite(":TRIG:DIG1:OUT:LOG POS")                   // a high pulse, p. 6-151 [2461 p. 6-213]
                .checkedWrite(":TRIG:DIG1:OUT:PULS 1.0E-5")               // 10 us, [2461 p. 6-214]
                .checkedWrite(":TRIG:DIG1:OUT:STIM NOT1")                 // asserted by notify block 1, p. 6-153
                .write(":TRAC:MAKE \"spinnoise\", 20")                   // named buffer, p. 6-124 [2461 p. 6-165]
                .query("SYST:ERR?", "1115,\"Buffer name already exists\"") // left by an earlier session: reused
                .query("SYST:ERR?", NO_ERROR)
                .checkedWrite(":TRAC:POIN 20, \"spinnoise\"")            // its size, p. 6-115
                .checkedWrite(":TRIG:BLOC:BUFF:CLE 1, \"spinnoise\"")    // p. 6-144 (example)
                .checkedWrite(":TRIG:BLOC:NOT 2, 1")                      // p. 6-146
                .checkedWrite(":TRIG:BLOC:DEL:CONS 3, 0.002")             // p. 6-144 (example) [2461 p. 6-199]
                .checkedWrite(":TRIG:BLOC:MEAS 4, \"spinnoise\"")        // p. 6-144
                .checkedWrite(":TRIG:BLOC:BRAN:COUN 5, 20, 2");           // pp. 6-128/6-129
        StringBuilder readings = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            readings.append(i == 0 ? "" : ",").append(i % 2 == 0 ? "2.010000E+03" : "4.190000E+03");
        }
        wire.write(":SENS:AZER:ONCE")                                     // zero refreshed once per batch
                .write(":INIT")                                           // p. 6-124
                .query("*OPC?", "1")                                      // once the model is idle, p. B-6
                .query(":TRAC:ACT? \"spinnoise\"", "20")                  // p. 6-107
                .query(":TRAC:DATA? 1, 20, \"spinnoise\", READ", readings.toString()); // p. 6-109, p. 6-124
        Keithley2450 smu = driver();
        smu.configureRead(new ReadBias(0.1, 2e-4, 0.1));
        smu.armPacedReads(20, 1, 2e-3);
        double[] ohms = smu.runPacedReads();
        wire.assertAllSent();
        assertEquals(20, ohms.length);
        assertEquals(2010.0, ohms[0], 1e-9);
        assertEquals(4190.0, ohms[19], 1e-9);
    }

    @Test
    void aShortBufferThrowsAndReturnsNoReading() throws Exception {
        readSetUp();
        wire.checkedQuery(":SYST:LFR?", "5.000000E+01")
                .checkedWrite(":SENS:RES:AZER OFF")
                .checkedWrite(":DIG:LINE2:MODE TRIG, OUT")
                .checkedWrite(":TRIG:DIG2:OUT:LOG POS")
                .checkedWrite(":TRIG:DIG2:OUT:PULS 1.0E-5")
                .checkedWrite(":TRIG:DIG2:OUT:STIM NOT1")
                .write(":TRAC:MAKE \"spinnoise\", 10")
                .query("SYST:ERR?", NO_ERROR)
                .checkedWrite(":TRAC:POIN 10, \"spinnoise\"")
                .checkedWrite(":TRIG:BLOC:BUFF:CLE 1, \"spinnoise\"")
                .checkedWrite(":TRIG:BLOC:NOT 2, 1")
                .checkedWrite(":TRIG:BLOC:DEL:CONS 3, 0.001")
                .checkedWrite(":TRIG:BLOC:MEAS 4, \"spinnoise\"")
                .checkedWrite(":TRIG:BLOC:BRAN:COUN 5, 5, 2")
                .write(":SENS:AZER:ONCE")
                .write(":INIT")
                .query("*OPC?", "1")
                .query(":TRAC:ACT? \"spinnoise\"", "4");
        Keithley2450 smu = driver();
        smu.configureRead(new ReadBias(0.1, 2e-4, 0.1));
        smu.armPacedReads(5, 2, 1e-3);
        InstrumentException e = assertThrows(InstrumentException.class, smu::runPacedReads);
        assertTrue(e.getMessage().contains("stored 4 of 5"), e.getMessage());
        wire.assertAllSent();
    }

    @Test
    void onePacedReadingTakesTheIntegrationAndTheSourceReadback() throws Exception {
        // 1 PLC at 50 Hz, once for the reading and once for the readback (p. 6-77), autozero off, + 1 ms overhead.
        wire.checkedQuery(":SYST:LFR?", "5.000000E+01");
        assertEquals(2 * 0.02 + 1e-3, driver().secondsPerReading(new ReadBias(0.1, 2e-4, 1)), 1e-12);
        wire.assertAllSent();
    }
}
