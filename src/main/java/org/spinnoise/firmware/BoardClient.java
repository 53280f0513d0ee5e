package org.spinnoise.firmware;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.Configure;
import org.spinnoise.firmware.wire.ConfigureAck;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.Hello;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.firmware.wire.Message;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.StatusReply;
import org.spinnoise.firmware.wire.StatusRequest;
import org.spinnoise.firmware.wire.StreamView;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.link.InstrumentAddress;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;

/**
 * The host side of the pulser-board protocol (firmware-protocol/PROTOCOL.md) over any link, usually a serial line
 * ({@code ASRL/dev/ttyACM0::INSTR?baud=3000000}). {@link #connect} says HELLO and refuses a board of another protocol
 * version; {@link #configure} sends the operating point as DAC codes and returns what the board applied;
 * {@link #start} opens a credit-controlled {@link BoardStream}; {@link #status} asks for temperature and errors. A
 * request unanswered within the address's timeout is sent once more, then the board is reported silent. Every
 * exchange goes to the wire log; STREAM frames go there as summaries. One thread at a time.
 */
public final class BoardClient implements AutoCloseable, BoardChannel.Inbox {
    private static final Logger LOG = LoggerFactory.getLogger(BoardClient.class);
    /** The largest payload this host accepts, announced in HELLO. */
    public static final int HOST_MAX_PAYLOAD_BYTES = WireLimits.MAX_PAYLOAD_BYTES;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final int CORRUPT_RESENDS = 3;

    private final BoardChannel channel;
    private HelloReply hello;
    private Message reply;
    private String versionRefusal;
    private boolean corruptReported;
    private BoardStream stream;
    private long strayFrames;
    private BoardSettings applied;

    private BoardClient(BoardChannel channel) {
        this.channel = channel;
        channel.inbox(this);
    }

    /**
     * Opens the board's address and says HELLO.
     *
     * @throws BoardException for a bad address, a port that cannot be opened, a silent board, or a board that
     *     speaks another protocol version
     */
    public static BoardClient connect(String address, WireLog wire) throws BoardException {
        InstrumentAddress parsed;
        try {
            parsed = InstrumentAddress.parse(address);
        } catch (IllegalArgumentException e) {
            throw new BoardException("board: " + e.getMessage(), e);
        }
        BoardClient client;
        try {
            client = new BoardClient(new BoardChannel(Links.open(parsed), wire));
        } catch (LinkException e) {
            throw new BoardException("board at " + parsed + ": " + e.getMessage(), e);
        }
        try {
            client.sayHello();
        } catch (BoardException | RuntimeException e) {
            client.channel.close();
            throw e;
        }
        return client;
    }

    /** The board's identity and capabilities from its HELLO_REPLY. */
    public HelloReply hello() {
        return hello;
    }

    /** The board's address as given. */
    public String address() {
        return channel.address();
    }

    /**
     * Sends the operating point as codes; returns what the board applied (it may round widths). Neither pulse may
     * exceed {@code maxJunctionVolts}, before or after the DAC's rounding: this is the one place a board's pulses
     * are checked against the user's safety limit, and nothing beyond it is ever sent.
     */
    public BoardSettings configure(BoardOperatingPoint point, double maxJunctionVolts) throws BoardException {
        BoardSettings wanted = point.toSettings(hello, address());
        BoardOperatingPoint quantized = BoardOperatingPoint.ofSettings(wanted, hello);
        double worst = Math.max(Math.max(point.writeVolts(), -point.resetVolts()),
                Math.max(quantized.writeVolts(), -quantized.resetVolts()));
        if (!(worst <= maxJunctionVolts)) {
            throw new BoardException(String.format("board at %s: a %.4f V pulse exceeds the safety limit of %s V "
                    + "across the junction (--max-volts); nothing was sent", address(), worst, maxJunctionVolts));
        }
        applied = null; // a refused or unanswered CONFIGURE leaves the board's configuration unknown to us
        applied = ((ConfigureAck) request(new Configure(wanted), MessageType.CONFIGURE_ACK)).settings();
        return applied;
    }

    /**
     * The settings of the last CONFIGURE_ACK, or null before any (or after a CONFIGURE that failed): sources sharing
     * this client compare it with their own to know whether the board holds their configuration.
     */
    public BoardSettings applied() {
        return applied;
    }

    /** True while a stream started on this client has not ended (only one stream at a time runs on a board). */
    public boolean streamOpen() {
        return streaming();
    }

    /** Temperature, error flags, uptime, corrupt frames the board received, bits streamed since START. */
    public StatusReply status() throws BoardException {
        return (StatusReply) request(new StatusRequest(), MessageType.STATUS_REPLY);
    }

    /**
     * Starts a stream: STREAM frames of {@code payloadBytes} (at most the board's limit), with at most
     * {@code windowFrames} in flight, and no more credit than {@code targetBits} need (0: no target), so a stream
     * asked for N bits overshoots by less than a frame. Bits are read from the returned stream.
     */
    public BoardStream start(int payloadBytes, int windowFrames, long targetBits) throws BoardException {
        if (stream != null && !stream.ended()) {
            throw new IllegalStateException("a stream is already open on " + address());
        }
        if (payloadBytes < WireLimits.MIN_STREAM_PAYLOAD_BYTES || payloadBytes > hello.maxStreamPayloadBytes()) {
            throw new BoardException("board at " + address() + ": STREAM payload " + payloadBytes + " bytes is outside "
                    + WireLimits.MIN_STREAM_PAYLOAD_BYTES + ".." + hello.maxStreamPayloadBytes()
                    + " (the board's largest)");
        }
        // The stream is listening before START goes out: its first frames may share a read with START_ACK.
        stream = new BoardStream(this, channel, payloadBytes, windowFrames, targetBits);
        try {
            request(stream.startMessage(), MessageType.START_ACK);
        } catch (BoardException e) {
            // The START may have worked with its answer lost (a resent START then draws ERROR 3): STOP makes sure.
            stream.fail(e);
            String outcome = stream.stopAfterFailedStart();
            stream = null;
            throw new BoardException(e.getMessage() + "; " + outcome, e);
        }
        return stream;
    }

    /** Frames that arrived outside any stream and answered nothing (logged, never used). */
    public long strayFrames() {
        return strayFrames;
    }

    private void sayHello() throws BoardException {
        Hello request = Hello.of(HOST_MAX_PAYLOAD_BYTES);
        Duration timeout = channel.replyTimeout();
        for (int attempt = 1; attempt <= 2; attempt++) {
            long t0 = System.nanoTime();
            reply = null;
            channel.sendHello(request);
            awaitReply(timeout, t0);
            if (versionRefusal != null) {
                channel.wire().exchange(channel.label(), request.toString(), versionRefusal, System.nanoTime() - t0);
                throw new BoardException("board at " + address() + " " + versionRefusal.replace("HELLO_REPLY ", "")
                        + " (spinnoise speaks protocol version " + WireLimits.PROTOCOL_VERSION
                        + "); update the board's firmware or spinnoise");
            }
            if (reply != null) {
                channel.wire().exchange(channel.label(), request.toString(), reply.toString(), System.nanoTime() - t0);
                if (reply instanceof HelloReply h) {
                    hello = h;
                    return;
                }
                throw refused("HELLO", reply);
            }
            channel.wire().event(channel.label(), "no HELLO_REPLY within " + timeout.toMillis() + " ms (try "
                    + attempt + " of 2)");
        }
        throw new BoardException("board at " + address() + " is silent: no HELLO_REPLY within "
                + timeout.toMillis() + " ms, twice; check the address, the baud rate and that the board is powered");
    }

    /**
     * Sends a request, waits for its reply (once more after a silence, and at once, up to
     * {@value #CORRUPT_RESENDS} times, when the board reports a corrupt frame, §5.5), and turns an ERROR into an
     * exception.
     */
    Message request(Message request, MessageType expected) throws BoardException {
        Duration timeout = channel.replyTimeout();
        int corruptResends = 0;
        for (int attempt = 1; attempt <= 2; attempt++) {
            long t0 = System.nanoTime();
            reply = null;
            corruptReported = false;
            channel.send(request);
            while (true) {
                awaitReply(timeout, t0);
                if (reply == null && corruptReported && corruptResends < CORRUPT_RESENDS) {
                    corruptResends++;
                    corruptReported = false;
                    channel.wire().event(channel.label(), "board received a corrupt frame; " + request.type()
                            + " again");
                    t0 = System.nanoTime();
                    channel.send(request);
                    continue;
                }
                if (reply == null || reply.type() == expected || reply.type() == MessageType.ERROR) {
                    break;
                }
                channel.wire().event(channel.label(), "stale " + reply.type() + " ignored while waiting for "
                        + expected);
                reply = null;
            }
            if (reply != null) {
                channel.wire().exchange(channel.label(), request.toString(), reply.toString(), System.nanoTime() - t0);
                if (reply.type() == expected) {
                    return reply;
                }
                throw refused(request.type().toString(), reply);
            }
            channel.wire().event(channel.label(), "no " + expected + " within " + timeout.toMillis()
                    + " ms (try " + attempt + " of 2)");
        }
        throw new BoardException("board at " + address() + " is silent: no " + expected + " to "
                + request.type() + " within " + timeout.toMillis() + " ms, twice; is it still powered and connected?");
    }

    private void awaitReply(Duration timeout, long t0) throws BoardException {
        long deadline = t0 + timeout.toNanos();
        while (reply == null && versionRefusal == null && !corruptReported) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            channel.pump(Duration.ofNanos(Math.min(left, POLL.toNanos())));
        }
    }

    private BoardException refused(String what, Message answer) {
        if (answer instanceof ErrorReply e) {
            return new BoardException("board at " + address() + " refused " + what + ": " + e.code() + " ("
                    + e.message() + ")");
        }
        return new BoardException("board at " + address() + " answered " + what + " with " + answer.type());
    }

    boolean streaming() {
        return stream != null && !stream.ended();
    }

    @Override
    public void corrupt(String why, int wireBytes) {
        if (streaming()) {
            stream.corrupt(why, wireBytes);
        } else {
            channel.wire().event(channel.label(), "corrupt frame dropped (" + why + ", " + wireBytes + " bytes)");
        }
    }

    @Override
    public void rejected(String why, int wireBytes, int seq) {
        if (streaming()) {
            stream.rejected(why, wireBytes, seq);
        } else {
            channel.wire().event(channel.label(), "frame seq " + seq + " refused (" + why + ", " + wireBytes
                    + " bytes)");
        }
    }

    @Override
    public void missing(int expectedSeq, int seq, int frames) {
        if (streaming()) {
            stream.missing(expectedSeq, seq, frames);
        } else {
            channel.wire().event(channel.label(), frames + " frame(s) missing: seq " + seq + " arrived, "
                    + expectedSeq + " expected");
        }
    }

    @Override
    public void duplicate(int seq, MessageType type) {
        if (streaming()) {
            stream.duplicate(seq, type);
        } else {
            channel.wire().event(channel.label(), "duplicate " + type + " seq " + seq + " dropped");
        }
    }

    @Override
    public void stream(StreamView frame, int seq) {
        if (streaming()) {
            stream.frame(frame, seq);
        } else {
            strayFrames++;
            channel.wire().event(channel.label(), "STREAM frame seq " + seq + " outside a stream dropped");
        }
    }

    @Override
    public void message(Message message, int seq) {
        if (message instanceof ErrorReply e && !e.answersRequest()) {
            channel.wire().event(channel.label(), "board reports " + e.code() + ": " + e.message());
            if (streaming()) {
                stream.boardError(e, seq);
            } else if (e.code() == ErrorCode.CORRUPT_FRAME) {
                corruptReported = true;
            }
            return;
        }
        if (message.type() == MessageType.START_ACK && stream != null) {
            stream.started();
        }
        if (message.type() == MessageType.STOP_ACK && stream != null) {
            stream.stopAcknowledged();
        }
        if (message instanceof ErrorReply e && e.code() == ErrorCode.BAD_STATE && stream != null
                && stream.isStopSeq(e.requestSeq())) {
            // A board written to protocol text before revision 1.1 answers STOP without a session with ERROR 3:
            // it has no stream, so it is quiet, which is all STOP_ACK would say (PROTOCOL.md §4.8).
            stream.stopAcknowledged();
        }
        reply = message;
    }

    @Override
    public void unsupportedVersion(int version, String why) {
        versionRefusal = "speaks protocol version " + version;
        LOG.debug("version refused: {}", why);
    }

    /** Stops a running stream, or one that failed without STOP_ACK (best effort), and closes the port. */
    @Override
    public void close() {
        try {
            if (stream != null && !stream.stopConfirmed()) {
                stream.stopQuietly();
            }
        } finally {
            channel.close();
        }
    }
}
