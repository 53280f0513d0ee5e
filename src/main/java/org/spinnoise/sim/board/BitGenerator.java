package org.spinnoise.sim.board;

import java.util.List;
import java.util.SplittableRandom;
import org.spinnoise.sim.MtjJunction;

/**
 * Makes the emulated board's bits from the junctions' physics, packed most significant bit first. Each bit is one
 * cycle on the next selected junction: reset pulse (AP→P with the reset chance), write pulse (P→AP with the write
 * chance), read (the comparator's verdict on a noisy read, which may fall in the guard band). The odds are refreshed
 * from the junctions before every frame, so drift shows. When only the write is random (one junction, reset always
 * working, reads always clear) each bit is an independent Bernoulli draw and 64 come from one bit-sliced word; in
 * every other case the cycle is followed bit by bit, keeping each junction's state from one bit to the next.
 */
final class BitGenerator {
    private final List<MtjJunction> junctions;
    private final double ohmsPerReadCode;
    private final double readNoiseRelative;
    private final SplittableRandom random;
    private final boolean[] antiparallel;
    private PulsePlan plan;
    private CycleOdds[] odds;
    private int nextJunction;

    BitGenerator(List<MtjJunction> junctions, double ohmsPerReadCode, double readNoiseRelative, long seed) {
        this.junctions = List.copyOf(junctions);
        this.ohmsPerReadCode = ohmsPerReadCode;
        this.readNoiseRelative = readNoiseRelative;
        this.random = new SplittableRandom(seed);
        this.antiparallel = new boolean[junctions.size()];
    }

    /** Takes a new plan; the junction turn restarts at the first selected junction. */
    void plan(PulsePlan newPlan) {
        for (int j : newPlan.junctions()) {
            if (j < 0 || j >= junctions.size()) {
                throw new IllegalArgumentException("junction " + j + " is not on this board (0.." + (junctions.size() - 1) + ")");
            }
        }
        plan = newPlan;
        nextJunction = 0;
        refresh();
    }

    /** Recomputes the odds from the junctions as they are now. */
    void refresh() {
        odds = new CycleOdds[plan.junctions().size()];
        for (int i = 0; i < odds.length; i++) {
            odds[i] = CycleOdds.of(junctions.get(plan.junctions().get(i)), plan, ohmsPerReadCode, readNoiseRelative);
        }
    }

    /**
     * Writes {@code bitCount} bits at {@code out[offset]}, MSB first, zeroing the unused low bits of the last byte.
     *
     * @return how many of the reads fell inside the guard band
     */
    int fill(byte[] out, int offset, int bitCount) {
        if (odds.length == 1 && odds[0].onlyTheWriteIsRandom()) {
            fillIndependent(out, offset, bitCount, odds[0].writeSwitch());
            antiparallel[plan.junctions().get(0)] = bitCount > 0 && lastBit(out, offset, bitCount) == 1;
            return 0;
        }
        return fillCycleByCycle(out, offset, bitCount);
    }

    private void fillIndependent(byte[] out, int offset, int bitCount, long writeSwitch) {
        int bytes = (bitCount + 7) >>> 3;
        int pos = offset;
        int end = offset + bytes;
        while (pos < end) {
            long word = Odds.bernoulliWord(writeSwitch, random);
            int take = Math.min(8, end - pos);
            for (int k = 0; k < take; k++) {
                out[pos++] = (byte) (word >>> (56 - 8 * k));
            }
        }
        clearTail(out, offset, bitCount);
    }

    private int fillCycleByCycle(byte[] out, int offset, int bitCount) {
        int ambiguous = 0;
        int current = 0;
        for (int i = 0; i < bitCount; i++) {
            int slot = nextJunction;
            nextJunction = nextJunction + 1 == odds.length ? 0 : nextJunction + 1;
            CycleOdds o = odds[slot];
            int junction = plan.junctions().get(slot);
            boolean ap = antiparallel[junction];
            if (ap && Odds.draw(random) < o.resetSwitch()) {
                ap = false;
            }
            if (!ap && Odds.draw(random) < o.writeSwitch()) {
                ap = true;
            }
            antiparallel[junction] = ap;
            long[] cuts = ap ? o.antiparallelCuts() : o.parallelCuts();
            long read = Odds.draw(random);
            int bit = read >= cuts[1] ? 1 : 0;
            if (read >= cuts[0] && read < cuts[2]) {
                ambiguous++;
            }
            current = (current << 1) | bit;
            if ((i & 7) == 7) {
                out[offset + (i >>> 3)] = (byte) current;
                current = 0;
            }
        }
        int rest = bitCount & 7;
        if (rest != 0) {
            out[offset + (bitCount >>> 3)] = (byte) (current << (8 - rest));
        }
        return ambiguous;
    }

    private static void clearTail(byte[] out, int offset, int bitCount) {
        int rest = bitCount & 7;
        if (rest != 0) {
            out[offset + (bitCount >>> 3)] &= (byte) (0xFF << (8 - rest));
        }
    }

    private static int lastBit(byte[] out, int offset, int bitCount) {
        int i = bitCount - 1;
        return (out[offset + (i >>> 3)] >>> (7 - (i & 7))) & 1;
    }
}
