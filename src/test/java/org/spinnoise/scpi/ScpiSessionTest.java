package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.InstrumentAddress;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;

class ScpiSessionTest {
    private FakeScpiServer server;
    private ScpiSession session;

    @BeforeEach
    void start() throws Exception {
        server = new FakeScpiServer();
        server.answer("*IDN?", "Keysight Technologies,33622A,MY123,A.02");
        server.answer("MEAS?", "+1.234E+03");
        server.answer("OTHER?", "other");
        session = new ScpiSession(Links.open(server.address()), "awg", new WireLog());
    }

    @AfterEach
    void stop() throws Exception {
        session.close();
        server.close();
    }

    @Test
    void checkedWriteTurnsEveryQueuedErrorIntoOneExceptionNamingTheCommand() throws Exception {
        server.errorOn("BOGUS", "-113,\"Undefined header\"");
        server.queueError("-222,\"Parameter data out of range;1;2019/05/01 10:00:00.000\"");
        ScpiException e = assertThrows(ScpiException.class, () -> session.checkedWrite("BOGUS 1"));
        assertEquals(ScpiException.Kind.INSTRUMENT_ERROR, e.kind());
        assertEquals("BOGUS 1", e.command());
        assertEquals("awg", e.instrument());
        assertTrue(e.getMessage().startsWith("awg: 'BOGUS 1': "), e.getMessage());
        assertEquals(List.of(-222, -113), e.errors().stream().map(ScpiError::code).toList());
        // Drained fully: both entries and the final "no error" were read, so nothing leaks onto the next command.
        assertEquals(3, server.count("SYST:ERR?"));
        assertEquals(0, server.errorQueueSize());
        session.checkedWrite("GOOD 1");
    }

    @Test
    void checkedQueryReturnsTheReplyWhenTheQueueIsEmpty() throws Exception {
        assertEquals("+1.234E+03", session.checkedQuery("MEAS?"));
        assertEquals(1234.0, session.queryNumber("MEAS?"));
    }

    @Test
    void anErrorQueueThatNeverEmptiesIsReported() throws Exception {
        server.answer("SYST:ERR?", "-350,\"Queue overflow\"");
        ScpiException e = assertThrows(ScpiException.class, () -> session.drainErrors());
        assertEquals(ScpiException.Kind.INSTRUMENT_ERROR, e.kind());
        assertTrue(e.getMessage().contains("did not empty"), e.getMessage());
    }

    @Test
    void definiteBlockWithNewlinesInsideIsReadWholeAndTheLineAfterIsClean() throws Exception {
        byte[] payload = {1, 0x0A, 2, 0x0A, 0x0A, (byte) 0xFF};
        byte[] wire = new byte[payload.length + 4];
        System.arraycopy(BlockData.encode(payload), 0, wire, 0, payload.length + 3);
        wire[wire.length - 1] = '\n';
        server.answerBytes("TRAC:DATA?", wire);
        assertArrayEquals(payload, session.queryBlock("TRAC:DATA?"));
        assertEquals("other", session.query("OTHER?"));
    }

    @Test
    void indefiniteAndEmptyBlocks() throws Exception {
        server.answerBytes("A?", "#01,2,3\n".getBytes(StandardCharsets.US_ASCII));
        server.answerBytes("B?", "#10\n".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("1,2,3".getBytes(StandardCharsets.US_ASCII), session.queryBlock("A?"));
        assertEquals(0, session.queryBlock("B?").length);
        assertEquals("other", session.query("OTHER?"));
    }

    @Test
    void malformedBlockIsGarbledAndTheNextQueryIsClean() throws Exception {
        server.answer("TRAC:DATA?", "1.0,2.0,3.0");
        ScpiException e = assertThrows(ScpiException.class, () -> session.queryBlock("TRAC:DATA?"));
        assertEquals(ScpiException.Kind.GARBLED_REPLY, e.kind());
        assertEquals("other", session.query("OTHER?"));
    }

    @Test
    void outOfRangeSetSendsNothing() throws Exception {
        Setting<Double> high = Setting.volts("VOLT:HIGH", -5, 5).limitedBy(v -> v > 1 ? "exceeds 1 V" : null);
        ScpiException e = assertThrows(ScpiException.class, () -> session.set(high, 1.5));
        assertEquals(ScpiException.Kind.OUT_OF_RANGE, e.kind());
        assertTrue(e.getMessage().contains("not sent: 1.5 V exceeds 1 V"), e.getMessage());
        assertEquals("VOLT:HIGH 1.5", e.command());
        // TCP keeps order, so once this answer is back anything the refused set had sent would have arrived first.
        session.query("OTHER?");
        assertEquals(List.of("OTHER?"), server.received());
    }

    @Test
    void setChecksTheQueueAndReadsBackCoercedValues() throws Exception {
        Setting<Double> width = Setting.seconds("WIDT", 1e-9, 1).readBack();
        server.answer("WIDT?", "+1.6E-08");
        assertEquals(1.6e-8, session.set(width, 1.234e-8));
        assertEquals(List.of("WIDT 1.234E-8", "SYST:ERR?", "WIDT?", "SYST:ERR?"), server.received());
        Setting<Double> level = Setting.volts("LEV", -5, 5);
        assertEquals(0.5, session.set(level, 0.5));
        assertEquals(0, server.count("LEV?"));
    }

    @Test
    void lateReplyIsNeverTakenAsTheNextAnswerAfterReconnecting() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        server.answerLate("SLOW?", "slow answer", release, sent);
        ScpiException e = assertThrows(ScpiException.class, () -> session.query("SLOW?"));
        assertEquals(ScpiException.Kind.TIMEOUT, e.kind());
        assertTrue(e.getMessage().contains("'SLOW?'") && e.getMessage().contains("200 ms"), e.getMessage());
        release.countDown();
        assertTrue(sent.await(5, TimeUnit.SECONDS));
        assertEquals("other", session.query("OTHER?"));
        assertEquals("+1.234E+03", session.query("MEAS?"));
        assertEquals(2, server.connections());
    }

    @Test
    void lateReplyIsDiscardedOnALinkThatCannotReconnectCleanly() throws Exception {
        session.close();
        session = new ScpiSession(new SerialLike(Links.open(server.address())), "serial-like", new WireLog());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sent = new CountDownLatch(1);
        server.answerLate("SLOW?", "slow answer", release, sent);
        assertEquals(ScpiException.Kind.TIMEOUT,
                assertThrows(ScpiException.class, () -> session.query("SLOW?")).kind());
        release.countDown();
        assertTrue(sent.await(5, TimeUnit.SECONDS));
        assertEquals("other", session.query("OTHER?"));
        // One connection from the session set up before the test, one for this link: recovery did not reconnect.
        assertEquals(2, server.connections());
    }

    @Test
    void roundTripsCountQueriesIncludingErrorChecksAndWritesCountCommands() throws Exception {
        session.query("MEAS?");
        assertEquals(1, session.roundTrips());
        session.write("X 1");
        assertEquals(1, session.roundTrips());
        assertEquals(1, session.writes());
        session.checkedWrite("X 2");
        assertEquals(2, session.roundTrips());
        session.checkedQuery("MEAS?");
        assertEquals(4, session.roundTrips());
        assertEquals(2, session.writes());
    }

    @Test
    void unprintableReplyIsGarbledAndTheNextQueryIsClean() throws Exception {
        server.answer("NOISE?", "\u00ff\u0001\u00fe@");
        ScpiException e = assertThrows(ScpiException.class, () -> session.query("NOISE?"));
        assertEquals(ScpiException.Kind.GARBLED_REPLY, e.kind());
        assertTrue(e.getMessage().contains("unprintable"), e.getMessage());
        assertEquals("other", session.query("OTHER?"));
    }

    @Test
    void nonNumericReplyToANumberQueryIsGarbled() throws Exception {
        assertEquals(ScpiException.Kind.GARBLED_REPLY,
                assertThrows(ScpiException.class, () -> session.queryNumber("OTHER?")).kind());
    }

    @Test
    void identifyAndWaitForCompletion() throws Exception {
        assertEquals("33622A", session.identify().model());
        server.answer("*OPC?", "+1");
        session.waitForCompletion();
        server.answer("*OPC?", "0");
        assertEquals(ScpiException.Kind.GARBLED_REPLY,
                assertThrows(ScpiException.class, () -> session.waitForCompletion()).kind());
    }

    @Test
    void unknownQueryTimesOutAndItsErrorIsReportedOnTheNextCheck() throws Exception {
        assertEquals(ScpiException.Kind.TIMEOUT,
                assertThrows(ScpiException.class, () -> session.query("NOPE?")).kind());
        List<ScpiError> errors = session.drainErrors();
        assertEquals(List.of(new ScpiError(-113, "Undefined header")), errors);
    }

    /** A link that, like a serial line, cannot drop stale bytes by reconnecting; recovery must discard them. */
    private record SerialLike(Link tcp) implements Link {
        @Override public InstrumentAddress address() { return tcp.address(); }
        @Override public void writeLine(String text) throws LinkException { tcp.writeLine(text); }
        @Override public void write(byte[] bytes) throws LinkException { tcp.write(bytes); }
        @Override public String readLine(Duration timeout) throws LinkException { return tcp.readLine(timeout); }
        @Override public byte[] readExactly(int count, Duration timeout) throws LinkException {
            return tcp.readExactly(count, timeout);
        }
        @Override public int readByte(Duration timeout) throws LinkException { return tcp.readByte(timeout); }
        @Override public int readAvailable(byte[] into, int offset, int length, Duration timeout)
                throws LinkException {
            return tcp.readAvailable(into, offset, length, timeout);
        }
        @Override public int discardInput(Duration quietPeriod) throws LinkException {
            return tcp.discardInput(quietPeriod);
        }
        @Override public void reopen() {
            throw new AssertionError("a serial-like link must be recovered by discarding, not reopening");
        }
        @Override public boolean reopenDropsStaleBytes() { return false; }
        @Override public void close() { tcp.close(); }
    }
}
