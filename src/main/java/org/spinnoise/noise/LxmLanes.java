package org.spinnoise.noise;

import java.util.Locale;

/**
 * Eight L64X128MixRandom generators run side by side, the word source of {@code prng} mode. Each lane is the JDK's
 * algorithm exactly (a 64-bit LCG plus xoroshiro128, combined by Lea's mixer, seeded the way the JDK's
 * {@code L64X128MixRandom(long)} constructor seeds), lane k seeded with {@code seed + k·0x9e3779b97f4a7c15}, so each
 * lane has its own LCG addend and therefore its own stream. A block holds the lanes' words interleaved (word
 * {@code 8s + k} is lane k's step s), little-endian. Eight independent lanes let the Vector API compute eight words
 * per instruction sequence ({@link VectorLxm}), about five times faster than one generator; the order is eight lanes
 * whatever the machine, so a seed gives the same words everywhere. The system property
 * {@code spinnoise.noise.kernels} ({@code auto}, {@code scalar}, {@code vector}) overrides the choice.
 */
final class LxmLanes {
    static final int LANES = 8;
    static final long MULTIPLIER = 0xd1342543de82ef95L;
    static final String PROPERTY = "spinnoise.noise.kernels";
    private static final long GOLDEN_RATIO_64 = 0x9e3779b97f4a7c15L;
    private static final long SILVER_RATIO_64 = 0x6a09e667f3bcc909L;
    private static final boolean VECTOR_BY_DEFAULT = chooseVector();

    /** Per lane: LCG state, LCG addend (odd), xoroshiro128 state. */
    final long[] s = new long[LANES];
    final long[] a = new long[LANES];
    final long[] x0 = new long[LANES];
    final long[] x1 = new long[LANES];
    private final boolean vector;

    /** Lanes on the kernels this JVM runs best (or as the property says). */
    LxmLanes(long seed) {
        this(seed, VECTOR_BY_DEFAULT);
    }

    /**
     * @param vector compute with {@link VectorLxm} (needs {@link #vectorAvailable()}); same words either way
     */
    LxmLanes(long seed, boolean vector) {
        if (vector && !vectorAvailable()) {
            throw new IllegalStateException("the Vector API noise kernels need the JVM option --add-modules "
                    + "jdk.incubator.vector and 512-bit vectors (bin/spinnoise passes the option)");
        }
        this.vector = vector;
        for (int k = 0; k < LANES; k++) {
            long mixed = laneSeed(seed, k) ^ SILVER_RATIO_64;
            a[k] = mixMurmur64(mixed) | 1;
            s[k] = 1;
            x0[k] = mixStafford13(mixed);
            x1[k] = mixStafford13(mixed + GOLDEN_RATIO_64);
        }
    }

    /** The seed the JDK's {@code L64X128MixRandom(long)} must be given to produce lane {@code k}'s words. */
    static long laneSeed(long seed, int k) {
        return seed + k * GOLDEN_RATIO_64;
    }

    /** True when this JVM has the Vector API module and 512-bit vectors. */
    static boolean vectorAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && VectorLxm.usable();
    }

    /** "vector-512" or "scalar". */
    String kernelName() {
        return vector ? "vector-512" : "scalar";
    }

    /** Fills {@code block} (a multiple of 64 bytes) with the lanes' next words, one lane step per 64 bytes. */
    void fill(byte[] block) {
        if (vector) {
            VectorLxm.fill(this, block);
        } else {
            fillScalar(block);
        }
    }

    /** The scalar reference: one lane at a time, its state in locals, its words at a stride of eight. */
    void fillScalar(byte[] block) {
        int steps = block.length / (LANES * Long.BYTES);
        for (int k = 0; k < LANES; k++) {
            long ls = s[k];
            long la = a[k];
            long q0 = x0[k];
            long q1 = x1[k];
            for (int step = 0; step < steps; step++) {
                long z = ls + q0;
                ls = MULTIPLIER * ls + la;
                q1 ^= q0;
                q0 = Long.rotateLeft(q0, 24) ^ q1 ^ (q1 << 16);
                q1 = Long.rotateLeft(q1, 37);
                Ziggurat.putWord(block, step * LANES + k, mixLea64(z));
            }
            s[k] = ls;
            x0[k] = q0;
            x1[k] = q1;
        }
    }

    private static long mixLea64(long z) {
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

    private static boolean chooseVector() {
        String choice = System.getProperty(PROPERTY, "auto").trim().toLowerCase(Locale.ROOT);
        return switch (choice) {
            case "scalar" -> false;
            case "vector" -> true;
            case "auto" -> vectorAvailable();
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice
                    + " is not a kernel family; use auto, scalar or vector");
        };
    }
}
