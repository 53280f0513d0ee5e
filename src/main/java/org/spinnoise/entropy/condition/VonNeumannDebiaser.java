package org.spinnoise.entropy.condition;

import java.util.Arrays;
import java.util.Objects;

/**
 * For study only, not on the default path: the von Neumann debiaser, which reads raw bits in pairs and emits 0 for
 * 01, 1 for 10 and nothing for 00 or 11. It removes bias only from independent, identically distributed bits and is
 * not a vetted conditioning component of SP 800-90B §3.1.5.1.1, so its output earns no entropy credit; spinnoise
 * conditions with {@link Sha256Conditioner}. Kept to compare yields and bias against the real path; its output is
 * named {@link StudyOnlyBits} so it is never mistaken for pool bits. Not thread-safe.
 */
public final class VonNeumannDebiaser {

    /** Debiased bits, packed most significant bit first, for study only. */
    public record StudyOnlyBits(byte[] packedMsbFirst, long bitCount) {
    }

    private byte[] out = new byte[64];
    private long bitsOut;
    private long pairsSeen;
    private long pairsDropped;
    private int pendingBit = -1;

    /** Feeds {@code lengthBytes} raw bytes, most significant bit first; pairs may straddle calls. */
    public void acceptPacked(byte[] packedMsbFirst, int offsetBytes, int lengthBytes) {
        Objects.checkFromIndexSize(offsetBytes, lengthBytes, packedMsbFirst.length);
        for (int i = offsetBytes; i < offsetBytes + lengthBytes; i++) {
            for (int shift = 7; shift >= 0; shift--) {
                accept((packedMsbFirst[i] >>> shift) & 1);
            }
        }
    }

    /** Feeds one raw bit. */
    public void accept(int bit) {
        if ((bit & ~1) != 0) {
            throw new IllegalArgumentException("a raw bit must be 0 or 1, got " + bit);
        }
        if (pendingBit < 0) {
            pendingBit = bit;
            return;
        }
        pairsSeen++;
        if (pendingBit == bit) {
            pairsDropped++;
        } else {
            emit(pendingBit);
        }
        pendingBit = -1;
    }

    private void emit(int bit) {
        int index = (int) (bitsOut >>> 3);
        if (index == out.length) {
            out = Arrays.copyOf(out, out.length * 2);
        }
        if (bit == 1) {
            out[index] |= (byte) (0x80 >>> (int) (bitsOut & 7));
        }
        bitsOut++;
    }

    /** Hands out every debiased bit so far (study only) and starts a fresh output; the counters keep running. */
    public StudyOnlyBits takeStudyOnlyBits() {
        StudyOnlyBits taken = new StudyOnlyBits(Arrays.copyOf(out, (int) ((bitsOut + 7) >>> 3)), bitsOut);
        Arrays.fill(out, (byte) 0);
        bitsOut = 0;
        return taken;
    }

    public long pairsSeen() {
        return pairsSeen;
    }

    public long pairsDropped() {
        return pairsDropped;
    }

    /** Bits waiting to be taken. */
    public long studyOnlyBitsPending() {
        return bitsOut;
    }
}
