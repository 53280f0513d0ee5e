package org.spinnoise.noise;

import java.nio.ByteOrder;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API family of {@link NoiseKernels}, bit-identical to the scalar one. The rectangle test runs on as many
 * words as the machine's vectors hold; a group with any sample outside its rectangle is handed to the scalar loop,
 * which stops at that sample as the scalar family would. The eight {@link LxmLanes} fit one 512-bit vector; on
 * narrower machines the lanes run scalar (same words). Loaded only after {@link NoiseKernels#vectorAvailable()}.
 */
final class VectorNoiseKernels implements NoiseKernels {
    private static final VectorSpecies<Long> LONGS = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_PREFERRED;
    private static final VectorShape HALF = VectorShape.forBitSize(LONGS.vectorBitSize() / 2);
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED.withShape(HALF);
    private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_PREFERRED.withShape(HALF);
    private static final int GROUP = LONGS.length();
    private static final VectorSpecies<Long> LXM = LongVector.SPECIES_512;
    private static final boolean LXM_IN_VECTORS = LONGS.length() >= LxmLanes.LANES;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    static boolean usable() {
        return LONGS.length() >= 4;
    }

    @Override
    public String name() {
        return "vector-" + LONGS.vectorBitSize();
    }

    @Override
    public void lxm(LxmLanes lanes, byte[] block) {
        if (!LXM_IN_VECTORS) {
            lanes.fillScalar(block);
            return;
        }
        LongVector s = LongVector.fromArray(LXM, lanes.s, 0);
        LongVector a = LongVector.fromArray(LXM, lanes.a, 0);
        LongVector x0 = LongVector.fromArray(LXM, lanes.x0, 0);
        LongVector x1 = LongVector.fromArray(LXM, lanes.x1, 0);
        for (int at = 0; at < block.length; at += LxmLanes.LANES * Long.BYTES) {
            LongVector z = s.add(x0);
            s = s.mul(LxmLanes.MULTIPLIER).add(a);
            LongVector q1 = x1.lanewise(VectorOperators.XOR, x0);
            x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, q1)
                    .lanewise(VectorOperators.XOR, q1.lanewise(VectorOperators.LSHL, 16));
            x1 = q1.lanewise(VectorOperators.ROL, 37);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(0xdaba0b6eb09322e3L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(0xdaba0b6eb09322e3L);
            z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).intoByteArray(block, at, LE);
        }
        s.intoArray(lanes.s, 0);
        x0.intoArray(lanes.x0, 0);
        x1.intoArray(lanes.x1, 0);
    }

    @Override
    public int fastFloats(byte[] words, int word, float[] out, int at, int n) {
        int[] layers = new int[GROUP];
        int j = 0;
        for (; j + GROUP <= n; j += GROUP) {
            LongVector v = LongVector.fromByteArray(LONGS, words, (word + j) << 3, LE);
            DoubleVector x = candidates(v, layers);
            if (!insideRectangles(x, layers)) {
                break;
            }
            x.convertShape(VectorOperators.D2F, FLOATS, 0).reinterpretAsFloats().intoArray(out, at + j);
        }
        return j + Ziggurat.fastFloats(words, word + j, out, at + j, n - j);
    }

    @Override
    public int fastDoubles(byte[] words, int word, double[] out, int at, int n) {
        int[] layers = new int[GROUP];
        int j = 0;
        for (; j + GROUP <= n; j += GROUP) {
            LongVector v = LongVector.fromByteArray(LONGS, words, (word + j) << 3, LE);
            DoubleVector x = candidates(v, layers);
            if (!insideRectangles(x, layers)) {
                break;
            }
            x.intoArray(out, at + j);
        }
        return j + Ziggurat.fastDoubles(words, word + j, out, at + j, n - j);
    }

    /** Each word's candidate x (sign and magnitude times its layer's width); stores the layers in {@code layers}. */
    private static DoubleVector candidates(LongVector v, int[] layers) {
        v.and(0xffL).convertShape(VectorOperators.L2I, INTS, 0).reinterpretAsInts().intoArray(layers, 0);
        return ((DoubleVector) v.lanewise(VectorOperators.ASHR, 8).convert(VectorOperators.L2D, 0))
                .mul(DoubleVector.fromArray(DOUBLES, Ziggurat.SCALED_X, 0, layers, 0));
    }

    /** Whether every candidate lies inside its layer's rectangle. */
    private static boolean insideRectangles(DoubleVector x, int[] layers) {
        VectorMask<Double> inside = x.abs().compare(VectorOperators.LT,
                DoubleVector.fromArray(DOUBLES, Ziggurat.ACCEPT_X, 0, layers, 0));
        return inside.allTrue();
    }
}
