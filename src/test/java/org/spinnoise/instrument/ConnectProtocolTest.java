package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The exchange of connecting to an instrument: {@code *IDN?} picks the driver, the error queue is read empty
 * ({@code SYST:ERR?} until "no error") and {@code *ESR?} clears the event status bits old errors left (IEEE 488.2
 * common commands; the 33500 Series guide's SYSTem:ERRor and the 2450 Reference Manual's, p. 6-101).
 */
class ConnectProtocolTest {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);

    @Test
    void aTrueformIsIdentifiedAndItsStaleErrorsAndEventStatusAreCleared() throws Exception {
        ExpectedProtocol wire = new ExpectedProtocol("+0,\"No error\"")
                .query("*IDN?", "Keysight Technologies,33622A,MY00000002,A.02.03-3.15-2.00")
                .query("SYST:ERR?", "-113,\"Undefined header\"")
                .query("SYST:ERR?", "+0,\"No error\"")
                .query("*ESR?", "+32");
        PulseGenerator pulse = InstrumentCatalog.pulseGeneratorOn(wire.session("pulse"), "pulse", LIMITS);
        wire.assertAllSent();
        assertEquals("33622A", pulse.identity().model());
        assertEquals(2, pulse.channelCount());
    }

    @Test
    void aKeithley2450IsIdentifiedTheSameWay() throws Exception {
        ExpectedProtocol wire = new ExpectedProtocol("0,\"No error\"")
                .query("*IDN?", "KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i")
                .query("SYST:ERR?", "0,\"No error\"")
                .query("*ESR?", "0");
        SourceMeter smu = InstrumentCatalog.sourceMeterOn(wire.session("smu"), "smu", LIMITS);
        wire.assertAllSent();
        assertTrue(smu.identity().model().contains("2450"), smu.identity().model());
    }

    @Test
    void anInstrumentNoDriverKnowsIsRefusedNamingWhatIsSupported() {
        ExpectedProtocol wire = new ExpectedProtocol("0,\"No error\"")
                .query("*IDN?", "KEITHLEY INSTRUMENTS INC.,MODEL 6430,1234567,C30")
                .query("SYST:ERR?", "0,\"No error\"")
                .query("*ESR?", "0");
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> InstrumentCatalog.sourceMeterOn(wire.session("smu"), "smu", LIMITS));
        assertTrue(e.getMessage().contains("Keithley 2450, 2460, 2461"), e.getMessage());
        assertTrue(e.getMessage().contains("Keithley 2400, 2401, 2410"), e.getMessage());
    }
}
