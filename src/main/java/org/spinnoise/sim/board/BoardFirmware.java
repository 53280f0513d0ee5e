package org.spinnoise.sim.board;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.firmware.wire.BoardSettings;
import org.spinnoise.firmware.wire.Configure;
import org.spinnoise.firmware.wire.ConfigureAck;
import org.spinnoise.firmware.wire.Credit;
import org.spinnoise.firmware.wire.ErrorCode;
import org.spinnoise.firmware.wire.ErrorReply;
import org.spinnoise.firmware.wire.Frame;
import org.spinnoise.firmware.wire.FrameDecoder;
import org.spinnoise.firmware.wire.FrameEncoder;
import org.spinnoise.firmware.wire.FrameListener;
import org.spinnoise.firmware.wire.FrameStatus;
import org.spinnoise.firmware.wire.Hello;
import org.spinnoise.firmware.wire.HelloReply;
import org.spinnoise.firmware.wire.Message;
import org.spinnoise.firmware.wire.MessageFormatException;
import org.spinnoise.firmware.wire.MessageType;
import org.spinnoise.firmware.wire.Messages;
import org.spinnoise.firmware.wire.Start;
import org.spinnoise.firmware.wire.StartAck;
import org.spinnoise.firmware.wire.StatusReply;
import org.spinnoise.firmware.wire.StopAck;
import org.spinnoise.firmware.wire.WireLimits;
import org.spinnoise.sim.MtjJunction;

/**
 * The board's side of the protocol, as firmware would run it, in one loop: read what the host sent and answer each
 * request (HELLO, CONFIGURE, START, CREDIT, STOP, STATUS; ERROR for anything refused or corrupt), and while streaming
 * with credit, make STREAM frames from the junctions' physics, a batch at a time, paced to the line rate. A host that
 * sends nothing for 5 s while the board streams stops the stream (PROTOCOL.md §5). It keeps the states of §5.1 (no
 * session until a HELLO is accepted; any HELLO, accepted or refused, first stops the stream, forgets the configuration
 * and resets both sequence counters) and the host-sequence rule of §3 (a repeat of the previous host frame is dropped
 * unanswered; no rule applies before the first HELLO).
 */
final class BoardFirmware implements FrameListener {
    private static final Logger LOG = LoggerFactory.getLogger(BoardFirmware.class);
    private static final long HOST_SILENCE_NANOS = 5_000_000_000L;
    /** PROTOCOL.md §5: at most one unsolicited ERROR 4 per 100 ms, so line noise cannot flood the host. */
    private static final long CORRUPT_ERROR_SPACING_NANOS = 100_000_000L;
    private static final int BATCH_BYTES = 1 << 16;
    private static final int TEMPERATURE_CENTI_CELSIUS = 3150;
    /** HELLO_REPLY's threshold DAC: the emulator compares in read codes (ohmsPerReadCode), 16 bits of them. */
    private static final int READ_DAC_BITS = 16;
    private static final int READ_DAC_FULL_SCALE_MILLIVOLTS = 3300;

    private final BoardSpec spec;
    private final java.util.concurrent.atomic.AtomicLong pulsesFired;
    private final int junctionCount;
    private final BitGenerator generator;
    private final StreamDamage damage;
    private final PtyPort port;
    private final FrameDecoder decoder = new FrameDecoder();
    private final FrameEncoder encoder = new FrameEncoder();
    private final byte[] readBuffer = new byte[8192];
    private final byte[] frameBuffer = new byte[WireLimits.MAX_WIRE_BYTES];
    private final byte[] bits = new byte[WireLimits.MAX_PAYLOAD_BYTES];
    private final byte[] out;
    private final long bootNanos = System.nanoTime();
    private int outEnd;
    private int boardSeq;
    /** The host seq expected next; −1 before the first HELLO, when no sequence rule applies (§3). */
    private int expectedHostSeq = -1;
    private boolean session;
    private int hostMaxPayloadBytes;
    private boolean configured;
    private boolean streaming;
    private int streamPayloadBytes;
    private long frameLimit;
    private long framesSinceStart;
    private long bitsStreamed;
    private long corruptReceived;
    private long lastHostByteNanos = System.nanoTime();
    private long lastCorruptErrorNanos = System.nanoTime() - CORRUPT_ERROR_SPACING_NANOS;
    private long paceNanos;
    private long lineBytesWritten;
    private volatile boolean lineGone;

    BoardFirmware(BoardSpec spec, List<MtjJunction> junctions, CorruptionSpec corruption, long seed, SentRecord record,
                  PtyPort port, java.util.concurrent.atomic.AtomicLong pulsesFired) {
        this.pulsesFired = pulsesFired;
        this.spec = spec;
        this.junctionCount = junctions.size();
        java.util.SplittableRandom seeds = new java.util.SplittableRandom(seed);
        this.generator = new BitGenerator(junctions, spec.ohmsPerReadCode(), spec.readNoiseRelative(),
                seeds.nextLong());
        this.damage = new StreamDamage(corruption, seeds.nextLong(), record);
        this.port = port;
        this.out = new byte[BATCH_BYTES + damage.worstCase(WireLimits.MAX_WIRE_BYTES) + 64];
    }

    /** Runs until {@code closing} says stop or the line vanishes. */
    void run(java.util.function.BooleanSupplier closing) {
        while (!closing.getAsBoolean() && !lineGone) {
            int waiting = streaming && hasCredit() ? port.available() : readBuffer.length;
            if (waiting < 0) {
                lineGone = true;
                break;
            }
            if (waiting > 0) {
                int n = port.read(readBuffer, Math.min(waiting, readBuffer.length));
                if (n < 0) {
                    lineGone = true;
                    break;
                }
                if (n > 0) {
                    lastHostByteNanos = System.nanoTime();
                    decoder.feed(readBuffer, 0, n, this);
                }
            }
            if (streaming && System.nanoTime() - lastHostByteNanos > HOST_SILENCE_NANOS) {
                streaming = false;
                send(ErrorReply.unsolicited(ErrorCode.HOST_SILENT, "host silent for 5 s; stream stopped"), true);
                LOG.info("board emulator: host silent for 5 s, stream stopped");
            }
            if (streaming && hasCredit()) {
                streamBatch();
            }
            flush();
        }
        if (lineGone) {
            LOG.info("board emulator: the line {} vanished", port.path());
        }
    }

    long lineBytesWritten() {
        return lineBytesWritten;
    }

    private boolean hasCredit() {
        long left = (frameLimit - framesSinceStart) & 0xFFFF_FFFFL;
        return left != 0 && left < 0x8000_0000L;
    }

    private void streamBatch() {
        int bitCount = 8 * (streamPayloadBytes - WireLimits.STREAM_FIELD_BYTES);
        while (hasCredit() && outEnd < BATCH_BYTES) {
            generator.refresh(); // every frame sees the junctions as they are now: drift shows frame by frame
            int ambiguous = generator.fill(bits, 0, bitCount);
            int n = encoder.encodeStream(boardSeq, bitsStreamed, bitCount, ambiguous, bitCount, bits, 0,
                    frameBuffer, 0);
            outEnd = damage.emit(frameBuffer, n, bits, bitCount, out, outEnd);
            boardSeq = (boardSeq + 1) & 0xFFFF;
            bitsStreamed += bitCount;
            pulsesFired.addAndGet(bitCount);
            framesSinceStart++;
        }
    }

    private void flush() {
        if (outEnd == 0) {
            return;
        }
        if (!port.write(out, 0, outEnd)) {
            lineGone = port.available() < 0;
        }
        lineBytesWritten += outEnd;
        pace(outEnd);
        outEnd = 0;
    }

    /** Holds the line to {@code lineBytesPerSecond}, as a UART of that rate would. */
    private void pace(int bytes) {
        if (spec.lineBytesPerSecond() <= 0) {
            return;
        }
        long now = System.nanoTime();
        paceNanos = Math.max(paceNanos, now) + bytes * 1_000_000_000L / spec.lineBytesPerSecond();
        if (paceNanos > now) {
            LockSupport.parkNanos(paceNanos - now);
        }
    }

    private void send(Message message, boolean flushNow) {
        outEnd += encoder.encode(message, boardSeq, out, outEnd);
        boardSeq = (boardSeq + 1) & 0xFFFF;
        if (flushNow) {
            flush();
        }
    }

    @Override
    public void frame(Frame frame) {
        FrameStatus status = frame.status();
        if (status != FrameStatus.GOOD) {
            corruptReceived++;
        }
        if (!status.headerValid()) {
            corruptError(status); // damaged (§2.3 checks 1 … 7): no field, not even seq, can be trusted
            return;
        }
        boolean hello = status == FrameStatus.GOOD && frame.type() == MessageType.HELLO;
        if (hello) {
            resetSession(frame.seq()); // every HELLO resets, whatever its payload holds (§5.2)
        } else if (duplicate(frame.seq())) {
            return; // §3 and §5.5: a repeat of the previous frame, answered the first time
        }
        if (status == FrameStatus.UNKNOWN_TYPE) {
            send(ErrorReply.answering(frame.seq(), ErrorCode.UNKNOWN_TYPE, "unknown type " + frame.typeCode()), false);
            return;
        }
        if (status == FrameStatus.BAD_FLAGS) {
            corruptError(status);
            return;
        }
        if (frame.type().fromBoard()) {
            send(ErrorReply.answering(frame.seq(), ErrorCode.UNKNOWN_TYPE, frame.type() + " is a board message"),
                    false);
            return;
        }
        Message request;
        try {
            request = Messages.decode(frame);
        } catch (MessageFormatException e) {
            send(ErrorReply.answering(frame.seq(), e.code(), ascii(e.getMessage())), false);
            return; // a refused HELLO leaves the board in no session (resetSession above)
        }
        handle(request, frame.seq());
    }

    /** An unsolicited ERROR 4, at most one per 100 ms so line noise cannot flood the host (§5.5). */
    private void corruptError(FrameStatus status) {
        if (System.nanoTime() - lastCorruptErrorNanos >= CORRUPT_ERROR_SPACING_NANOS) {
            lastCorruptErrorNanos = System.nanoTime();
            send(ErrorReply.unsolicited(ErrorCode.CORRUPT_FRAME, ascii(status.description())), false);
        }
    }

    /** §5.2: stop any stream (no STOP_ACK), forget the configuration, reset both counters, no session until accepted. */
    private void resetSession(int helloSeq) {
        streaming = false;
        configured = false;
        session = false;
        boardSeq = 0;
        expectedHostSeq = (helloSeq + 1) & 0xFFFF;
    }

    /** The receiver's rule of §3 for a frame whose seq is trusted; true when it repeats the previous frame. */
    private boolean duplicate(int seq) {
        if (expectedHostSeq < 0) {
            return false;
        }
        if (((seq - expectedHostSeq) & 0xFFFF) == 0xFFFF) {
            return true;
        }
        expectedHostSeq = (seq + 1) & 0xFFFF;
        return false;
    }

    private void handle(Message request, int seq) {
        if (!session && request.type() != MessageType.HELLO && request.type() != MessageType.STOP
                && request.type() != MessageType.CREDIT) {
            send(ErrorReply.answering(seq, ErrorCode.BAD_STATE, request.type() + " before HELLO"), false);
            return;
        }
        switch (request.type()) {
            case HELLO -> {
                Hello hello = (Hello) request;
                session = true;
                hostMaxPayloadBytes = hello.maxPayloadBytes();
                send(new HelloReply(spec.protocolVersion(), spec.serialNumber(), spec.firmwareVersion(),
                        junctionCount, spec.dacBits(), spec.dacFullScaleMillivolts(), READ_DAC_BITS,
                        READ_DAC_FULL_SCALE_MILLIVOLTS, spec.minPulsePicoseconds(),
                        spec.maxPulsePicoseconds(), Math.min(spec.maxStreamPayloadBytes(), hello.maxPayloadBytes()),
                        spec.pulsesPerSecond()), false);
            }
            case CONFIGURE -> configure(((Configure) request).settings(), seq);
            case START -> start((Start) request, seq);
            case CREDIT -> {
                if (streaming) {
                    raiseFrameLimit(((Credit) request).frameLimit());
                }
            }
            case STOP -> {
                streaming = false; // answered in every state, no session included (§4.8)
                send(new StopAck(), false);
            }
            case STATUS -> send(new StatusReply(TEMPERATURE_CENTI_CELSIUS, 0,
                    ((System.nanoTime() - bootNanos) / 1_000_000) & 0xFFFF_FFFFL, corruptReceived & 0xFFFF_FFFFL,
                    bitsStreamed), false);
            default -> send(ErrorReply.answering(seq, ErrorCode.UNKNOWN_TYPE, request.type() + " is not a request"),
                    false);
        }
    }

    private void configure(BoardSettings wanted, int seq) {
        if (streaming) {
            send(ErrorReply.answering(seq, ErrorCode.BAD_STATE, "CONFIGURE while streaming; STOP first"), false);
            return;
        }
        try {
            wanted.checkAgainst(helloReply());
            if (wanted.readDelayNanoseconds() > spec.maxReadDelayNanoseconds()) {
                throw new IllegalArgumentException("read delay " + wanted.readDelayNanoseconds() + " ns is above "
                        + spec.maxReadDelayNanoseconds() + " ns");
            }
        } catch (IllegalArgumentException e) {
            send(ErrorReply.answering(seq, ErrorCode.OUT_OF_RANGE, ascii(e.getMessage())), false);
            return;
        }
        BoardSettings applied = new BoardSettings(wanted.junctionMask(), wanted.writeCode(),
                timer(wanted.writeWidthPicoseconds()), wanted.resetCode(), timer(wanted.resetWidthPicoseconds()),
                wanted.readDelayNanoseconds(), wanted.thresholdCode(), wanted.guardBandCodes());
        List<Integer> selected = new ArrayList<>();
        for (int j = 0; j < junctionCount; j++) {
            if ((applied.junctionMask() >>> j & 1) != 0) {
                selected.add(j);
            }
        }
        generator.plan(new PulsePlan(spec.voltsOfCode(applied.writeCode()), applied.writeWidthPicoseconds() * 1e-12,
                -spec.voltsOfCode(applied.resetCode()), applied.resetWidthPicoseconds() * 1e-12,
                applied.thresholdCode(), applied.guardBandCodes(), selected));
        configured = true;
        send(new ConfigureAck(applied), false);
    }

    private void start(Start start, int seq) {
        if (streaming) {
            send(ErrorReply.answering(seq, ErrorCode.BAD_STATE, "START while streaming"), false);
        } else if (!configured) {
            send(ErrorReply.answering(seq, ErrorCode.BAD_STATE, "START before CONFIGURE"), false);
        } else if (start.streamPayloadBytes() > spec.maxStreamPayloadBytes()) {
            send(ErrorReply.answering(seq, ErrorCode.OUT_OF_RANGE, "STREAM payload " + start.streamPayloadBytes()
                    + " is above this board's " + spec.maxStreamPayloadBytes()), false);
        } else if (start.streamPayloadBytes() > hostMaxPayloadBytes) {
            send(ErrorReply.answering(seq, ErrorCode.OUT_OF_RANGE, "STREAM payload " + start.streamPayloadBytes()
                    + " is above the host's limit of " + hostMaxPayloadBytes + " (HELLO)"), false);
        } else {
            streamPayloadBytes = start.streamPayloadBytes();
            frameLimit = start.frameLimit();
            framesSinceStart = 0;
            bitsStreamed = 0;
            send(new StartAck(), false);
            streaming = true;
        }
    }

    /** PROTOCOL.md §6: a limit replaces the current one only when ahead of it, so a repeated or stale CREDIT is harmless. */
    private void raiseFrameLimit(long limit) {
        if ((int) (limit - frameLimit) > 0) {
            frameLimit = limit;
        }
    }

    /** Rounds a width to the board's timer, never below one tick. */
    private long timer(long picoseconds) {
        long tick = spec.timerResolutionPicoseconds();
        return Math.max(tick, Math.round((double) picoseconds / tick) * tick);
    }

    private HelloReply helloReply() {
        return new HelloReply(spec.protocolVersion(), spec.serialNumber(), spec.firmwareVersion(), junctionCount,
                spec.dacBits(), spec.dacFullScaleMillivolts(), READ_DAC_BITS, READ_DAC_FULL_SCALE_MILLIVOLTS,
                spec.minPulsePicoseconds(), spec.maxPulsePicoseconds(),
                spec.maxStreamPayloadBytes(), spec.pulsesPerSecond());
    }

    /** Printable, and short enough for the host's payload limit (§2.4: at most L − 4 characters, 60 before HELLO). */
    private String ascii(String text) {
        String t = text == null ? "" : text.replaceAll("[^\\x20-\\x7e]", "?");
        int max = Math.min(200, (hostMaxPayloadBytes > 0 ? hostMaxPayloadBytes : WireLimits.MIN_HOST_PAYLOAD_BYTES) - 4);
        return t.length() > max ? t.substring(0, max) : t;
    }
}
