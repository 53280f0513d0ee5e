package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.spinnoise.link.InstrumentAddress;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.WireLog;
import org.spinnoise.scpi.ScpiSession;

/**
 * The exact exchange a driver method must produce, written line by line from the programming manual (in the style
 * of PyMeasure's {@code expected_protocol}): each line the driver must send, in order, and the reply the instrument
 * gives to it. The link fails the test at the first line that differs, and {@link #assertAllSent()} fails when the
 * driver stopped short. A scripted link, not a mock of the session: the driver's real SCPI session runs over it.
 */
final class ExpectedProtocol implements Link {
    /** One line the driver must write and, for a query, the reply it then reads. */
    private record Exchange(String sent, String reply) {
    }

    private final Deque<Exchange> expected = new ArrayDeque<>();
    private final Deque<String> replies = new ArrayDeque<>();
    private final List<String> sent = new ArrayList<>();
    private final String noErrorReply;

    /** A script for an instrument that answers an empty error queue with {@code noErrorReply}. */
    ExpectedProtocol(String noErrorReply) {
        this.noErrorReply = noErrorReply;
    }

    /** The driver writes this command (no reply). */
    ExpectedProtocol write(String command) {
        expected.add(new Exchange(command, null));
        return this;
    }

    /** The driver writes this command and then reads the error queue, which is empty. */
    ExpectedProtocol checkedWrite(String command) {
        return write(command).query("SYST:ERR?", noErrorReply);
    }

    /** The driver sends this query and the instrument answers {@code reply}. */
    ExpectedProtocol query(String query, String reply) {
        expected.add(new Exchange(query, reply));
        return this;
    }

    /** The driver sends this query, the instrument answers, and the driver then reads an empty error queue. */
    ExpectedProtocol checkedQuery(String query, String reply) {
        return query(query, reply).query("SYST:ERR?", noErrorReply);
    }

    /** A SCPI session over this script, as a driver gets it from the catalog. */
    ScpiSession session(String label) {
        return new ScpiSession(this, label, new WireLog());
    }

    void assertAllSent() {
        assertTrue(expected.isEmpty(), "the driver stopped before sending " + expected + "; it sent " + sent);
    }

    @Override
    public InstrumentAddress address() {
        return InstrumentAddress.parse("TCPIP::127.0.0.1::5025::SOCKET");
    }

    @Override
    public void writeLine(String text) throws LinkException {
        sent.add(text);
        Exchange next = expected.poll();
        assertEquals(next == null ? "(nothing more)" : next.sent(), text,
                "line " + sent.size() + " the driver sent; before it: " + sent.subList(0, sent.size() - 1));
        if (next.reply() != null) {
            replies.add(next.reply());
        }
    }

    @Override
    public void write(byte[] bytes) {
        throw new AssertionError("the driver wrote raw bytes; SCPI drivers send lines");
    }

    @Override
    public String readLine(Duration timeout) throws LinkException {
        String reply = replies.poll();
        if (reply == null) {
            throw new AssertionError("the driver read a reply after " + sent + " where the instrument sends none");
        }
        return reply;
    }

    @Override
    public byte[] readExactly(int count, Duration timeout) {
        throw new AssertionError("no block data in this exchange");
    }

    @Override
    public int readByte(Duration timeout) {
        throw new AssertionError("no block data in this exchange");
    }

    @Override
    public int readAvailable(byte[] into, int offset, int length, Duration timeout) {
        throw new AssertionError("no binary stream in this exchange");
    }

    @Override
    public int discardInput(Duration quietPeriod) {
        return 0;
    }

    @Override
    public void reopen() {
    }

    @Override
    public boolean reopenDropsStaleBytes() {
        return true;
    }

    @Override
    public void close() {
    }
}
