package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;

/** The batch error check: one {@code *ESR?} when all is well, the error queue drained into the exception when not. */
class ScpiEventStatusTest {
    private FakeScpiServer server;
    private ScpiSession session;

    @BeforeEach
    void start() throws Exception {
        server = new FakeScpiServer();
        session = new ScpiSession(Links.open(server.address()), "pulse", new WireLog());
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        server.close();
    }

    @Test
    void aCleanRegisterCostsOneRoundTripAndNothingElse() throws Exception {
        // Operation complete (bit 0) and power on (bit 7) are not errors.
        server.answer("*ESR?", "+129");
        session.checkEventStatus();
        assertEquals(List.of("*ESR?"), server.received());
        assertEquals(1, session.roundTrips());
    }

    @Test
    void anExecutionErrorBitDrainsTheQueueIntoAnExceptionNamingTheInstrument() throws Exception {
        server.answer("*ESR?", "+16");
        server.queueError("-211,\"Trigger ignored\"");
        server.queueError("-211,\"Trigger ignored\"");
        ScpiException e = assertThrows(ScpiException.class, session::checkEventStatus);
        assertEquals(ScpiException.Kind.INSTRUMENT_ERROR, e.kind());
        assertEquals(List.of(-211, -211), e.errors().stream().map(ScpiError::code).toList());
        assertTrue(e.getMessage().startsWith("pulse: '*ESR?': event status 16 (execution error)")
                && e.getMessage().contains("Trigger ignored"), e.getMessage());
        assertEquals(0, server.errorQueueSize());
    }

    @Test
    void eachErrorClassIsSeen() throws Exception {
        for (int bit : new int[] {4, 8, 16, 32}) {
            server.answer("*ESR?", Integer.toString(bit));
            assertThrows(ScpiException.class, session::checkEventStatus, "bit " + bit);
        }
    }

    @Test
    void anErrorBitWithAnEmptyQueueStillFails() throws Exception {
        server.answer("*ESR?", "32");
        ScpiException e = assertThrows(ScpiException.class, session::checkEventStatus);
        assertTrue(e.getMessage().contains("command error") && e.getMessage().contains("nothing in its error queue"),
                e.getMessage());
    }

    @Test
    void aGarbledRegisterIsReportedAsSuch() throws Exception {
        server.answer("*ESR?", "ready");
        ScpiException e = assertThrows(ScpiException.class, session::checkEventStatus);
        assertEquals(ScpiException.Kind.GARBLED_REPLY, e.kind());
    }

    @Test
    void anNr3RegisterValueIsRead() throws Exception {
        server.answer("*ESR?", "+1.60000000000000E+01");
        assertThrows(ScpiException.class, session::checkEventStatus);
        server.answer("*ESR?", "+0.00000000000000E+00");
        session.checkEventStatus();
    }

    @Test
    void clearingReadsTheRegisterWithoutJudgingIt() throws Exception {
        server.answer("*ESR?", "+48");
        assertEquals(48, session.clearEventStatus());
        assertEquals(0, server.count("SYST:ERR?"));
    }
}
