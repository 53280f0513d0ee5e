package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.spinnoise.noise.NoiseMode;

/** Request and reply layouts of protocol version 1, byte for byte as PROTOCOL.md states them. */
class WireTest {

    @Test
    void requestLayoutMatchesTheProtocolDocument() {
        byte[] frame = Wire.encodeRequest(RequestType.NORMALS, NoiseMode.DRBG, 0x01020304L, 65536);
        assertEquals("534e0101020000000102030400010000", HexFormat.of().formatHex(frame));
        Wire.Parsed parsed = Wire.parseRequest(frame);
        assertEquals(new Wire.Request(RequestType.NORMALS, NoiseMode.DRBG, 0x01020304L, 65536), parsed.request());
        assertEquals(262_144, parsed.request().payloadBytes());
    }

    @Test
    void replyHeaderRoundTripsAndIsBigEndian() throws Exception {
        ReplyHeader h = new ReplyHeader(RequestType.BYTES, NoiseMode.TRNG, ErrorCode.OK, 7, 4096, 1L << 33, 4096,
                32768);
        byte[] frame = h.encode();
        assertEquals(40, frame.length);
        assertEquals("534e01020100000000000007000010000000000200000000", HexFormat.of().formatHex(frame, 0, 24));
        assertEquals(h, ReplyHeader.decode(frame, "test"));
    }

    @Test
    void everyBadFrameIsRefusedWithTheRightCode() {
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest(new byte[0]).error());
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest("hello world12345".getBytes()).error());
        byte[] v2 = Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 1, 1);
        v2[2] = 2;
        Wire.Parsed version = Wire.parseRequest(v2);
        assertEquals(ErrorCode.VERSION, version.error());
        assertTrue(version.message().contains("version 2"), version.message());
        byte[] longer = new byte[20];
        System.arraycopy(Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 1, 1), 0, longer, 0, 16);
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest(longer).error());
        byte[] unknownType = Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 9, 1);
        unknownType[3] = 9;
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest(unknownType).error());
        assertEquals(9, Wire.parseRequest(unknownType).requestId());
        byte[] reserved = Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 1, 1);
        reserved[6] = 1;
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest(reserved).error());
        byte[] mode = Wire.encodeRequest(RequestType.BYTES, NoiseMode.PRNG, 1, 1);
        mode[4] = 7;
        assertEquals(ErrorCode.UNKNOWN_MODE, Wire.parseRequest(mode).error());
        assertEquals(ErrorCode.MALFORMED,
                Wire.parseRequest(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, 1, 0)).error());
        Wire.Parsed ping = Wire.parseRequest(Wire.encodeRequest(RequestType.PING, null, 3, 0));
        assertNull(ping.request().mode());
        assertEquals(RequestType.PING, ping.request().type());
    }

    /** Issue 18, defect 11: counts of 2^31 and more are oversized, not malformed (a count is a u32). */
    @Test
    void countsOfTwoToThe31AndMoreAreOversized() {
        for (int count : new int[] {Integer.MIN_VALUE, -1}) {
            Wire.Parsed p = Wire.parseRequest(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, 5, count));
            assertEquals(ErrorCode.OVERSIZED, p.error(), p.message());
            assertEquals(5, p.requestId());
            assertEquals(3, p.modeByte());
        }
    }

    /** Issue 18, defect 11: a ping carries mode 0 and count 0. */
    @Test
    void aPingWithAModeOrACountIsMalformed() {
        byte[] withMode = Wire.encodeRequest(RequestType.PING, null, 4, 0);
        withMode[4] = 3;
        assertEquals(ErrorCode.MALFORMED, Wire.parseRequest(withMode).error());
        assertEquals(ErrorCode.MALFORMED,
                Wire.parseRequest(Wire.encodeRequest(RequestType.PING, null, 4, 7)).error());
    }

    /**
     * Issue 18, defect 11: any frame long enough to hold a request id gets it back, and the mode byte when it names
     * a mode, whatever is wrong with the frame.
     */
    @Test
    void refusalsEchoTheIdAndModeOfAnyFrameThatHoldsThem() {
        byte[] badMagic = Wire.encodeRequest(RequestType.BYTES, NoiseMode.DRBG, 0xCAFEL, 1);
        badMagic[0] = 'X';
        byte[] badVersion = Wire.encodeRequest(RequestType.BYTES, NoiseMode.DRBG, 0xCAFEL, 1);
        badVersion[2] = 9;
        byte[] unknownMode = Wire.encodeRequest(RequestType.BYTES, NoiseMode.DRBG, 0xCAFEL, 1);
        unknownMode[4] = 9;
        for (byte[] frame : new byte[][] {badMagic, badVersion, unknownMode}) {
            Wire.Parsed p = Wire.parseRequest(frame);
            assertEquals(0xCAFEL, p.requestId(), p.message());
            assertEquals(frame == unknownMode ? Wire.NO_MODE : 2, p.modeByte(), p.message());
        }
        assertEquals(ErrorCode.VERSION, Wire.parseRequest(badVersion).error());
        assertEquals(0, Wire.parseRequest(new byte[] {'S', 'N', 1, 1, 2}).requestId());
        assertEquals(Wire.NO_MODE, Wire.parseRequest(new byte[] {'S', 'N', 1, 1, 2}).modeByte());
    }

    @Test
    void aForeignReplyIsAClearClientError() {
        NoiseServiceException e = assertThrows(NoiseServiceException.class,
                () -> ReplyHeader.decode(new byte[40], "tcp://127.0.0.1:1"));
        assertTrue(e.getMessage().contains("tcp://127.0.0.1:1"), e.getMessage());
        assertArrayEquals(new byte[] {'S', 'N'}, new byte[] {Wire.MAGIC_0, Wire.MAGIC_1});
    }

    @Test
    void bindAddressesKnowLoopback() {
        assertTrue(BindAddress.parse("tcp://127.0.0.1:0").loopback());
        assertTrue(BindAddress.parse("tcp://localhost:5555").loopback());
        assertTrue(BindAddress.parse("tcp://[::1]:*").loopback());
        assertTrue(!BindAddress.parse("tcp://0.0.0.0:5555").loopback());
        assertTrue(!BindAddress.parse("tcp://*:5555").loopback());
        assertTrue(!BindAddress.parse("tcp://eth0:5555").loopback());
        assertTrue(!BindAddress.parse("tcp://192.168.1.20:5555").loopback());
        assertEquals("tcp://127.0.0.1:*", BindAddress.parse("tcp://127.0.0.1:0").zmqEndpoint());
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("ipc:///tmp/x"));
        assertThrows(IllegalArgumentException.class, () -> BindAddress.parse("tcp://127.0.0.1:70000"));
    }
}
