package org.spinnoise.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.wire.Configure;
import org.spinnoise.firmware.wire.Credit;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.FrameDecoder;
import org.spinnoise.firmware.wire.FrameEncoder;
import org.spinnoise.firmware.wire.FrameStatus;
import org.spinnoise.firmware.wire.Hello;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.firmware.wire.Message;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Messages;
import org.spinnoise.firmware.wire.Start;
import org.spinnoise.firmware.wire.StatusRequest;
import org.spinnoise.firmware.wire.Stop;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.sim.PtyPair;

/**
 * Board-side rules of PROTOCOL.md checked with raw frames over a pty, the way a firmware author's host test would:
 * a stale CREDIT never lowers the frame limit, corrupt frames draw at most one unsolicited ERROR 4 per 100 ms, and
 * the rules revision 1.1 made unambiguous (issue 18 defect 13): states before HELLO, a refused HELLO, STOP without a
 * session, a repeated host frame, START above the host's HELLO limit.
 */
class BoardFirmwareRulesTest {
    private static final int PAYLOAD_BYTES = 256;

    @Test
    void aStaleCreditDoesNotLowerTheFrameLimit() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.configureAndStartWithLimit(0);
            // Both credits arrive in one write, before the board streams: the second (older) limit must be ignored.
            host.send(new Credit(10), new Credit(6));
            Replies replies = host.readUntilQuiet();
            assertEquals(10, replies.streamFrames());
            assertEquals(List.of(), replies.messages());
        }
    }

    @Test
    void aBurstOfCorruptFramesDrawsOneError() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.hello();
            byte[] garbage = new byte[40 * 6];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) (i % 6 == 5 ? 0 : 0x5A); // forty 5-byte frames, each too short to be a frame
            }
            host.sendRaw(garbage);
            List<Message> replies = host.readUntilQuiet().messages();
            assertEquals(1, replies.size(), replies.toString());
            ErrorReply error = assertInstanceOf(ErrorReply.class, replies.get(0));
            assertEquals(ErrorCode.CORRUPT_FRAME, error.code());
        }
    }

    @Test
    void beforeHelloOnlyStopIsAnsweredAndNoSequenceRuleApplies() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.seq = 7; // whatever a host counted before; the board has no expected seq yet
            host.send(new StatusRequest(), new Stop(), new Stop());
            List<Message> replies = host.readUntilQuiet().messages();
            assertEquals(List.of(MessageType.ERROR, MessageType.STOP_ACK, MessageType.STOP_ACK),
                    replies.stream().map(Message::type).toList());
            assertEquals(ErrorCode.BAD_STATE, ((ErrorReply) replies.get(0)).code());
            assertEquals(7, ((ErrorReply) replies.get(0)).requestSeq());
        }
    }

    @Test
    void aRefusedHelloStopsTheStreamAndLeavesNoSession() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.configureAndStartWithLimit(0);
            host.seq = 0;
            host.send(new Hello(2, 4096));
            Replies refused = host.readUntilQuiet();
            ErrorReply error = assertInstanceOf(ErrorReply.class, refused.messages().get(0));
            assertEquals(ErrorCode.UNSUPPORTED_VERSION, error.code());
            assertEquals(0, error.requestSeq());
            host.send(new Credit(50), new StatusRequest());
            Replies after = host.readUntilQuiet();
            assertEquals(0, after.streamFrames(), "the refused HELLO stopped the stream; CREDIT does not restart it");
            assertEquals(ErrorCode.BAD_STATE, ((ErrorReply) after.messages().get(0)).code(), "no session");
        }
    }

    @Test
    void aRepeatedHostFrameIsDroppedUnanswered() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.hello();
            host.send(new StatusRequest());
            host.seq = (host.seq - 1) & 0xFFFF; // the same seq again: a duplicate (§3)
            host.send(new StatusRequest());
            assertEquals(1, host.readUntilQuiet().messages().size());
        }
    }

    @Test
    void startAboveTheHostsHelloLimitIsRefused() throws Exception {
        try (RawHost host = RawHost.on(BoardBenchFile.demo())) {
            host.send(Hello.of(128));
            host.hello = (HelloReply) host.readUntilQuiet().messages().get(0);
            BoardOperatingPoint point = new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 2_000, 1);
            host.send(new Configure(point.toSettings(host.hello, "raw host")), new Start(PAYLOAD_BYTES, 4));
            List<Message> replies = host.readUntilQuiet().messages();
            assertEquals(ErrorCode.OUT_OF_RANGE, ((ErrorReply) replies.get(1)).code(), replies.toString());
        }
    }

    /** What the board sent: its replies decoded, and how many STREAM frames (their bits are not needed here). */
    private record Replies(List<Message> messages, int streamFrames) {
    }

    /** A host that speaks frames directly over the other end of the emulator's pty. */
    private static final class RawHost implements AutoCloseable {
        private final PtyPair pty;
        private final BoardEmulator board;
        private final SerialPort port;
        private final FrameEncoder encoder = new FrameEncoder();
        private final FrameDecoder decoder = new FrameDecoder();
        private int seq;
        private HelloReply hello;

        private RawHost(PtyPair pty, BoardEmulator board, SerialPort port) {
            this.pty = pty;
            this.board = board;
            this.port = port;
        }

        static RawHost on(BoardBenchFile bench) {
            PtyPair pty = PtyPair.open();
            BoardEmulator board = BoardEmulator.startOn(pty, bench, 11);
            SerialPort port = SerialPort.getCommPort(pty.endB().toString());
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 300, 0);
            if (!port.openPort()) {
                board.close();
                pty.close();
                throw new IllegalStateException("cannot open " + pty.endB());
            }
            return new RawHost(pty, board, port);
        }

        void hello() throws Exception {
            send(Hello.of(WireLimits.MAX_PAYLOAD_BYTES));
            hello = (HelloReply) readUntilQuiet().messages().get(0);
        }

        void configureAndStartWithLimit(long frameLimit) throws Exception {
            hello();
            BoardOperatingPoint point = new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 2_000, 1);
            send(new Configure(point.toSettings(hello, "raw host")), new Start(PAYLOAD_BYTES, frameLimit));
            List<Message> acks = readUntilQuiet().messages();
            assertEquals(List.of(MessageType.CONFIGURE_ACK, MessageType.START_ACK),
                    acks.stream().map(Message::type).toList());
        }

        void send(Message... messages) {
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            for (Message m : messages) {
                wire.writeBytes(encoder.encode(m, seq));
                seq = (seq + 1) & 0xFFFF;
            }
            sendRaw(wire.toByteArray());
        }

        void sendRaw(byte[] bytes) {
            int done = 0;
            while (done < bytes.length) {
                int n = port.writeBytes(bytes, bytes.length - done, done);
                if (n < 0) {
                    throw new IllegalStateException("write to " + pty.endB() + " failed");
                }
                done += n;
            }
        }

        /** Every good frame until the line has been quiet for 300 ms; a corrupt frame fails the test. */
        Replies readUntilQuiet() throws Exception {
            List<Message> got = new ArrayList<>();
            int[] streamFrames = {0};
            List<Exception> failures = new ArrayList<>();
            byte[] buffer = new byte[8192];
            for (int n; (n = port.readBytes(buffer, buffer.length)) > 0; ) {
                decoder.feed(buffer, 0, n, frame -> {
                    try {
                        assertEquals(FrameStatus.GOOD, frame.status());
                        if (frame.type() == MessageType.STREAM) {
                            streamFrames[0]++;
                        } else {
                            got.add(Messages.decode(frame));
                        }
                    } catch (Exception | AssertionError e) {
                        failures.add(new Exception(e));
                    }
                });
            }
            if (!failures.isEmpty()) {
                throw failures.get(0);
            }
            return new Replies(got, streamFrames[0]);
        }

        @Override
        public void close() {
            port.closePort();
            board.close();
            pty.close();
        }
    }
}
