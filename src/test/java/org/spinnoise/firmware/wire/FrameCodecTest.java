package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FrameCodecTest {
    /** One of each message type, with non-trivial field values. */
    static List<Message> oneOfEach() {
        BoardSettings settings = new BoardSettings(0x8000_0001L, 0xABCD, 1_500_000L, 0x1234, 3_000_000_000L, 250,
                0x0800, 12);
        byte[] bits = new byte[125];
        new SplittableRandom(3).nextBytes(bits);
        bits[124] &= (byte) 0xF0;
        return List.of(Hello.of(4096),
                new HelloReply(1, "SN-0001", "fw 1.2.3", 32, 16, 1800, 12, 3300, 100, 4_000_000_000L, 4096, 10_000_000),
                new Configure(settings), new ConfigureAck(settings), new Start(2048, 64), new StartAck(),
                new Stream(Long.MAX_VALUE - 996, 4_000_000_000L, 17, 996, bits), new Credit(0xFFFF_FFFFL),
                new Stop(), new StopAck(), new StatusRequest(),
                new StatusReply(-1234, StatusReply.OVER_TEMPERATURE | StatusReply.DAC_FAULT, 86_400_000L, 3, 1L << 40),
                ErrorReply.answering(65535, ErrorCode.BAD_STATE, "CONFIGURE while streaming"),
                ErrorReply.unsolicited(ErrorCode.CORRUPT_FRAME, ""));
    }

    private record Seen(FrameStatus status, int seq, Message message) {
    }

    private static List<Seen> decodeAll(byte[] wire, int chunk) {
        List<Seen> seen = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        FrameListener listener = f -> {
            try {
                seen.add(new Seen(f.status(), f.status().headerValid() ? f.seq() : -1,
                        f.status() == FrameStatus.GOOD ? Messages.decode(f) : null));
            } catch (MessageFormatException e) {
                throw new AssertionError(e);
            }
        };
        for (int i = 0; i < wire.length; i += chunk) {
            decoder.feed(wire, i, Math.min(chunk, wire.length - i), listener);
        }
        return seen;
    }

    @Test
    void everyMessageSurvivesTheWireInAnyChunking() {
        FrameEncoder encoder = new FrameEncoder();
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        List<Message> messages = oneOfEach();
        for (int i = 0; i < messages.size(); i++) {
            wire.writeBytes(encoder.encode(messages.get(i), 65530 + i & 0xFFFF));
        }
        for (int chunk : new int[] {1, 2, 7, 254, 255, 4096, wire.size()}) {
            List<Seen> seen = decodeAll(wire.toByteArray(), chunk);
            assertEquals(messages.size(), seen.size());
            for (int i = 0; i < messages.size(); i++) {
                assertEquals(new Seen(FrameStatus.GOOD, 65530 + i & 0xFFFF, messages.get(i)), seen.get(i));
            }
        }
    }

    @Test
    void theWorkedExampleOfTheSpecIsWhatTheEncoderWrites() {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0xE3069283L, crc.getValue());
        // PROTOCOL.md section 2.2: HELLO seq 0, version 1, 4096 bytes; CRC 0xB2F75B0E computed bit by bit elsewhere.
        assertEquals("02010101020302010610" + "0e5bf7b2" + "00",
                java.util.HexFormat.of().formatHex(new FrameEncoder().encode(Hello.of(4096), 0)));
    }

    @Test
    void garbageCostsOnlyTheFrameItHits() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] good = encoder.encode(new Credit(77), 5);
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        wire.writeBytes(new byte[] {0x13, 0x37, (byte) 0xFF});
        wire.writeBytes(good); // garbage without a delimiter merges with the next frame: that one frame is lost
        wire.writeBytes(good);
        wire.writeBytes(new byte[] {0, 0, 0});
        byte[] flipped = good.clone();
        flipped[7] ^= 0x10; // a data byte (the limit 77), not a COBS code byte
        wire.writeBytes(flipped);
        wire.writeBytes(good);
        List<Seen> seen = decodeAll(wire.toByteArray(), 3);
        assertEquals(FrameStatus.BAD_COBS, seen.get(0).status()); // 0x13 announces 18 bytes, the frame ends first
        assertEquals(new Seen(FrameStatus.GOOD, 5, new Credit(77)), seen.get(1));
        assertEquals(FrameStatus.BAD_CRC, seen.get(2).status());
        assertEquals(new Seen(FrameStatus.GOOD, 5, new Credit(77)), seen.get(3));
        assertEquals(4, seen.size());
    }

    @Test
    void statusesFollowTheOrderOfChecks() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] wire = new byte[WireLimits.MAX_WIRE_BYTES + 64];
        byte[] payload = new byte[WireLimits.MAX_PAYLOAD_BYTES + 1];
        java.util.Arrays.fill(payload, (byte) 0x5A); // no zeros: the worst case of COBS overhead
        int n = encoder.encodeRaw(0x42, 0, 1, payload, 0, 0, wire, 0);
        assertEquals(List.of(FrameStatus.UNKNOWN_TYPE), statuses(wire, n));
        n = encoder.encodeRaw(0x05, 2, 1, payload, 0, 0, wire, 0);
        assertEquals(List.of(FrameStatus.BAD_FLAGS), statuses(wire, n));
        n = encoder.encodeRaw(0x85, 0, 1, payload, 0, 0, wire, 0);
        assertEquals(List.of(FrameStatus.BAD_FLAGS), statuses(wire, n));
        assertEquals(List.of(FrameStatus.TRUNCATED), statuses(new byte[] {3, 1, 1, 0}, 4));
        // The largest good frame, then one byte more of payload than any frame may carry.
        n = encoder.encodeRaw(0x84, 0, 1, payload, 0, WireLimits.MAX_PAYLOAD_BYTES, wire, 0);
        assertEquals(WireLimits.MAX_WIRE_BYTES, n);
        assertEquals(List.of(FrameStatus.GOOD), statuses(wire, n));
        FrameDecoder small = new FrameDecoder(64);
        List<FrameStatus> got = new ArrayList<>();
        small.feed(wire, 0, n, f -> got.add(f.status()));
        assertEquals(List.of(FrameStatus.OVERSIZED), got);
        assertThrows(IllegalArgumentException.class, () -> encoder.encodeRaw(0x84, 0, 1, payload, 0,
                WireLimits.MAX_PAYLOAD_BYTES + 1, new byte[8000], 0));
    }

    private static List<FrameStatus> statuses(byte[] wire, int n) {
        List<FrameStatus> got = new ArrayList<>();
        new FrameDecoder().feed(wire, 0, n, f -> got.add(f.status()));
        return got;
    }

    @Test
    void streamViewReadsInPlaceAndEncodeStreamMatchesTheRecord() throws MessageFormatException {
        byte[] bits = {(byte) 0b1010_0000};
        Stream record = new Stream(9, 3, 1, 3, bits);
        FrameEncoder encoder = new FrameEncoder();
        byte[] viaRecord = encoder.encode(record, 12);
        byte[] wire = new byte[64];
        int n = encoder.encodeStream(12, 9, 3, 1, 3, bits, 0, wire, 0);
        assertArrayEquals(viaRecord, java.util.Arrays.copyOf(wire, n));
        StreamView view = new StreamView();
        List<String> got = new ArrayList<>();
        new FrameDecoder().feed(wire, 0, n, f -> {
            try {
                view.wrap(f);
            } catch (MessageFormatException e) {
                throw new AssertionError(e);
            }
            got.add(view.firstBit() + " " + view.bitCount() + " " + view.bit(0) + view.bit(1) + view.bit(2));
        });
        assertEquals(List.of("9 3 101"), got);
        assertThrows(IllegalArgumentException.class, () -> new Stream(0, 3, 0, 3, new byte[] {(byte) 0b1011_0000}));
        assertThrows(IllegalArgumentException.class, () -> new Stream(0, 2, 0, 3, bits));
    }

    @Test
    void fieldsOutsideTheirLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Hello.of(63));
        assertThrows(IllegalArgumentException.class, () -> Hello.of(4097));
        assertThrows(IllegalArgumentException.class, () -> new Start(18, 1));
        assertThrows(IllegalArgumentException.class, () -> new Credit(1L << 32));
        assertThrows(IllegalArgumentException.class, () -> new BoardSettings(0, 1, 1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new HelloReply(1, "SN", "fw", 33, 16, 1800, 12, 3300, 1, 2, 4096, 1));
        assertThrows(IllegalArgumentException.class,
                () -> new HelloReply(1, "SN", "fw", 1, 16, 1800, 12, 3300, 3, 2, 4096, 1));
        assertThrows(IllegalArgumentException.class, () -> new StatusReply(0, 16, 0, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ErrorReply(ErrorCode.BAD_STATE, false, 3, "unsolicited with a seq"));
        HelloReply board = new HelloReply(1, "SN", "fw", 4, 12, 1800, 10, 3300, 100, 1000, 4096, 1);
        BoardSettings tooMany = new BoardSettings(0x10, 1, 100, 1, 100, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> tooMany.checkAgainst(board));
        BoardSettings codeTooHigh = new BoardSettings(0xF, 4096, 100, 1, 100, 0, 0, 0);
        assertThrows(IllegalArgumentException.class, () -> codeTooHigh.checkAgainst(board));
        BoardSettings thresholdTooHigh = new BoardSettings(0xF, 1, 100, 1, 100, 0, 1024, 0);
        assertThrows(IllegalArgumentException.class, () -> thresholdTooHigh.checkAgainst(board));
        new BoardSettings(0xF, 4095, 1000, 0, 100, 0, 1023, 5).checkAgainst(board);
    }

    @Test
    void payloadFaultsCarryTheBoardsErrorCode() {
        FrameEncoder encoder = new FrameEncoder();
        byte[] wire = new byte[128];
        assertEquals(ErrorCode.UNSUPPORTED_VERSION, fault(wire, encoder.encodeRaw(0x01, 0, 0,
                new byte[] {2, 0, 0x10, 99}, 0, 4, wire, 0)));
        assertEquals(ErrorCode.BAD_SIZE, fault(wire, encoder.encodeRaw(0x01, 0, 0, new byte[] {1, 0}, 0, 2, wire, 0)));
        assertEquals(ErrorCode.OUT_OF_RANGE, fault(wire, encoder.encodeRaw(0x01, 0, 0, new byte[] {1, 0, 0x20}, 0, 3,
                wire, 0)));
    }

    private static ErrorCode fault(byte[] wire, int n) {
        List<ErrorCode> got = new ArrayList<>();
        new FrameDecoder().feed(wire, 0, n, f -> {
            try {
                Messages.decode(f);
            } catch (MessageFormatException e) {
                got.add(e.code());
            }
        });
        assertTrue(got.size() == 1, "expected one fault, got " + got);
        return got.get(0);
    }
}
