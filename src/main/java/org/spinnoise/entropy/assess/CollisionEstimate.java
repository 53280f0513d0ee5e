package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.2 collision estimate for binary samples: walk the sequence, recording the waiting time t (2 or 3
 * bits) until some value repeats, then fit the one-parameter family of §6.3.2 to the 99 % lower bound X̄′ of the
 * mean waiting time. For bits the fit has a closed form (NIST's tool, after Appendix G.1.1): X̄′ = −2p² + 2p + 2,
 * so p = 1/2 + √(5/4 − X̄′/2); when X̄′ ≥ 2.5 no p fits and the standard directs full entropy.
 */
public final class CollisionEstimate {

    public static final String NAME = "Collision";
    public static final String SECTION = "6.3.2";
    public static final int MIN_SAMPLES = 6;

    private CollisionEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        return estimate(PackedBits.pack(bits), bits.length);
    }

    /**
     * The estimate over {@code n} bits (at least {@link #MIN_SAMPLES}) given as {@link PackedBits#pack words}. The
     * walk is taken eight bits at a time through {@link #STEPS}; the last few bits, where the sample's end matters,
     * one collision at a time.
     */
    static double estimate(long[] words, int n) {
        long twos = 0;
        long threes = 0;
        int offset = 0; // the walk's position relative to the chunk's first bit: 0, 1 or 2
        int chunk = 0;
        // A chunk's collisions start at its bits 0..7 and read at most bit 9, which must be inside the sample.
        for (; chunk + 10 <= n; chunk += 8) {
            int window = (int) (PackedBits.prefix(words, chunk) >>> 55); // bits chunk .. chunk + 8
            int step = STEPS[offset << 9 | window];
            twos += step & 0xF;
            threes += (step >>> 4) & 0xF;
            offset = step >>> 8;
        }
        int i = chunk + offset;
        while (i < n - 1) {
            int wait;
            if (bit(words, i) == bit(words, i + 1)) {
                wait = 2;
            } else if (i < n - 2) {
                // Among three bits two are always equal: the third closes the collision.
                wait = 3;
            } else {
                break;
            }
            if (wait == 2) {
                twos++;
            } else {
                threes++;
            }
            i += wait;
        }
        long collisions = twos + threes;
        return fromWaitingTimes(collisions, 2 * twos + 3 * threes, 4 * twos + 9 * threes);
    }

    /**
     * For a walk entering a chunk at offset o (0..2) and the chunk's nine bits b (first bit highest), at
     * [o << 9 | b]: the collisions of 2 bits in its low 4 bits, of 3 bits in the next 4, and the offset at which the
     * walk enters the next chunk above them. A collision at position p reads bits p and p + 1 only.
     */
    private static final int[] STEPS = new int[3 << 9];

    static {
        for (int offset = 0; offset < 3; offset++) {
            for (int window = 0; window < 1 << 9; window++) {
                int twos = 0;
                int threes = 0;
                int p = offset;
                while (p < 8) {
                    int a = (window >>> (8 - p)) & 1;
                    int b = (window >>> (7 - p)) & 1;
                    if (a == b) {
                        twos++;
                        p += 2;
                    } else {
                        threes++;
                        p += 3;
                    }
                }
                STEPS[offset << 9 | window] = twos | threes << 4 | (p - 8) << 8;
            }
        }
    }

    private static int bit(long[] words, int i) {
        return (int) (words[i >>> 6] >>> (63 - (i & 63))) & 1;
    }

    /** The estimate from v collisions whose waiting times add up to {@code sum} and their squares to {@code sumOfSquares}. */
    static double fromWaitingTimes(long collisions, long sum, long sumOfSquares) {
        return entropyOfMeanBound(meanLowerBound(collisions, sum, sumOfSquares));
    }

    /** X̄′, the 99 % lower bound of the mean waiting time (§6.3.2 steps 5–6). */
    static double meanLowerBound(long collisions, long sum, long sumOfSquares) {
        double mean = sum / (double) collisions;
        // Clamped at 0: the difference can come out a hair negative in floating point when all waits are equal.
        double variance = Math.max(0.0, (sumOfSquares - sum * mean) / (collisions - 1.0));
        return ConfidenceBound.lowerMean(mean, Math.sqrt(variance), collisions);
    }

    static double entropyOfMeanBound(double meanLowerBound) {
        // 2 is the smallest possible waiting time; a bound below it carries no extra information.
        double bound = Math.max(2.0, meanLowerBound);
        if (bound >= 2.5) {
            return 1.0;
        }
        return Bits.entropyOfProbability(0.5 + Math.sqrt(1.25 - 0.5 * bound));
    }
}
