package org.spinnoise.sim.board;

/**
 * Probabilities as 32-bit fixed-point fractions: {@code q / 2^32}, with {@code q} in {@code 0 … 2^32}. One uniform
 * 32-bit draw decides an event ({@code draw < q}), and 64 independent events at once come from at most 32 random words
 * ({@link #bernoulliWord}), which is what lets the emulator make hundreds of megabits per second from the physics.
 * Events rarer than 2^-33 are treated as impossible, and their complements as certain.
 */
final class Odds {
    static final long ONE = 1L << 32;

    private Odds() {
    }

    /** The fixed-point form of a probability, rounded to the nearest 2^-32. */
    static long of(double probability) {
        if (!(probability >= 0) || probability > 1) {
            throw new IllegalArgumentException("not a probability: " + probability);
        }
        return Math.round(probability * ONE);
    }

    /**
     * 64 independent events, each with probability {@code q / 2^32}, as the bits of one word. Walks the binary digits
     * of the probability from the lowest set one up: a 1 digit ORs in a fresh random word, a 0 digit ANDs one in, which
     * leaves each bit set with exactly that probability.
     */
    static long bernoulliWord(long q, java.util.SplittableRandom random) {
        if (q <= 0) {
            return 0;
        }
        if (q >= ONE) {
            return -1L;
        }
        long word = 0;
        for (int digit = Long.numberOfTrailingZeros(q); digit < 32; digit++) {
            long fresh = random.nextLong();
            word = ((q >>> digit) & 1) != 0 ? word | fresh : word & fresh;
        }
        return word;
    }

    /** One uniform draw in {@code 0 … 2^32 − 1}. */
    static long draw(java.util.SplittableRandom random) {
        return random.nextLong() >>> 32;
    }
}
