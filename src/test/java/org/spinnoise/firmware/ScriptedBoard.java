package org.spinnoise.firmware;

import com.fazecast.jSerialComm.SerialPort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.Configure;
import org.spinnoise.firmware.wire.ConfigureAck;
import org.spinnoise.firmware.wire.Credit;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.Frame;
import org.spinnoise.firmware.wire.FrameDecoder;
import org.spinnoise.firmware.wire.FrameEncoder;
import org.spinnoise.firmware.wire.FrameStatus;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.firmware.wire.Message;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Messages;
import org.spinnoise.firmware.wire.Start;
import org.spinnoise.firmware.wire.StartAck;
import org.spinnoise.firmware.wire.StatusReply;
import org.spinnoise.firmware.wire.StopAck;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.sim.PtyPair;

/**
 * A board for host tests that does only what the test tells it, over a socat pty: it answers HELLO, CONFIGURE, START,
 * STOP and STATUS as PROTOCOL.md says, sends STREAM frames only when the test asks (and only within the credit the
 * host granted), sends ERRORs on demand, and records every frame the host sent with the number of STREAM frames the
 * board had sent when it arrived: the sharpest check of what a host grants and whether it says STOP.
 */
final class ScriptedBoard implements AutoCloseable {
    static final BoardOperatingPoint POINT = new BoardOperatingPoint(0.62, 1e-8, -1.2, 1e-8, 100e-9, 31_000, 2_000, 1);

    /**
     * One frame from the host: its seq, its message, STREAM frames the board had sent since START by then, and when
     * it arrived (System.nanoTime).
     */
    record Received(int seq, Message message, long streamFramesSentBefore, long nanos) {
        MessageType type() {
            return message.type();
        }

        long creditLimit() {
            return ((Credit) message).frameLimit();
        }
    }

    private final PtyPair pty;
    private final SerialPort port;
    private final Thread reader;
    private final FrameEncoder encoder = new FrameEncoder();
    private final FrameDecoder decoder = new FrameDecoder();
    private final List<Received> received = new ArrayList<>();
    private volatile boolean closing;
    private int boardSeq;
    private boolean streaming;
    private long frameLimit;
    private long framesSent;
    private long bitIndex;
    private int startAcksToDrop;
    private boolean answerStop = true;
    private boolean stopDrawsBadState;

    private ScriptedBoard() {
        pty = PtyPair.open();
        port = SerialPort.getCommPort(pty.endA().toString());
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 20, 0);
        if (!port.openPort()) {
            pty.close();
            throw new IllegalStateException("cannot open " + pty.endA());
        }
        reader = new Thread(this::readLoop, "scripted-board");
        reader.setDaemon(true);
        reader.start();
    }

    static ScriptedBoard open() {
        return new ScriptedBoard();
    }

    /** The host's address, with a reply timeout short enough for tests. */
    String address() {
        return "ASRL" + pty.endB() + "::INSTR?timeout_ms=200";
    }

    /** The board stays silent to the next {@code count} STARTs (it still starts streaming). */
    synchronized void dropStartAcks(int count) {
        startAcksToDrop = count;
    }

    /** Whether STOP is answered with STOP_ACK (true by default). */
    synchronized void answerStop(boolean answer) {
        answerStop = answer;
    }

    /** STOP is answered with ERROR 3, as a board written to the text before revision 1.1 does without a session. */
    synchronized void stopDrawsBadState(boolean badState) {
        stopDrawsBadState = badState;
    }

    /** Sends up to {@code frames} STREAM frames of {@code bitsEach} bits, as far as credit allows; returns how many. */
    synchronized int stream(int frames, int bitsEach) {
        byte[] bits = new byte[Math.max(1, (bitsEach + 7) / 8)];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = (byte) (0x5A + i);
        }
        int unused = 8 * bits.length - bitsEach;
        bits[bits.length - 1] &= (byte) (0xFF << unused);
        int sent = 0;
        while (sent < frames && streaming && (int) (frameLimit - framesSent) > 0) {
            byte[] wire = new byte[WireLimits.MAX_WIRE_BYTES];
            int n = encoder.encodeStream(nextSeq(), bitIndex, bitsEach, 0, bitsEach, bits, 0, wire, 0);
            write(wire, n);
            bitIndex += bitsEach;
            framesSent++;
            sent++;
        }
        return sent;
    }

    /** "Sends" up to {@code frames} STREAM frames within credit that the line loses: seq, count and bit index move on. */
    synchronized int lose(int frames, int bitsEach) {
        int lost = 0;
        while (lost < frames && streaming && (int) (frameLimit - framesSent) > 0) {
            nextSeq();
            bitIndex += bitsEach;
            framesSent++;
            lost++;
        }
        return lost;
    }

    /** Sends an ERROR that answers no request; ERROR 8 (host silent) also stops the stream, as a board does. */
    synchronized void unsolicitedError(ErrorCode code) {
        if (code == ErrorCode.HOST_SILENT) {
            streaming = false;
        }
        send(ErrorReply.unsolicited(code, "scripted " + code));
    }

    synchronized long streamFramesSent() {
        return framesSent;
    }

    synchronized boolean streaming() {
        return streaming;
    }

    /** A copy of what the host has sent so far. */
    synchronized List<Received> received() {
        return List.copyOf(received);
    }

    synchronized List<Received> received(MessageType type) {
        return received.stream().filter(r -> r.type() == type).toList();
    }

    /** Waits up to {@code millis} until some received frame matches; true if one did. */
    boolean await(Predicate<Received> wanted, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            if (received().stream().anyMatch(wanted)) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private void readLoop() {
        byte[] buffer = new byte[4096];
        while (!closing) {
            int n = port.readBytes(buffer, buffer.length);
            if (n < 0) {
                return;
            }
            if (n > 0) {
                decoder.feed(buffer, 0, n, this::frame);
            }
        }
    }

    private synchronized void frame(Frame frame) {
        if (frame.status() != FrameStatus.GOOD) {
            throw new IllegalStateException("the host sent a corrupt frame: " + frame);
        }
        Message message;
        try {
            message = Messages.decode(frame);
        } catch (Exception e) {
            throw new IllegalStateException("the host sent a malformed frame: " + e.getMessage(), e);
        }
        received.add(new Received(frame.seq(), message, framesSent, System.nanoTime()));
        switch (message.type()) {
            case HELLO -> {
                streaming = false;
                boardSeq = 0;
                send(new HelloReply(1, "SCRIPTED-1", "test", 1, 16, 3300, 16, 3300, 1_000, 1_000_000_000L,
                        WireLimits.MAX_PAYLOAD_BYTES, 1_000_000));
            }
            case CONFIGURE -> {
                BoardSettings settings = ((Configure) message).settings();
                send(new ConfigureAck(settings));
            }
            case START -> {
                if (streaming) {
                    send(ErrorReply.answering(frame.seq(), ErrorCode.BAD_STATE, "START while streaming"));
                    return;
                }
                Start start = (Start) message;
                frameLimit = start.frameLimit();
                framesSent = 0;
                bitIndex = 0;
                streaming = true;
                if (startAcksToDrop > 0) {
                    startAcksToDrop--;
                } else {
                    send(new StartAck());
                }
            }
            case CREDIT -> {
                long limit = ((Credit) message).frameLimit();
                if (streaming && (int) (limit - frameLimit) > 0) {
                    frameLimit = limit;
                }
            }
            case STOP -> {
                streaming = false;
                if (stopDrawsBadState) {
                    send(ErrorReply.answering(frame.seq(), ErrorCode.BAD_STATE, "STOP without a session"));
                } else if (answerStop) {
                    send(new StopAck());
                }
            }
            case STATUS -> send(new StatusReply(2500, 0, 1000, 0, bitIndex));
            default -> throw new IllegalStateException("not a host message: " + message);
        }
    }

    private int nextSeq() {
        int seq = boardSeq;
        boardSeq = (boardSeq + 1) & 0xFFFF;
        return seq;
    }

    private void send(Message message) {
        byte[] wire = new byte[WireLimits.MAX_WIRE_BYTES];
        write(wire, encoder.encode(message, nextSeq(), wire, 0));
    }

    private void write(byte[] bytes, int length) {
        int done = 0;
        while (done < length) {
            int n = port.writeBytes(bytes, length - done, done);
            if (n < 0) {
                throw new IllegalStateException("write to " + pty.endA() + " failed");
            }
            done += n;
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            reader.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
        pty.close();
    }
}
