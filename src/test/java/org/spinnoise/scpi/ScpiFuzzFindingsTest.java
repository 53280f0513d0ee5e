package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.ScriptedReplyLink;
import org.spinnoise.link.WireLog;

/** The inputs the SCPI fuzz targets ({@link ScpiReplyFuzzTest}) found, each kept as a named test (issue 18). */
class ScpiFuzzFindingsTest {

    /**
     * Finding 1: a 14-byte reply whose header declares 999,999,993 bytes made {@link BlockData#decode} reserve all of
     * them (a gigabyte) before finding that one byte followed. It must cost about what arrived, and say it ended.
     */
    @Test
    void blockHeaderDeclaringAGigabyteReservesOnlyWhatArrives() {
        byte[] reply = "#999999999300p".getBytes(StandardCharsets.US_ASCII);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockData.decode(reply));
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < 1 << 20, "decode allocated " + allocated + " bytes for a 14-byte reply");
        assertEquals("block data ends after 14 bytes", e.getMessage());
    }

    /**
     * Finding 3: a carriage return inside a reply passed the session's printable check, so the parser's message
     * quoting the reply ran over two lines. Only a final CR (CR LF read with LF termination) is let through now.
     */
    @Test
    void carriageReturnInsideAReplyIsGarbledNotATwoLineMessage() {
        ScriptedReplyLink link = new ScriptedReplyLink("+1\r6\n".getBytes(StandardCharsets.US_ASCII));
        try (ScpiSession session = new ScpiSession(link, "smu", new WireLog())) {
            ScpiException e = assertThrows(ScpiException.class, session::clearEventStatus);
            assertEquals(ScpiException.Kind.GARBLED_REPLY, e.kind());
            assertFalse(e.getMessage().contains("\r") || e.getMessage().contains("\n"), e.getMessage());
        }
        ScriptedReplyLink crlf = new ScriptedReplyLink("+16\r\n".getBytes(StandardCharsets.US_ASCII));
        try (ScpiSession session = new ScpiSession(crlf, "smu", new WireLog())) {
            assertEquals(16, assertDoesNotThrow(session::clearEventStatus));
        }
    }

    private static int assertDoesNotThrow(ScpiCall call) {
        try {
            return call.run();
        } catch (ScpiException e) {
            throw new AssertionError("a CR LF reply was refused: " + e.getMessage(), e);
        }
    }

    private interface ScpiCall {
        int run() throws ScpiException;
    }
}
