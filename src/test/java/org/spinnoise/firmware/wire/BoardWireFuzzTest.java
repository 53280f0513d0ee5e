package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz targets for what a pulser board sends the host (PROTOCOL.md): the streaming {@link FrameDecoder} fed in chunks
 * of any size, {@link Messages#decode} of every frame it calls good, COBS on its own, and the text form of messages
 * the conformance vectors use ({@link MessageText}). The oracle: the decoder never throws and reports the same frames
 * however the bytes are chunked; a good frame decodes to a message or a {@link MessageFormatException} with a one-line
 * message; every message decoded re-encodes to a frame that decodes to the same message; COBS and the text form round
 * trip; nothing allocates in proportion to a declared length.
 */
class BoardWireFuzzTest {
    private static final long FIXED_BYTES = 4 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 256;
    private static final int SEEDED_EXECUTIONS = 20_000;

    /** One frame as the decoder reported it, copied out of its reused buffer. */
    private record Seen(FrameStatus status, int wireBytes, byte[] decoded) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Seen s && s.status == status && s.wireBytes == wireBytes
                    && Arrays.equals(s.decoded, decoded);
        }

        @Override
        public int hashCode() {
            return status.hashCode() * 31 + Arrays.hashCode(decoded);
        }
    }

    /**
     * The first byte sets the chunk sizes and whether the decoder takes the protocol's 4096-byte limit or a small
     * board's 64; the rest is the wire.
     */
    @FuzzTest(maxDuration = "5m")
    void frames(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xFF;
        byte[] wire = Arrays.copyOfRange(input, 1, input.length);
        int limit = (control & 0x80) != 0 ? 64 : WireLimits.MAX_PAYLOAD_BYTES;
        List<Seen> whole = FuzzOracle.check(input, FuzzOracle.Never.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> feed(new FrameDecoder(limit), wire, new int[] {Integer.MAX_VALUE}));
        List<Seen> chunked = FuzzOracle.check(input, FuzzOracle.Never.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> feed(new FrameDecoder(limit), wire, new int[] {1 + (control & 0x07), 1 + (control >> 3 & 0x0F)}));
        assertEquals(whole, chunked, "chunking changed the frames of " + FuzzOracle.hex(input));
        for (Seen frame : whole) {
            if (frame.status() == FrameStatus.GOOD) {
                decodeGoodFrame(input, frame.decoded());
            }
        }
    }

    private static List<Seen> feed(FrameDecoder decoder, byte[] wire, int[] chunks) {
        List<Seen> seen = new ArrayList<>();
        FrameListener listener = f -> seen.add(new Seen(f.status(), f.wireBytes(),
                Arrays.copyOf(f.array(), f.decodedBytes())));
        int at = 0;
        for (int c = 0; at < wire.length; c++) {
            int n = Math.min(chunks[c % chunks.length], wire.length - at);
            decoder.feed(wire, at, n, listener);
            at += n;
        }
        return seen;
    }

    /** A good frame: its message, re-encoded and decoded again, must be the same message. */
    private static void decodeGoodFrame(byte[] input, byte[] decoded) {
        MessageType type = MessageType.ofCode(decoded[0] & 0xFF);
        int flags = decoded[1] & 0xFF;
        int seq = LittleEndian.u16(decoded, 2);
        int length = LittleEndian.u16(decoded, 4);
        Message message = FuzzOracle.check(input, MessageFormatException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> Messages.decode(type, flags, decoded, WireLimits.HEADER_BYTES, length));
        if (message == null) {
            return;
        }
        byte[] again = new FrameEncoder().encode(message, seq);
        List<Seen> frames = feed(new FrameDecoder(), again, new int[] {Integer.MAX_VALUE});
        assertEquals(1, frames.size(), "re-encoded message is not one frame");
        assertEquals(FrameStatus.GOOD, frames.get(0).status(), "re-encoded message is not a good frame");
        byte[] d = frames.get(0).decoded();
        Message back;
        try {
            back = Messages.decode(MessageType.ofCode(d[0] & 0xFF), d[1] & 0xFF, d, WireLimits.HEADER_BYTES,
                    LittleEndian.u16(d, 4));
        } catch (MessageFormatException e) {
            throw new AssertionError("re-encoded " + message + " does not decode: " + e.getMessage(), e);
        }
        assertEquals(MessageText.render(message, seq), MessageText.render(back, seq),
                "decode(encode(m)) != m for input " + FuzzOracle.hex(input));
    }

    /** COBS alone: decoding any bytes returns a size or -1/-2, never overruns; encoding any bytes decodes back. */
    @FuzzTest(maxDuration = "5m")
    void cobs(byte[] input) {
        byte[] out = new byte[WireLimits.MAX_FRAME_BYTES];
        FuzzOracle.check(input, FuzzOracle.Never.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> Cobs.decode(input, 0, input.length, out, 0));
        byte[] encoded = new byte[Cobs.maxEncodedBytes(input.length)];
        int n = Cobs.encode(input, 0, input.length, encoded, 0);
        byte[] back = new byte[input.length];
        int m = Cobs.decode(encoded, 0, n, back, 0);
        assertEquals(input.length, m, "COBS decode(encode(x)) has another size for " + FuzzOracle.hex(input));
        assertArrayEquals(input, back, "COBS decode(encode(x)) != x");
    }

    /** The text form of one line: IllegalArgumentException with one line, or a message that renders back to the same text. */
    @FuzzTest(maxDuration = "5m")
    void messageText(byte[] input) {
        // One line of a vectors file, as its reader hands it over.
        String line = new String(input, StandardCharsets.ISO_8859_1).split("[\r\n]", -1)[0];
        MessageText.Parsed parsed = FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES,
                BYTES_PER_INPUT_BYTE, () -> MessageText.parse(line));
        if (parsed != null) {
            String rendered = MessageText.render(parsed.message(), parsed.seq());
            MessageText.Parsed again = MessageText.parse(rendered);
            assertEquals(rendered, MessageText.render(again.message(), again.seq()),
                    "text form does not read back for " + FuzzOracle.hex(input));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfEachCorpusHoldTheOracle() {
        new SeededMutation(18_11, SeedCorpus.of(getClass(), "frames"), 9000).run(SEEDED_EXECUTIONS, this::frames);
        new SeededMutation(18_12, SeedCorpus.of(getClass(), "cobs"), 9000).run(SEEDED_EXECUTIONS, this::cobs);
        new SeededMutation(18_13, SeedCorpus.of(getClass(), "messageText"), 4096)
                .run(SEEDED_EXECUTIONS, this::messageText);
    }
}
