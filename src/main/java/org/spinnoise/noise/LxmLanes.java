package org.spinnoise.noise;

/**
 * Eight L64X128MixRandom generators run side by side, the word source of {@code prng} mode. Each lane is the JDK's
 * algorithm exactly (a 64-bit LCG plus xoroshiro128, combined by Lea's mixer, seeded the way the JDK's
 * {@code L64X128MixRandom(long)} constructor seeds), lane k seeded with {@code seed + k·φ·2^64}, so each lane has its
 * own LCG addend and therefore its own stream. A block holds the lanes' words interleaved (word {@code 8s + k} is
 * lane k's step s), little-endian. Eight independent lanes let the Vector API compute eight words per instruction
 * sequence ({@link NoiseKernels}); the order is fixed at eight whatever the machine's vector width, so a seed gives
 * the same words everywhere.
 */
final class LxmLanes {
    static final int LANES = 8;
    static final long MULTIPLIER = 0xd1342543de82ef95L;
    static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;
    static final long SILVER_RATIO_64 = 0x6a09e667f3bcc909L;

    /** Per lane: LCG state, LCG addend (odd), xoroshiro128 state. */
    final long[] s = new long[LANES];
    final long[] a = new long[LANES];
    final long[] x0 = new long[LANES];
    final long[] x1 = new long[LANES];

    LxmLanes(long seed) {
        for (int k = 0; k < LANES; k++) {
            long laneSeed = (seed + k * GOLDEN_RATIO_64) ^ SILVER_RATIO_64;
            a[k] = mixMurmur64(laneSeed) | 1;
            s[k] = 1;
            x0[k] = mixStafford13(laneSeed);
            x1[k] = mixStafford13(laneSeed + GOLDEN_RATIO_64);
            if ((x0[k] | x1[k]) == 0) {
                // Unreachable for a 64-bit mixer in practice, but the all-zero xoroshiro state must never occur.
                x0[k] = GOLDEN_RATIO_64;
                x1[k] = SILVER_RATIO_64;
            }
        }
    }

    /** The seed the JDK's {@code L64X128MixRandom(long)} must be given to produce lane {@code k}'s words. */
    static long laneSeed(long seed, int k) {
        return seed + k * GOLDEN_RATIO_64;
    }

    /** Fills {@code block} (a multiple of 64 bytes) with the next words of all lanes, one lane step per 64 bytes. */
    void fillScalar(byte[] block) {
        for (int at = 0; at < block.length; at += LANES * Long.BYTES) {
            for (int k = 0; k < LANES; k++) {
                long z = s[k] + x0[k];
                s[k] = MULTIPLIER * s[k] + a[k];
                long q0 = x0[k];
                long q1 = x1[k] ^ q0;
                x0[k] = Long.rotateLeft(q0, 24) ^ q1 ^ (q1 << 16);
                x1[k] = Long.rotateLeft(q1, 37);
                Ziggurat.putWord(block, (at >>> 3) + k, mixLea64(z));
            }
        }
    }

    static long mixLea64(long z) {
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        z = (z ^ (z >>> 32)) * 0xdaba0b6eb09322e3L;
        return z ^ (z >>> 32);
    }

    private static long mixMurmur64(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static long mixStafford13(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
