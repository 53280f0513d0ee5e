package org.spinnoise.entropy.assess;

/**
 * SP 800-90B §6.3.4 compression estimate (Maurer's universal statistic): cut the bits into 6-bit blocks, prime a
 * dictionary of last positions with the first d = 1000 blocks, and average log2 of the distance back to each later
 * block's previous occurrence. With the standard's σ̂ = 0.5907·√(Σlog2²/(v − 1) − X̄²) and the 99 % lower bound X̄′,
 * a binary search finds the p of the near-uniform family (one block with probability p, the other 63 sharing the
 * rest) whose expected statistic is X̄′; the estimate is −log2(p)/6, or 1 when even the uniform family falls short.
 */
public final class CompressionEstimate {

    public static final String NAME = "Compression";
    public static final String SECTION = "6.3.4";
    /** More than d = 1000 blocks of 6 bits are needed. */
    public static final int MIN_SAMPLES = 6 * 1001;

    static final int BLOCK_BITS = 6;
    static final int DICTIONARY_BLOCKS = 1000;
    private static final int ALPHABET = 1 << BLOCK_BITS;
    private static final double SIGMA_FACTOR = 0.5907;
    /** The expectation's loop checks every 64 terms whether the rest can still matter. */
    private static final int FREEZE_CHECK_MASK = 63;
    /**
     * The statistic tables log2 of distances up to this; longer ones (a value first seen late, in stuck or biased
     * bits) are rare and computed, so that the table stays small at 10^8 bits.
     */
    private static final int TABLED_DISTANCES = 1 << 16;

    private CompressionEstimate() {
    }

    public static double estimate(byte[] bits) {
        Bits.require(bits, MIN_SAMPLES, NAME);
        int blocks = bits.length / BLOCK_BITS;
        Statistic statistic = statistic(bits);
        long tested = blocks - DICTIONARY_BLOCKS;
        return fromMeanBound(ConfidenceBound.lowerMean(statistic.mean(), statistic.sigma(), tested), blocks);
    }

    /** X̄ and σ̂ of §6.3.4 steps 4–5. */
    record Statistic(double mean, double sigma) {
    }

    static Statistic statistic(byte[] bits) {
        int blocks = bits.length / BLOCK_BITS;
        int[] lastSeen = new int[ALPHABET];
        for (int i = 0; i < DICTIONARY_BLOCKS; i++) {
            lastSeen[block(bits, i)] = i + 1;
        }
        // Kahan sums: 10^5 terms of similar size, and NIST sums the same way.
        KahanSum sum = new KahanSum();
        KahanSum sumOfSquares = new KahanSum();
        Log2Table log2 = new Log2Table(Math.min(blocks, TABLED_DISTANCES));
        for (int i = DICTIONARY_BLOCKS; i < blocks; i++) {
            int value = block(bits, i);
            int distance = i + 1 - lastSeen[value];
            double logDistance = distance <= TABLED_DISTANCES ? log2.at(distance) : Bits.log2(distance);
            sum.add(logDistance);
            sumOfSquares.add(logDistance * logDistance);
            lastSeen[value] = i + 1;
        }
        long tested = blocks - DICTIONARY_BLOCKS;
        double mean = sum.value() / tested;
        double variance = Math.max(0.0, sumOfSquares.value() / (tested - 1.0) - mean * mean);
        return new Statistic(mean, SIGMA_FACTOR * Math.sqrt(variance));
    }

    /** The estimate from the lower bound X̄′ of the statistic over {@code blocks} blocks in all. */
    static double fromMeanBound(double meanBound, int blocks) {
        double uniform = 1.0 / ALPHABET;
        ExpectedStatistic expected = new ExpectedStatistic(blocks);
        if (!(expected.of(uniform) > meanBound)) {
            return 1.0;
        }
        double p = Bisection.solveDecreasing(expected::of, meanBound, uniform, 1.0);
        if (p <= uniform) {
            return 1.0;
        }
        return Math.max(0.0, Math.min(1.0, -Bits.log2(p) / BLOCK_BITS));
    }

    /** p of the family whose expected statistic is {@code meanBound}; exposed for checks against NIST's output. */
    static double probabilityForMeanBound(double meanBound, int blocks) {
        return Bisection.solveDecreasing(new ExpectedStatistic(blocks)::of, meanBound, 1.0 / ALPHABET, 1.0);
    }

    private static int block(byte[] bits, int index) {
        int start = index * BLOCK_BITS;
        int value = 0;
        for (int j = 0; j < BLOCK_BITS; j++) {
            value = (value << 1) | bits[start + j];
        }
        return value;
    }

    /**
     * E[X̄] for the near-uniform family: G(p) + 63·G(q), q = (1 − p)/63, with
     * G(z) = (1/v) Σ_{t=d+1..L} Σ_{u=1..t} log2(u)·F(z, t, u) (§6.3.4 step 7). The double sum collapses to one pass:
     * with a_u = log2(u)(1 − z)^(u−1) and A_t = Σ_{u<t} a_u,
     * v·G(z) = z·[z·((L − d)·A_{d+1} + Σ_{u=d+1..L−1} (L − u)·a_u) + A_{L+1} − A_{d+1}].
     * log2 of every distance is tabulated as the sums first reach it, because the search evaluates G some fifty
     * times; the sums stop where the rest provably cannot change them ({@link #frozen}).
     */
    private static final class ExpectedStatistic {
        private final int blocks;
        private final Log2Table table;
        private final double log2OfBlocks;

        ExpectedStatistic(int blocks) {
            this.blocks = blocks;
            this.table = new Log2Table(blocks);
            this.log2OfBlocks = Bits.log2(blocks);
            table.fillTo(DICTIONARY_BLOCKS + FREEZE_CHECK_MASK + 1);
        }

        double of(double p) {
            double q = (1.0 - p) / (ALPHABET - 1);
            return g(p) + (ALPHABET - 1) * g(q);
        }

        private double g(double z) {
            int d = DICTIONARY_BLOCKS;
            double[] log2 = table.values();
            double decay = 1.0 - z;
            double power = decay; // (1 − z)^(u−1) for u = 2
            KahanSum head = new KahanSum(); // A_t
            for (int u = 2; u <= d; u++) {
                head.add(log2[u] * power);
                power *= decay;
            }
            double headAtD1 = head.value();
            double lastWeighted = (double) (blocks - d) * headAtD1;
            KahanSum weighted = new KahanSum();
            boolean underflow = false;
            for (int u = d + 1; u <= blocks - 1; u++) {
                if ((u & FREEZE_CHECK_MASK) == 0 && frozen(head, weighted, lastWeighted, power, blocks - u + 1)) {
                    // Nothing left can change either sum's value or the last addition: stop, as the full loop
                    // would have ended with these very values (the head's last term is below its rounding too).
                    underflow = true;
                    break;
                }
                if ((u & FREEZE_CHECK_MASK) == 0) {
                    table.fillTo(u + FREEZE_CHECK_MASK + 1);
                    log2 = table.values(); // the table may have grown
                }
                double a = log2[u] * power;
                head.add(a);
                double term = (double) (blocks - u) * a;
                if (!(term > 0.0)) {
                    // (1 − z)^u has underflowed: every later term is zero too.
                    underflow = true;
                    break;
                }
                if ((u & FREEZE_CHECK_MASK) == 0) {
                    table.fillTo(u + FREEZE_CHECK_MASK + 1);
                    log2 = table.values(); // the table may have grown
                }
                weighted.add(term);
                power *= decay;
            }
            weighted.add(lastWeighted);
            if (!underflow) {
                head.add(log2[blocks] * power);
            }
            return z * (z * weighted.value() + (head.value() - headAtD1)) / (blocks - d);
        }

        /**
         * Whether the remaining terms of both sums, {@code remaining} at most per sum, can no longer change what the
         * loop returns. Powers never grow (each is the last one times a factor below 1, rounded to nearest), so every
         * later head term is at most log2(L)·power and every weighted term at most L·log2(L)·power. While a
         * compensated sum's pending correction plus all that is left stays under half the gap to the sum's
         * neighbours, each addition rounds back to the same sum and only the correction moves; when that bound is
         * also under half the gap around the weighted sum's last addend {@code last}, subtracting the correction
         * from it rounds to {@code last} itself, whichever correction the full loop would have reached. The slack
         * factor covers the rounding of the corrections (at most L steps of relative error 2^−53). This keeps the
         * search fast where (1 − z)^u sticks at the smallest subnormal instead of reaching 0, and the answer exact.
         */
        private boolean frozen(KahanSum head, KahanSum weighted, double last, double power, int remaining) {
            double slack = 1.0 + 0x1p-20;
            double headLeft = slack * (Math.abs(head.compensation()) + remaining * log2OfBlocks * power);
            double weightedLeft = slack * (Math.abs(weighted.compensation())
                    + remaining * (double) blocks * log2OfBlocks * power);
            return headLeft < halfGap(head.value())
                    && weightedLeft < halfGap(weighted.value())
                    && weightedLeft < halfGap(last);
        }

        /** Half the distance from positive normal x to its nearer neighbour: any smaller addend rounds back to x. */
        private static double halfGap(double x) {
            boolean powerOfTwo = (Double.doubleToRawLongBits(x) & 0x000F_FFFF_FFFF_FFFFL) == 0;
            return powerOfTwo ? Math.ulp(x) / 4 : Math.ulp(x) / 2;
        }
    }

    /** Compensated summation. */
    private static final class KahanSum {
        private double sum;
        private double compensation;

        void add(double x) {
            double y = x - compensation;
            double t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }

        double value() {
            return sum;
        }

        double compensation() {
            return compensation;
        }
    }
}
