package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keithley.Keithley2600;
import org.spinnoise.scpi.Identity;

/**
 * The exact TSP exchanges of the 2600B driver, written from the Series 2600B Reference Manual 2600BS-901-01 (Rev. B
 * = RMB, Rev. C = RMC, Rev. F = RMF; pages beside each line). Every command is followed by the driver's read of
 * {@code errorqueue.next()}, which on an empty queue answers code 0, "Queue is Empty" (RMB 7-83), its values
 * separated by tabs as print() separates them (RMC 7-166) and numbers as print() formats them (RMC 7-166).
 */
class Keithley2600ProtocolTest {
    private static final Identity IDN = Identity.parse("Keithley Instruments Inc., Model 2602B, 4123456, 3.2.2"); // RMB D-3
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final String EMPTY = "0.00000e+00\tQueue is Empty\t0.00000e+00\t1.00000e+00";
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);

    private final ExpectedProtocol wire = new ExpectedProtocol(EMPTY);

    private ExpectedProtocol checked(String command) {
        return wire.write(command).query("print(errorqueue.next())", EMPTY);
    }

    private Keithley2600 driver() {
        return new Keithley2600(wire.session("smu"), IDN, LIMITS, Keithley2600.AutoZero.AUTO);
    }

    private void readSetUp() {
        checked("smua.source.func = smua.OUTPUT_DCVOLTS");   // RMF 9-246
        checked("smua.source.limiti = 2.0E-4");              // RMB 7-223/7-224: set before output on
        checked("smua.source.levelv = 0.1");                 // RMB 7-222/7-223
        checked("smua.measure.nplc = 0.1");                  // RMF 2-50
        checked("smua.measure.autozero = smua.AUTOZERO_AUTO"); // RMF 9-218
        checked("smua.measure.count = 1");                   // RMB 7-201
        checked("smua.source.offmode = smua.OUTPUT_NORMAL"); // RMB 7-227
        checked("smua.source.offfunc = smua.OUTPUT_DCVOLTS"); // RMC 7-242
        checked("format.data = format.ASCII");               // RMB 7-94
        checked("smua.source.output = smua.OUTPUT_ON");      // RMB 7-228
    }

    @Test
    void theReadIsConfiguredInTspWithTheLimitBeforeTheLevelAndOutputLast() throws Exception {
        readSetUp();
        driver().configureRead(BIAS);
        wire.assertAllSent();
    }

    @Test
    void oneReadingIsOnePrintOfMeasureR() throws Exception {
        readSetUp();
        wire.query("print(smua.measure.r())", "2.01346e+03"); // RMB 7-213, print format RMC 7-166
        Keithley2600 smu = driver();
        smu.configureRead(BIAS);
        assertEquals(2013.46, smu.readResistanceOhms(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void errorsAreCheckedWithOneErrorCountAndDrainedWhenThereAreSome() throws Exception {
        wire.query("print(errorqueue.count)", "0.00000e+00");   // RMB 7-83
        driver().checkErrors();
        wire.query("print(errorqueue.count)", "1.00000e+00")
                .query("print(errorqueue.next())", "-2.85000e+02\tTSP Syntax error at line 1\t2.00000e+01\t1.00000e+00")
                .query("print(errorqueue.next())", EMPTY);       // RMB 7-83, RMB 8-2 (-285)
        InstrumentException e = assertThrows(InstrumentException.class, driver()::checkErrors);
        assertTrue(e.getMessage().contains("-285"), e.getMessage());
        wire.assertAllSent();
    }

    @Test
    void theSafeStateTurnsTheOutputOffThenTheLevelToZero() throws Exception {
        checked("smua.source.output = smua.OUTPUT_OFF");       // RMB 7-228
        checked("smua.source.levelv = 0.0");                   // RMB 7-223
        assertEquals("off, 0 V", driver().safeOff());
        wire.assertAllSent();
    }

    @Test
    void anUnsafeBiasIsRefusedBeforeAnythingIsSent() {
        assertThrows(InstrumentException.class, () -> driver().configureRead(new ReadBias(2.0, 2e-4, 1)));
        assertThrows(InstrumentException.class, () -> driver().configureRead(new ReadBias(0.1, 5e-3, 1)));
        wire.assertAllSent();
    }

    private void armSequence() {
        checked("digio.trigger[1].mode = digio.TRIG_RISINGM");  // RMC 7-57
        checked("digio.trigger[1].pulsewidth = 1.0E-5");        // RMC 7-59
        checked("smua.nvbuffer1.clear()");                      // RMF 9-21
        checked("smua.nvbuffer1.appendmode = 1");               // RMB 7-15 (only while empty)
        checked("function spinnoiseBatch(n, settle) for i = 1, n do digio.trigger[1].assert() delay(settle) "
                + "smua.measure.r(smua.nvbuffer1) end end");    // 2600 12-21, RMB 7-49, RMB 7-213, RMB 6-4
    }

    @Test
    void aPacedBatchIsOneFunctionCallAndOnePrintbufferReply() throws Exception {
        readSetUp();
        armSequence();
        checked("smua.nvbuffer1.clear()");
        wire.write("spinnoiseBatch(3, 0.001)")
                .query("printbuffer(1, 3, smua.nvbuffer1.readings)", "2.00000e+03, 4.00000e+03, 2.00100e+03") // RMB 7-153, 7-94
                .query("print(errorqueue.count)", "0.00000e+00");
        Keithley2600 smu = driver();
        smu.configureRead(BIAS);
        smu.armPacedReads(3, 1, 1e-3);
        assertArrayEquals(new double[] {2000, 4000, 2001}, smu.runPacedReads(), 1e-9);
        wire.assertAllSent();
    }

    @Test
    void aBatchThatCameBackShortThrows() throws Exception {
        readSetUp();
        armSequence();
        checked("smua.nvbuffer1.clear()");
        wire.write("spinnoiseBatch(3, 0.001)")
                .query("printbuffer(1, 3, smua.nvbuffer1.readings)", "2.00000e+03, 4.00000e+03")
                .query("print(errorqueue.count)", "0.00000e+00");
        Keithley2600 smu = driver();
        smu.configureRead(BIAS);
        smu.armPacedReads(3, 1, 1e-3);
        InstrumentException e = assertThrows(InstrumentException.class, smu::runPacedReads);
        assertTrue(e.getMessage().contains("2 of 3"), e.getMessage());
    }

    @Test
    void batchesThatCannotRunAreRefusedBeforeAnythingIsSent() throws Exception {
        readSetUp();
        Keithley2600 smu = driver();
        smu.configureRead(BIAS);
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(140_001, 1, 1e-3)); // RMF 9-20
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(10, 15, 1e-3));     // RMB 7-52
        assertThrows(InstrumentException.class, () -> smu.armPacedReads(10, 1, 0));         // RMB 7-49
        wire.assertAllSent();
    }

    @Test
    void theReadTimeFollowsTheIntegrationAndAutozero() {
        // 0.1 PLC at 50 Hz (RMF 2-50) three times with autozero AUTO (RMB 7-200), plus the script-loop overhead.
        assertEquals(3 * 0.1 / 50 + 0.31e-3, driver().secondsPerReading(BIAS), 1e-12);
    }
}
