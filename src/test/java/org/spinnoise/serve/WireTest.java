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
        assertEquals(ErrorCode.MALFORMED,
                Wire.parseRequest(Wire.encodeRequest(RequestType.NORMALS, NoiseMode.PRNG, 1, -1)).error());
        Wire.Parsed ping = Wire.parseRequest(Wire.encodeRequest(RequestType.PING, null, 3, 0));
        assertNull(ping.request().mode());
        assertEquals(RequestType.PING, ping.request().type());
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
