package org.spinnoise.entropy.condition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VonNeumannDebiaserTest {

    @Test
    void mapsPairsAndDropsRepeats() {
        VonNeumannDebiaser debiaser = new VonNeumannDebiaser();
        // Pairs 01 10 00 11 | 10 10 01 01: outputs 0 1 _ _ 1 1 0 0.
        debiaser.acceptPacked(new byte[] {(byte) 0b0110_0011, (byte) 0b1010_0101}, 0, 2);
        VonNeumannDebiaser.StudyOnlyBits bits = debiaser.takeStudyOnlyBits();
        assertEquals(6, bits.bitCount());
        assertArrayEquals(new byte[] {(byte) 0b0111_0000}, bits.packedMsbFirst());
        assertEquals(8, debiaser.pairsSeen());
        assertEquals(2, debiaser.pairsDropped());
        assertEquals(0, debiaser.studyOnlyBitsPending());
    }

    @Test
    void removesTheBiasOfIndependentBits() {
        VonNeumannDebiaser debiaser = new VonNeumannDebiaser();
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < 400_000; i++) {
            debiaser.accept(random.nextDouble() < 0.8 ? 1 : 0);
        }
        VonNeumannDebiaser.StudyOnlyBits bits = debiaser.takeStudyOnlyBits();
        long ones = 0;
        for (byte b : bits.packedMsbFirst()) {
            ones += Integer.bitCount(b & 0xFF);
        }
        // Yield 2p(1 − p) = 0.32 bits per pair; ones within 1% of half (about 5 standard deviations).
        assertEquals(0.32 * 200_000, bits.bitCount(), 1_500);
        assertEquals(0.5, (double) ones / bits.bitCount(), 0.01);
        assertThrows(IllegalArgumentException.class, () -> debiaser.accept(2));
    }
}
