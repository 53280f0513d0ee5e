package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockDataTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void encodeWritesTheDefiniteHeader() {
        assertArrayEquals(ascii("#15hello"), BlockData.encode(ascii("hello")));
        assertArrayEquals(ascii("#212abcdefghijkl"), BlockData.encode(ascii("abcdefghijkl")));
        assertArrayEquals(ascii("#10"), BlockData.encode(new byte[0]));
    }

    @Test
    void binaryPayloadWithNewlinesRoundTrips() {
        byte[] payload = new byte[1000];
        new Random(42).nextBytes(payload);
        payload[0] = 0x0A;
        payload[500] = 0x0A;
        payload[999] = 0x0A;
        byte[] encoded = BlockData.encode(payload);
        assertArrayEquals(ascii("#41000"), java.util.Arrays.copyOf(encoded, 6));
        assertArrayEquals(payload, BlockData.decode(encoded));
    }

    @Test
    void zeroLengthBlocksDecodeEmpty() {
        assertEquals(0, BlockData.decode(ascii("#10")).length);
        assertEquals(0, BlockData.decode(ascii("#0\n")).length);
    }

    @Test
    void definiteBlockIgnoresWhatFollowsItsLength() {
        assertArrayEquals(ascii("abc"), BlockData.decode(ascii("#13abc\n")));
        assertArrayEquals(ascii("a\nc"), BlockData.decode(ascii("#3003a\nc")));
    }

    @Test
    void indefiniteBlockRunsToTheNewline() {
        assertArrayEquals(ascii("1,2,3"), BlockData.decode(ascii("#01,2,3\nleft over")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "15hello", "#", "#A5hello", "#", "#2", "#2x5hello", "#15hel", "#0no newline", "#9"})
    void malformedBlocksAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BlockData.decode(ascii(text)));
        assertTrue(e.getMessage().contains("block"), e.getMessage());
    }

    @Test
    void malformedHeaderMessageShowsTheOffendingByte() {
        String message = assertThrows(IllegalArgumentException.class, () -> BlockData.decode(ascii("X12"))).getMessage();
        assertTrue(message.contains("'X'"), message);
        String binary = assertThrows(IllegalArgumentException.class,
                () -> BlockData.decode(new byte[] {'#', 0x01})).getMessage();
        assertTrue(binary.contains("0x01"), binary);
    }
}
