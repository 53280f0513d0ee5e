package org.spinnoise.sim.board;

import java.util.SplittableRandom;

/**
 * Puts each encoded STREAM frame on the board's outgoing buffer, damaged as the {@link CorruptionSpec} asks (at most one
 * kind per frame, drawn from its own seeded stream), and tells the {@link SentRecord} what happened and how many
 * corrupt chunks the damage made, counting the pieces a flipped bit cuts a frame into when it turns a byte into the
 * delimiter.
 */
final class StreamDamage {
    private final CorruptionSpec spec;
    private final SplittableRandom random;
    private final SentRecord record;

    StreamDamage(CorruptionSpec spec, long seed, SentRecord record) {
        this.spec = spec;
        this.random = new SplittableRandom(seed);
        this.record = record;
    }

    /** Most bytes {@link #emit} can append for one frame of {@code wireBytes}. */
    int worstCase(int wireBytes) {
        return 2 * wireBytes + spec.garbageMaxBytes() + 1;
    }

    /**
     * Appends the frame {@code wire[0, wireBytes)} (delimiter included), perhaps damaged, at {@code out[at]}.
     *
     * @return the new end of {@code out}
     */
    int emit(byte[] wire, int wireBytes, byte[] bits, int bitCount, byte[] out, int at) {
        double u = spec.any() ? random.nextDouble() : 1;
        if ((u -= spec.garbage()) < 0) {
            int n = 1 + random.nextInt(spec.garbageMaxBytes());
            for (int i = 0; i < n; i++) {
                out[at + i] = (byte) random.nextInt(256);
            }
            out[at + n] = 0;
            record.garbage(chunks(out, at, n));
            at += n + 1;
            return intact(wire, wireBytes, bits, bitCount, out, at, false);
        }
        if ((u -= spec.truncate()) < 0) {
            int keep = 1 + random.nextInt(wireBytes - 2);
            System.arraycopy(wire, 0, out, at, keep);
            out[at + keep] = 0;
            record.lost(bitCount, SentRecord.Damage.TRUNCATE, chunks(out, at, keep));
            return at + keep + 1;
        }
        if ((u -= spec.flipBit()) < 0) {
            System.arraycopy(wire, 0, out, at, wireBytes);
            int position = random.nextInt(wireBytes - 1);
            out[at + position] ^= (byte) (1 << random.nextInt(8));
            record.lost(bitCount, SentRecord.Damage.FLIP_BIT, chunks(out, at, wireBytes - 1));
            return at + wireBytes;
        }
        if ((u -= spec.drop()) < 0) {
            record.lost(bitCount, SentRecord.Damage.DROP, 0);
            return at;
        }
        if ((u -= spec.duplicate()) < 0) {
            System.arraycopy(wire, 0, out, at, wireBytes);
            return intact(wire, wireBytes, bits, bitCount, out, at + wireBytes, true);
        }
        return intact(wire, wireBytes, bits, bitCount, out, at, false);
    }

    private int intact(byte[] wire, int wireBytes, byte[] bits, int bitCount, byte[] out, int at, boolean twice) {
        System.arraycopy(wire, 0, out, at, wireBytes);
        record.intact(bits, 0, bitCount, twice);
        return at + wireBytes;
    }

    /** Non-empty runs of non-zero bytes in {@code b[from, from + length)}, each ended by a zero or the end. */
    static int chunks(byte[] b, int from, int length) {
        int chunks = 0;
        boolean inChunk = false;
        for (int i = from; i < from + length; i++) {
            if (b[i] == 0) {
                inChunk = false;
            } else if (!inChunk) {
                inChunk = true;
                chunks++;
            }
        }
        return chunks;
    }
}
