package org.spinnoise.firmware;

import java.time.Duration;
import org.spinnoise.firmware.wire.Frame;
import org.spinnoise.firmware.wire.FrameDecoder;
import org.spinnoise.firmware.wire.FrameEncoder;
import org.spinnoise.firmware.wire.FrameListener;
import org.spinnoise.firmware.wire.FrameStatus;
import org.spinnoise.firmware.wire.Message;
import org.spinnoise.firmware.wire.MessageFormatException;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Messages;
import org.spinnoise.firmware.wire.StreamView;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.WireLog;

/**
 * The host's end of the board's byte stream: encodes and sends requests with the host's sequence numbers, reads
 * whatever has arrived, cuts it into frames with the wire codec and sorts them: corrupt ones, sequence gaps and repeats
 * are reported to the {@link Inbox} and never delivered as messages (a frame refused only for its type or flags still
 * moves the sequence count, PROTOCOL.md §3); valid frames are delivered once, STREAM frames
 * through a reused view so the hot path allocates nothing. One thread at a time.
 */
final class BoardChannel implements FrameListener {

    /** What to do when the port goes away: a pulled cable or a board reset gives the device a new name. */
    private static final String RECONNECT_ADVICE = "check the board's USB cable and power, find its port again (ls "
            + "/dev/serial/by-id/) and run again with that address; the bits that arrived intact are kept in the run "
            + "folder";

    /** Where the channel sends what it finds on the line. */
    interface Inbox {
        void corrupt(String why, int wireBytes);

        /** An intact frame refused by type or flags (§2.3 checks 8, 9): corrupt, but its seq moved the count. */
        void rejected(String why, int wireBytes, int seq);

        void missing(int expectedSeq, int seq, int frames);

        void duplicate(int seq, MessageType type);

        void stream(StreamView frame, int seq);

        void message(Message message, int seq);

        /** A HELLO_REPLY whose version this host does not speak (its version byte). */
        void unsupportedVersion(int version, String why);
    }

    private final Link link;
    private final WireLog wire;
    private final String label;
    private final FrameDecoder decoder = new FrameDecoder();
    private final FrameEncoder encoder = new FrameEncoder();
    private final StreamView view = new StreamView();
    private final byte[] readBuffer = new byte[1 << 16];
    private final byte[] sendBuffer = new byte[WireLimits.MAX_WIRE_BYTES];
    private final SequenceCheck boardSeq = new SequenceCheck();
    private Inbox inbox;
    private int hostSeq;
    private boolean awaitingHello;
    private long bytesRead;

    BoardChannel(Link link, WireLog wire) {
        this.link = link;
        this.wire = wire;
        this.label = "board " + link.address().resource();
    }

    String label() {
        return label;
    }

    String address() {
        return link.address().toString();
    }

    WireLog wire() {
        return wire;
    }

    Duration replyTimeout() {
        return link.address().timeout();
    }

    void inbox(Inbox newInbox) {
        inbox = newInbox;
    }

    /** Sends HELLO: seq 0, both counters restart, and only a HELLO_REPLY (or ERROR) counts until one arrives. */
    void sendHello(Message hello) throws BoardException {
        hostSeq = 0;
        awaitingHello = true;
        decoder.reset();
        // A leading delimiter ends whatever half frame the board may hold from before (PROTOCOL.md §1).
        sendBuffer[0] = 0;
        int n = 1 + encoder.encode(hello, hostSeq++, sendBuffer, 1);
        write(n);
    }

    /** Sends a request or a CREDIT with the next sequence number; returns the seq it carried. */
    int send(Message message) throws BoardException {
        int seq = hostSeq;
        hostSeq = (hostSeq + 1) & 0xFFFF;
        write(encoder.encode(message, seq, sendBuffer, 0));
        return seq;
    }

    private void write(int bytes) throws BoardException {
        try {
            link.write(java.util.Arrays.copyOf(sendBuffer, bytes));
        } catch (LinkException e) {
            throw new BoardException("board at " + address() + ": cannot send (" + e.getMessage()
                    + "); is the port still there? " + RECONNECT_ADVICE, e);
        }
    }

    /** Reads what arrives within {@code wait} and handles every frame it completes; returns bytes read (0: none). */
    int pump(Duration wait) throws BoardException {
        int n;
        try {
            n = link.readAvailable(readBuffer, 0, readBuffer.length, wait);
        } catch (LinkException e) {
            throw new BoardException("board at " + address() + ": the serial port vanished or failed ("
                    + e.getMessage() + "); " + RECONNECT_ADVICE, e);
        }
        if (n > 0) {
            bytesRead += n;
            decoder.feed(readBuffer, 0, n, this);
        }
        return n;
    }

    /** Bytes read from the line since the channel opened. */
    long bytesRead() {
        return bytesRead;
    }

    @Override
    public void frame(Frame frame) {
        if (frame.status() != FrameStatus.GOOD) {
            if (awaitingHello) {
                return;
            }
            if (frame.status().headerValid()) {
                // UNKNOWN_TYPE and BAD_FLAGS: the CRC matched, so the seq is the board's and counts (§3).
                if (sequence(frame.seq(), null)) {
                    inbox.rejected(frame.status().description(), frame.wireBytes(), frame.seq());
                }
            } else {
                inbox.corrupt(frame.status().description(), frame.wireBytes());
            }
            return;
        }
        MessageType type = frame.type();
        if (awaitingHello) {
            if (type == MessageType.HELLO_REPLY || type == MessageType.ERROR && frame.answersRequest()) {
                helloAnswer(frame, type);
            }
            return; // anything else predates the HELLO: a stream from an earlier session, stale replies
        }
        if (type == MessageType.STREAM) {
            try {
                view.wrap(frame);
            } catch (MessageFormatException e) {
                inbox.corrupt("malformed STREAM frame: " + e.getMessage(), frame.wireBytes());
                return;
            }
            if (sequence(frame.seq(), type)) {
                inbox.stream(view, frame.seq());
            }
            return;
        }
        Message message;
        try {
            message = Messages.decode(frame);
        } catch (MessageFormatException e) {
            inbox.corrupt("malformed " + type + " frame: " + e.getMessage(), frame.wireBytes());
            return;
        }
        if (sequence(frame.seq(), type)) {
            inbox.message(message, frame.seq());
        }
    }

    private void helloAnswer(Frame frame, MessageType type) {
        int version = frame.payloadLength() > 0 ? frame.array()[frame.payloadOffset()] & 0xFF : -1;
        Message message;
        try {
            message = Messages.decode(frame);
        } catch (MessageFormatException e) {
            if (type == MessageType.HELLO_REPLY
                    && e.code() == org.spinnoise.firmware.wire.ErrorCode.UNSUPPORTED_VERSION) {
                awaitingHello = false;
                inbox.unsupportedVersion(version, e.getMessage());
            } else {
                inbox.corrupt("malformed " + type + " frame: " + e.getMessage(), frame.wireBytes());
            }
            return;
        }
        awaitingHello = false;
        boardSeq.expect(frame.seq());
        boardSeq.check(frame.seq());
        inbox.message(message, frame.seq());
    }

    /** True when the frame is new; reports a repeat or a gap. */
    private boolean sequence(int seq, MessageType type) {
        int expected = boardSeq.expected();
        int verdict = boardSeq.check(seq);
        if (verdict == SequenceCheck.DUPLICATE) {
            inbox.duplicate(seq, type);
            return false;
        }
        if (verdict > 0) {
            inbox.missing(expected, seq, verdict);
        }
        return true;
    }

    void close() {
        link.close();
    }
}
