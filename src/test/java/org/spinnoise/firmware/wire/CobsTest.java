package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CobsTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] encode(byte[] data) {
        byte[] out = new byte[Cobs.maxEncodedBytes(data.length)];
        return Arrays.copyOf(out, Cobs.encode(data, 0, data.length, out, 0));
    }

    private static byte[] decode(byte[] enc) {
        byte[] out = new byte[enc.length];
        int n = Cobs.decode(enc, 0, enc.length, out, 0);
        assertTrue(n >= 0, "decode failed: " + n);
        return Arrays.copyOf(out, n);
    }

    private static byte[] range(int from, int toInclusive) {
        byte[] b = new byte[toInclusive - from + 1];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void publishedExamplesEncodeAndDecode() {
        String[][] cases = {
                {"00", "0101"}, {"0000", "010101"}, {"001100", "01021101"}, {"11220033", "0311220233"},
                {"11223344", "0511223344"}, {"11000000", "0211010101"}};
        for (String[] c : cases) {
            assertEquals(c[1], HEX.formatHex(encode(HEX.parseHex(c[0]))), c[0]);
            assertEquals(c[0], HEX.formatHex(decode(HEX.parseHex(c[1]))), c[1]);
        }
    }

    @Test
    void fullBlocksAtTheEndGetNoEmptyTrailingBlock() {
        byte[] in254 = range(1, 254);
        assertArrayEquals(concat(new byte[] {(byte) 0xFF}, in254), encode(in254));
        byte[] in255 = concat(new byte[] {0}, range(1, 254));
        assertArrayEquals(concat(new byte[] {1, (byte) 0xFF}, range(1, 254)), encode(in255));
        byte[] oneToFf = range(1, 255);
        assertArrayEquals(concat(new byte[] {(byte) 0xFF}, range(1, 254), new byte[] {2, (byte) 0xFF}),
                encode(oneToFf));
        byte[] twoToFfZero = concat(range(2, 255), new byte[] {0});
        assertArrayEquals(concat(new byte[] {(byte) 0xFF}, range(2, 255), new byte[] {1, 1}), encode(twoToFfZero));
        // A receiver also accepts the empty trailing block some encoders add.
        assertArrayEquals(in254, decode(concat(new byte[] {(byte) 0xFF}, in254, new byte[] {1})));
    }

    @Test
    void randomDataRoundTripsWithoutZerosWithinTheBound() {
        SplittableRandom random = new SplittableRandom(7);
        for (int trial = 0; trial < 2000; trial++) {
            byte[] data = new byte[random.nextInt(1200)];
            for (int i = 0; i < data.length; i++) {
                int kind = random.nextInt(4);
                data[i] = kind == 0 ? 0 : (byte) (kind == 1 ? 1 + random.nextInt(255) : random.nextInt(256));
            }
            byte[] enc = encode(data);
            assertTrue(enc.length <= Cobs.maxEncodedBytes(data.length));
            for (byte b : enc) {
                assertTrue(b != 0);
            }
            assertArrayEquals(data, decode(enc));
        }
    }

    @Test
    void blocksRunningPastTheEndAndZerosInsideAreRejected() {
        byte[] out = new byte[16];
        assertEquals(-1, Cobs.decode(HEX.parseHex("051122"), 0, 3, out, 0));
        assertEquals(-1, Cobs.decode(HEX.parseHex("03110022"), 0, 4, out, 0));
        assertEquals(-2, Cobs.decode(HEX.parseHex("0511223344"), 0, 5, new byte[3], 0));
        assertEquals(Cobs.maxEncodedBytes(WireLimits.MAX_FRAME_BYTES) + 1, WireLimits.MAX_WIRE_BYTES);
        assertEquals(4124, WireLimits.MAX_WIRE_BYTES);
    }
}
