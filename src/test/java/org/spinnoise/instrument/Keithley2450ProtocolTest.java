package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
