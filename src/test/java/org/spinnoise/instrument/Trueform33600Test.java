package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.keysight.Trueform33600;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.RawScpi;
import org.spinnoise.scpi.ScpiSession;

class Trueform33600Test {
    private static final Identity TWO_CHANNEL = Identity.parse("Keysight Technologies,33622A,MY1,A.02");
    private static final SafetyLimits LIMITS = new SafetyLimits(0.8, 1e-3);

    private ScpiSession session;
    private Trueform33600 awg;

    @BeforeEach
    void mockSession() throws Exception {
        session = mock(ScpiSession.class);
        when(session.label()).thenReturn("pulse");
        // The session hands back what it was given, as it does for settings that are not read back.
        when(session.set(any(), any())).thenAnswer(i -> i.getArgument(1));
        when(session.askChecked(RawScpi.anyCommand())).thenReturn("+9.900000000000000E+37");
        when(session.ask(RawScpi.anyCommand())).thenReturn("1");
        when(session.<Double>get(any())).thenReturn(1e-3);
        awg = new Trueform33600(session, TWO_CHANNEL, LIMITS);
    }

    @Test
    void highImpedanceLoadIsSetBeforeAnyLevel() throws Exception {
        awg.configure(1, new PulseShape(0.6, 20e-9));
        List<String> calls = SessionCalls.of(session);
        int load = calls.indexOf("set OUTP1:LOAD INF");
        assertTrue(load >= 0, calls.toString());
        assertTrue(calls.indexOf("askChecked OUTP1:LOAD?") > load, calls.toString());
        assertTrue(SessionCalls.indexOfFirst(calls, "set SOUR1:VOLT:") > load, calls.toString());
        // The output stays off while the channel is reconfigured and goes on last.
        assertEquals("set OUTP1 false", calls.get(0));
        assertEquals("set OUTP1 true", calls.get(calls.size() - 1));
    }

    @Test
    void positivePulseUsesNormalPolarity() throws Exception {
        awg.configure(2, new PulseShape(0.65, 20e-9));
        List<String> calls = SessionCalls.of(session);
        assertTrue(calls.contains("set OUTP2:POL NORM"), calls.toString());
        assertTrue(calls.contains("set SOUR2:VOLT:HIGH 0.65"), calls.toString());
        assertTrue(calls.contains("set SOUR2:VOLT:LOW 0.0"), calls.toString());
        assertTrue(calls.contains("set SOUR2:BURS:NCYC 1"), calls.toString());
        assertTrue(calls.contains("set TRIG2:SOUR BUS"), calls.toString());
    }

    /**
     * Inversion is about the offset: with HIGH 0 and LOW -0.7 V the inverted channel rests at 0 V and pulses to
     * -0.7 V. The old HIGH 0.7, LOW 0 would have rested at +0.7 V.
     */
    @Test
    void negativePulseIsInvertedPolarityWithHighZeroAndANegativeLowLevel() throws Exception {
        PulseShape actual = awg.configure(1, new PulseShape(-0.7, 50e-9));
        List<String> calls = SessionCalls.of(session);
        assertTrue(calls.contains("set OUTP1:POL INV"), calls.toString());
        int low = calls.indexOf("set SOUR1:VOLT:LOW -0.7");
        int high = calls.indexOf("set SOUR1:VOLT:HIGH 0.0");
        assertTrue(low >= 0 && high > low, "LOW first, then HIGH 0: " + calls);
        assertFalse(calls.stream().anyMatch(c -> c.startsWith("set SOUR1:VOLT:HIGH 0.7")), calls.toString());
        assertEquals(-0.7, actual.amplitudeVolts());
    }

    @Test
    void amplitudeAboveTheSafetyLimitIsRefusedBeforeAnythingIsSent() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> awg.configure(1, new PulseShape(-0.81, 20e-9)));
        assertTrue(e.getMessage().contains("safety limit of 0.8 V"), e.getMessage());
        assertEquals(List.of(), SessionCalls.of(session));
    }

    @Test
    void loadThatStaysAt50OhmStopsBeforeAnyLevel() throws Exception {
        when(session.askChecked(RawScpi.commandText("OUTP1:LOAD?"))).thenReturn("+5.000000000000000E+01");
        InstrumentException e = assertThrows(InstrumentException.class,
                () -> awg.configure(1, new PulseShape(0.5, 20e-9)));
        assertTrue(e.getMessage().contains("+5.000000000000000E+01 ohm"), e.getMessage());
        assertEquals(-1, SessionCalls.indexOfFirst(SessionCalls.of(session), "set SOUR1:VOLT"));
    }

    @Test
    void widthComesBackAsTheInstrumentHoldsIt() throws Exception {
        when(session.set(any(), any())).thenAnswer(i -> i.getArgument(1));
        when(session.set(org.mockito.ArgumentMatchers.argThat(s -> s != null && s.header().endsWith("PULS:WIDT")),
                any())).thenReturn(1.6e-8);
        assertEquals(1.6e-8, awg.configure(1, new PulseShape(0.5, 1.55e-8)).widthSeconds());
    }

    @Test
    void fireBeforeConfigureIsRefusedWithoutSendingATrigger() throws Exception {
        InstrumentException e = assertThrows(InstrumentException.class, () -> awg.fire(1));
        assertTrue(e.getMessage().contains("channel 1 fired before it was configured"), e.getMessage());
        verify(session, never()).ask(RawScpi.anyCommand());
    }

    @Test
    void fireTriggersInOrderAndWaitsForCompletion() throws Exception {
        awg.configure(1, new PulseShape(-0.5, 20e-9));
        awg.configure(2, new PulseShape(0.5, 20e-9));
        awg.fire(1, 2);
        verify(session).ask(RawScpi.commandText(":TRIG1;*WAI;:TRIG2;*WAI;*OPC?"));
        when(session.ask(RawScpi.anyCommand())).thenReturn("0");
        assertThrows(InstrumentException.class, () -> awg.fire(2));
    }

    @Test
    void outputsOffMeansChannelsMustBeConfiguredAgainBeforeFiring() throws Exception {
        awg.configure(1, new PulseShape(0.5, 20e-9));
        awg.outputsOff();
        List<String> calls = SessionCalls.of(session);
        assertTrue(calls.subList(calls.size() - 2, calls.size()).containsAll(List.of("set OUTP1 false",
                "set OUTP2 false")), calls.toString());
        assertThrows(InstrumentException.class, () -> awg.fire(1));
    }

    @Test
    void failedReconfigureLeavesTheChannelUnfireable() throws Exception {
        awg.configure(1, new PulseShape(0.5, 20e-9));
        when(session.askChecked(RawScpi.commandText("OUTP1:LOAD?"))).thenReturn("+5.000000000000000E+01");
        assertThrows(InstrumentException.class, () -> awg.configure(1, new PulseShape(0.6, 20e-9)));
        // The output was switched off for the reconfiguration; firing now would pulse nothing.
        assertThrows(InstrumentException.class, () -> awg.fire(1));
    }

    @Test
    void channelsOutsideTheModelAreRefused() throws Exception {
        Trueform33600 single = new Trueform33600(session, Identity.parse("Keysight Technologies,33621A,MY1,A"), LIMITS);
        assertEquals(1, single.channelCount());
        assertThrows(InstrumentException.class, () -> single.configure(2, new PulseShape(0.5, 20e-9)));
        assertThrows(InstrumentException.class, () -> awg.configure(0, new PulseShape(0.5, 20e-9)));
        assertThrows(InstrumentException.class, () -> awg.configure(3, new PulseShape(0.5, 20e-9)));
    }

    @Test
    void channelCountFollowsTheModelNumber() {
        for (String model : List.of("33510B", "33512B", "33520B", "33522B", "33612A", "33622A")) {
            assertEquals(2, new Trueform33600(session, Identity.parse("Keysight,"  + model + ",s,f"), LIMITS)
                    .channelCount(), model);
        }
        for (String model : List.of("33509B", "33511B", "33519B", "33521B", "33611A", "33621A")) {
            assertEquals(1, new Trueform33600(session, Identity.parse("Keysight," + model + ",s,f"), LIMITS)
                    .channelCount(), model);
        }
    }

    @Test
    void drivesOnlyKeysightAndAgilentTrueforms() {
        assertTrue(Trueform33600.drives(Identity.parse("Agilent Technologies,33522A,s,f")));
        assertTrue(Trueform33600.drives(TWO_CHANNEL));
        assertFalse(Trueform33600.drives(Identity.parse("Keysight Technologies,34465A,s,f")));
        assertFalse(Trueform33600.drives(Identity.parse("Rigol,33622A,s,f")));
    }
}
