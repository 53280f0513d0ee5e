package org.spinnoise.entropy.condition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Sha256ConditionerTest {

    /** SHA-256("SNc1" ‖ 6-byte big-endian counter ‖ raw[from, to)), computed independently of the conditioner. */
    private static byte[] expectedBlock(long counter, byte[] raw, int from, int to) throws NoSuchAlgorithmException {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[] {'S', 'N', 'c', '1'});
        sha256.update(Arrays.copyOfRange(ByteBuffer.allocate(8).putLong(counter).array(), 2, 8));
        sha256.update(raw, from, to - from);
        return sha256.digest();
    }

    private static byte[] random(int bytes, long seed) {
        byte[] raw = new byte[bytes];
        new SplittableRandom(seed).nextBytes(raw);
        return raw;
    }

    @Test
    void aBlockClosesWhenItsInputIsCreditedWith320Bits() throws NoSuchAlgorithmException {
        byte[] raw = random(40, 1);
        Sha256Conditioner conditioner = new Sha256Conditioner();
        assertFalse(conditioner.ready());
        assertThrows(IllegalStateException.class, conditioner::squeeze);
        conditioner.absorb(raw, 0, 39, 1.0);
        assertFalse(conditioner.ready(), "39 bytes at 8 bits each are 312 bits, short of 256 + 64");
        conditioner.absorb(raw, 39, 1, 1.0);
        assertTrue(conditioner.ready());
        assertArrayEquals(expectedBlock(0, raw, 0, 40), conditioner.squeeze());
        assertFalse(conditioner.ready());
        assertEquals(1, conditioner.blocksOut());
        assertEquals(320, conditioner.rawBitsAbsorbed());
        assertEquals(320, conditioner.creditedEntropyIn(), 1e-9);
    }

    @Test
    void surplusBytesCarryIntoTheNextBlockAndAreNeverReused() throws NoSuchAlgorithmException {
        // At 0.9 bits per bit a byte earns 7.2 bits: 45 bytes (324 bits) close a block.
        byte[] raw = random(200, 2);
        Sha256Conditioner conditioner = new Sha256Conditioner();
        conditioner.absorb(raw, 0, 100, 0.9);
        assertEquals(2, conditioner.blocksReady());
        conditioner.absorb(raw, 100, 100, 0.9);
        assertEquals(4, conditioner.blocksReady());
        for (int block = 0; block < 4; block++) {
            assertArrayEquals(expectedBlock(block, raw, 45 * block, 45 * block + 45), conditioner.squeeze(),
                    "block " + block);
        }
        assertEquals(200 * 8, conditioner.rawBitsAbsorbed());
        assertEquals(200 * 7.2, conditioner.creditedEntropyIn(), 1e-9);
        assertEquals(4, conditioner.blocksOut());
    }

    @Test
    void callBoundariesDoNotChangeTheOutput() {
        byte[] raw = random(50_000, 3);
        Sha256Conditioner whole = new Sha256Conditioner();
        whole.absorb(raw, 0, raw.length, 0.95);
        Sha256Conditioner pieces = new Sha256Conditioner();
        SplittableRandom random = new SplittableRandom(4);
        for (int offset = 0; offset < raw.length; ) {
            int length = Math.min(raw.length - offset, random.nextInt(200));
            pieces.absorb(raw, offset, length, 0.95);
            offset += length;
        }
        assertEquals(whole.blocksReady(), pieces.blocksReady());
        assertTrue(whole.blocksReady() > 1000, "the closed-block queue grew past its first size");
        byte[] a = new byte[Sha256Conditioner.OUTPUT_BYTES];
        byte[] b = new byte[Sha256Conditioner.OUTPUT_BYTES];
        while (whole.ready()) {
            whole.squeezeInto(a, 0);
            pieces.squeezeInto(b, 0);
            assertArrayEquals(a, b);
        }
    }

    @Test
    void creditChangesMidBlockAreHonoured() throws NoSuchAlgorithmException {
        byte[] raw = random(100, 5);
        Sha256Conditioner conditioner = new Sha256Conditioner();
        conditioner.absorb(raw, 0, 20, 1.0);   // 160 bits
        conditioner.absorb(raw, 20, 60, 0.5);  // 4 bits a byte: 40 more bytes reach 320
        assertEquals(1, conditioner.blocksReady());
        assertArrayEquals(expectedBlock(0, raw, 0, 60), conditioner.squeeze());
    }

    @Test
    void rejectsImpossibleCredits() {
        Sha256Conditioner conditioner = new Sha256Conditioner();
        assertThrows(IllegalArgumentException.class, () -> conditioner.absorb(new byte[8], 0, 8, 0));
        assertThrows(IllegalArgumentException.class, () -> conditioner.absorb(new byte[8], 0, 8, 1.01));
        assertThrows(IndexOutOfBoundsException.class, () -> conditioner.absorb(new byte[8], 4, 8, 1));
    }
}
