package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpLinkTest {
    private static final Duration READ = Duration.ofMillis(2000);
    private static final Duration SHORT = Duration.ofMillis(200);

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Blocks the server side until the test is done with the connection, without any timing. */
    private static void hold(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        while (in.read() >= 0) {
            // keep the connection open until the client closes it
        }
    }

    @Test
    void readsLfTerminatedLinesIncludingSeveralInOneSegment() throws Exception {
        try (TestServer server = new TestServer((s, n) -> {
            send(s, "first\nsecond\n\nlast\n");
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertEquals("first", link.readLine(READ));
            assertEquals("second", link.readLine(READ));
            assertEquals("", link.readLine(READ));
            assertEquals("last", link.readLine(READ));
        }
    }

    @Test
    void crlfTerminationStripsBothBytesButKeepsALoneCr() throws Exception {
        try (TestServer server = new TestServer((s, n) -> {
            send(s, "+1.5E3\r\nx\ry\r\n");
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200&read_term=CRLF"))) {
            assertEquals("+1.5E3", link.readLine(READ));
            assertEquals("x\ry", link.readLine(READ));
        }
    }

    @Test
    void replySplitIntoOneByteSegmentsIsReassembled() throws Exception {
        String reply = "KEYSIGHT TECHNOLOGIES,33622A,MY12345678,A.02.03-3.15-03-64-02";
        try (TestServer server = new TestServer((s, n) -> {
            // Nagle is off on the server, so each flushed byte leaves as its own segment.
            for (byte b : (reply + "\nnext\n").getBytes(StandardCharsets.US_ASCII)) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
            }
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertEquals(reply, link.readLine(READ));
            assertEquals("next", link.readLine(READ));
        }
    }

    @Test
    void lineLongerThanTheReadBufferIsReturnedWhole() throws Exception {
        char[] body = new char[50_000];
        Arrays.fill(body, 'A');
        String reply = new String(body);
        try (TestServer server = new TestServer((s, n) -> {
            send(s, reply + "\nafter\n");
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertEquals(reply, link.readLine(READ));
            assertEquals("after", link.readLine(READ));
        }
    }

    @Test
    void readExactlyReturnsBinaryBytesIncludingNewlinesThenLinesContinue() throws Exception {
        byte[] payload = {0x00, 0x0A, (byte) 0xFF, 0x0A, 0x0D, 0x41};
        try (TestServer server = new TestServer((s, n) -> {
            OutputStream out = s.getOutputStream();
            out.write(payload);
            out.write("\nok\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertArrayEquals(payload, link.readExactly(payload.length, READ));
            assertEquals("", link.readLine(READ));
            assertEquals('o', link.readByte(READ));
            assertEquals("k", link.readLine(READ));
        }
    }

    @Test
    void silentInstrumentTimesOutNamingTheAddress() throws Exception {
        try (TestServer server = new TestServer((s, n) -> hold(s));
             Link link = Links.open(server.address("timeout_ms=200"))) {
            LinkException e = assertThrows(LinkException.class, () -> link.readLine(SHORT));
            assertTrue(e.isTimeout());
            assertTrue(e.getMessage().contains("TCPIP::127.0.0.1::" + server.port() + "::SOCKET"), e.getMessage());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
        }
    }

    @Test
    void readByteTimesOutInsteadOfReturningAStaleByte() throws Exception {
        try (TestServer server = new TestServer((s, n) -> {
            send(s, "A");
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertEquals('A', link.readByte(READ));
            // Nothing more arrives: this must be a timeout, never a byte made up from the buffer.
            LinkException e = assertThrows(LinkException.class, () -> link.readByte(SHORT));
            assertTrue(e.isTimeout());
        }
    }

    @Test
    void partialReplyThenSilenceIsATimeout() throws Exception {
        try (TestServer server = new TestServer((s, n) -> {
            send(s, "12345");
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertTrue(assertThrows(LinkException.class, () -> link.readLine(SHORT)).isTimeout());
            assertTrue(assertThrows(LinkException.class, () -> link.readExactly(10, SHORT)).isTimeout());
        }
    }

    @Test
    void peerCloseIsABrokenLinkNotATimeout() throws Exception {
        try (TestServer server = new TestServer((s, n) -> send(s, "partial"));
             Link link = Links.open(server.address("timeout_ms=200"))) {
            LinkException e = assertThrows(LinkException.class, () -> link.readLine(READ));
            assertFalse(e.isTimeout());
            assertTrue(e.getMessage().contains("closed the connection"), e.getMessage());
            assertTrue(e.getMessage().contains(link.address().toString()), e.getMessage());
        }
    }

    @Test
    void writeLineAppendsTheWriteTermination() throws Exception {
        BlockingQueue<String> received = new ArrayBlockingQueue<>(4);
        try (TestServer server = new TestServer((s, n) -> {
            byte[] bytes = s.getInputStream().readNBytes(7);
            received.add(new String(bytes, StandardCharsets.US_ASCII));
            hold(s);
        }); Link link = Links.open(server.address("write_term=CRLF"))) {
            link.writeLine("*IDN?");
            assertEquals("*IDN?\r\n", received.poll(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void discardInputDropsBufferedAndArrivingBytesThenReadsTheFreshReply() throws Exception {
        try (TestServer server = new TestServer((s, n) -> {
            send(s, "stale1\nstale2\n");
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            if ("go".equals(in.readLine())) {
                send(s, "fresh\n");
            }
            hold(s);
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertEquals("stale1", link.readLine(READ));
            // "stale2\n" is already buffered (it came in the same segment) and must be counted and dropped.
            assertEquals(7, link.discardInput(Duration.ofMillis(100)));
            link.writeLine("go");
            assertEquals("fresh", link.readLine(READ));
        }
    }

    @Test
    void reopenGivesAFreshConnectionWithoutTheOldBytes() throws Exception {
        CountDownLatch staleSent = new CountDownLatch(1);
        try (TestServer server = new TestServer((s, n) -> {
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            while (in.readLine() != null) {
                send(s, "conn" + n + "\n");
                if (n == 1) {
                    send(s, "stale\n");
                    staleSent.countDown();
                }
            }
        }); Link link = Links.open(server.address("timeout_ms=200"))) {
            assertTrue(link.reopenDropsStaleBytes());
            link.writeLine("q");
            assertEquals("conn1", link.readLine(READ));
            assertTrue(staleSent.await(5, TimeUnit.SECONDS));
            link.reopen();
            link.writeLine("q");
            assertEquals("conn2", link.readLine(READ));
            assertEquals(2, server.connections());
        }
    }

    @Test
    void connectingToAClosedPortSaysWhatToCheck() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String address = "TCPIP::127.0.0.1::" + port + "::SOCKET";
        LinkException e = assertThrows(LinkException.class, () -> Links.open(address));
        assertFalse(e.isTimeout());
        assertTrue(e.getMessage().startsWith(address + ": cannot connect"), e.getMessage());
        assertTrue(e.getMessage().contains("5025"), e.getMessage());
    }
}
