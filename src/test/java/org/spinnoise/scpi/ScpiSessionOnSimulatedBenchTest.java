package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.testing.DemoBench;

/** The SCPI session against the simulated instruments over loopback TCP: errors, timeouts, recovery. */
class ScpiSessionOnSimulatedBenchTest {

    private static ScpiSession open(DemoBench demo, String role) throws Exception {
        return new ScpiSession(Links.open(demo.address(role)), role, new WireLog());
    }

    @Test
    void anOutOfRangeValueRaisesTheInstrumentsErrorNamingTheCommand() throws Exception {
        try (DemoBench demo = DemoBench.start(1); ScpiSession pulse = open(demo, "pulse")) {
            ScpiException e = assertThrows(ScpiException.class,
                    () -> pulse.checkedWrite("SOUR1:FUNC:PULS:WIDT 5E7"));
            assertEquals(ScpiException.Kind.INSTRUMENT_ERROR, e.kind());
            assertEquals(-222, e.errors().get(0).code());
            assertTrue(e.getMessage().contains("'SOUR1:FUNC:PULS:WIDT 5E7'"), e.getMessage());
            assertTrue(e.getMessage().startsWith("pulse"), e.getMessage());
            // the queue was drained: the next checked command is clean
            pulse.checkedWrite("SOUR1:FUNC PULS");
        }
    }

    @Test
    void anUndefinedHeaderIsReportedAndEveryQueuedErrorIsDrained() throws Exception {
        try (DemoBench demo = DemoBench.start(2); ScpiSession smu = open(demo, "smu")) {
            smu.write(":NOT:A:COMMAND 1");
            smu.write(":SOUR:VOLT 999");
            assertEquals(2, smu.drainErrors().size());
            assertTrue(smu.drainErrors().isEmpty());
            ScpiException e = assertThrows(ScpiException.class, () -> smu.checkedWrite(":SOUR:BOGUS 1"));
            assertEquals(-113, e.errors().get(0).code());
        }
    }

    @Test
    void aLateReplyIsNeverTakenAsTheAnswerToTheNextQuery() throws Exception {
        try (DemoBench demo = DemoBench.start(3); ScpiSession smu = open(demo, "smu")) {
            smu.checkedWrite(":SOUR:VOLT 0.1");
            demo.sim.faults().delayReplies("smu", Duration.ofMillis(3 * DemoBench.TIMEOUT_MS));
            ScpiException timeout = assertThrows(ScpiException.class, () -> smu.query(":SOUR:VOLT?"));
            assertEquals(ScpiException.Kind.TIMEOUT, timeout.kind());
            assertTrue(timeout.getMessage().contains("':SOUR:VOLT?'"), timeout.getMessage());
            demo.sim.faults().clear("smu");
            // the delayed "0.1" reply must not surface here
            Identity id = smu.identify();
            assertEquals("MODEL 2450", id.model());
            assertEquals(0.1, smu.queryNumber(":SOUR:VOLT?"), 1e-12);
        }
    }

    @Test
    void aSilentInstrumentTimesOutAndTheSessionWorksOnceItSpeaksAgain() throws Exception {
        try (DemoBench demo = DemoBench.start(4); ScpiSession pulse = open(demo, "pulse")) {
            demo.sim.faults().silence("pulse");
            ScpiException e = assertThrows(ScpiException.class, pulse::identify);
            assertEquals(ScpiException.Kind.TIMEOUT, e.kind());
            demo.sim.faults().clear("pulse");
            assertEquals("33622A", pulse.identify().model());
        }
    }

    @Test
    void aGarbledReplyIsReportedAndTheNextExchangeIsClean() throws Exception {
        try (DemoBench demo = DemoBench.start(5); ScpiSession smu = open(demo, "smu")) {
            demo.sim.faults().garbleNextReplies("smu", 1);
            ScpiException e = assertThrows(ScpiException.class, smu::identify);
            assertTrue(e.kind() == ScpiException.Kind.GARBLED_REPLY, e.getMessage());
            assertEquals("MODEL 2450", smu.identify().model());
        }
    }

    @Test
    void roundTripsAreCountedPerQuery() throws Exception {
        try (DemoBench demo = DemoBench.start(6); ScpiSession smu = open(demo, "smu")) {
            smu.query("*IDN?");
            smu.write("*CLS");
            smu.checkedWrite(":SOUR:VOLT 0.1");
            assertEquals(2, smu.roundTrips(), "IDN and one SYST:ERR?");
            assertEquals(2, smu.writes());
        }
    }
}
