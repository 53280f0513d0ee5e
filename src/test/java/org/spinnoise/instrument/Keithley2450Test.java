package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinnoise.instrument.keithley.Keithley2450;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.RawScpi;
import org.spinnoise.scpi.ScpiSession;

class Keithley2450Test {
    private static final Identity ID = Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2450,04096331,1.7.12b");
    private static final SafetyLimits LIMITS = new SafetyLimits(0.8, 1e-3);
    /** 0.1 V at 1 mA: readings at or below 100 ohm mean the SMU is in compliance. */
    private static final ReadBias BIAS = new ReadBias(0.1, 1e-3, 1);

    private ScpiSession session;
    private Keithley2450 smu;

    @BeforeEach
    void mockSession() throws Exception {
        session = mock(ScpiSession.class);
        when(session.label()).thenReturn("smu");
        when(session.set(any(), any())).thenAnswer(i -> i.getArgument(1));
        smu = new Keithley2450(session, ID, LIMITS);
    }

    @Test
    void configureSetsTheCurrentLimitBeforeTheBiasAndTurnsTheOutputOnLast() throws Exception {
        smu.configureRead(BIAS);
        List<String> calls = SessionCalls.of(session);
        assertTrue(calls.indexOf("set :SOUR:VOLT:ILIM 0.001") < calls.indexOf("set :SOUR:VOLT 0.1"), calls.toString());
        // The 2450 has no ohms-mode node (that is the 2400's); the measure function is chosen first.
        assertTrue(calls.stream().noneMatch(c -> c.contains("RES:MODE")), calls.toString());
        assertEquals("set :SENS:FUNC RES", calls.get(0));
        assertEquals("set :OUTP true", calls.get(calls.size() - 1));
    }

    @Test
    void currentLimitAboveTheSafetyLimitIsRefusedBeforeAnythingIsSent() {
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> smu.configureRead(new ReadBias(0.1, 2e-3, 1)));
        assertTrue(e.getMessage().contains("safety limit of 0.001 A"), e.getMessage());
        assertEquals(List.of(), SessionCalls.of(session));
    }

    @Test
    void biasAboveTheVoltageLimitIsRefusedBeforeAnythingIsSent() {
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> smu.configureRead(new ReadBias(-0.9, 1e-4, 1)));
        assertTrue(e.getMessage().contains("safety limit of 0.8 V"), e.getMessage());
        assertEquals(List.of(), SessionCalls.of(session));
    }

    @Test
    void readBeforeConfigureIsRefused() {
        InstrumentException e = assertThrows(InstrumentException.class, () -> smu.readResistanceOhms());
        assertTrue(e.getMessage().contains("before configureRead"), e.getMessage());
    }

    @Test
    void normalReadingIsReturned() throws Exception {
        smu.configureRead(BIAS);
        when(session.ask(RawScpi.commandText(":READ?"))).thenReturn("+2.503412E+03\n");
        assertEquals(2503.412, smu.readResistanceOhms(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.9E37", "+9.900000E+37", "-9.9E37", "NaN"})
    void overflowReadingSaysToCheckTheWiring(String reply) throws Exception {
        smu.configureRead(BIAS);
        when(session.ask(RawScpi.anyCommand())).thenReturn(reply);
        InstrumentException e = assertThrows(InstrumentException.class, () -> smu.readResistanceOhms());
        assertTrue(e.getMessage().contains("overflowed") && e.getMessage().contains("wiring"), e.getMessage());
    }

    @Test
    void readingAtTheCurrentLimitIsCompliance() throws Exception {
        smu.configureRead(BIAS);
        when(session.ask(RawScpi.anyCommand())).thenReturn("100.05");
        InstrumentException e = assertThrows(InstrumentException.class, () -> smu.readResistanceOhms());
        assertTrue(e.getMessage().contains("at the current limit of 0.001 A"), e.getMessage());
    }

    @Test
    void nonPositiveOrNonNumericReadingsAreRefused() throws Exception {
        smu.configureRead(BIAS);
        when(session.ask(RawScpi.anyCommand())).thenReturn("-2500");
        assertTrue(assertThrows(InstrumentException.class, () -> smu.readResistanceOhms()).getMessage()
                .contains("not a resistance"));
        when(session.ask(RawScpi.anyCommand())).thenReturn("ERR");
        assertTrue(assertThrows(InstrumentException.class, () -> smu.readResistanceOhms()).getMessage()
                .contains("not a number"));
    }

    @Test
    void refusedReconfigureKeepsTheOldBiasButAFailedOneForgetsIt() throws Exception {
        smu.configureRead(BIAS);
        when(session.ask(RawScpi.anyCommand())).thenReturn("2500");
        assertThrows(InstrumentException.class, () -> smu.configureRead(new ReadBias(0.1, 5e-3, 1)));
        // Refused before anything was sent: the instrument still holds the old configuration.
        assertEquals(2500.0, smu.readResistanceOhms());
        // A reconfigure that fails part way leaves the instrument in an unknown state: reads must stop.
        when(session.set(any(), any())).thenThrow(mock(org.spinnoise.scpi.ScpiException.class));
        assertThrows(InstrumentException.class, () -> smu.configureRead(new ReadBias(0.2, 1e-4, 1)));
        assertTrue(assertThrows(InstrumentException.class, () -> smu.readResistanceOhms()).getMessage()
                .contains("before configureRead"));
    }

    @Test
    void drivesTheKeithley2450Family() {
        assertTrue(Keithley2450.drives(ID));
        assertTrue(Keithley2450.drives(Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2461,1,1")));
        assertTrue(!Keithley2450.drives(Identity.parse("KEITHLEY INSTRUMENTS,MODEL 2400,1,1")));
    }
}
