package org.spinnoise.noise;

import java.nio.ByteOrder;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The eight {@link LxmLanes} in one 512-bit vector: each step computes the eight lanes' next words at once, the same
 * words as the scalar loop. Loaded only after {@link LxmLanes#vectorAvailable()} says this JVM has the incubating
 * Vector API and 512-bit vectors. (A vector ziggurat rectangle test was tried too: on Java 17 its two table gathers
 * per group cost more than the scalar test, so the normals are made by the scalar loop.)
 */
final class VectorLxm {
    private static final VectorSpecies<Long> LANES = LongVector.SPECIES_512;
    private static final long LEA_MULTIPLIER = 0xdaba0b6eb09322e3L;

    private VectorLxm() {
    }

    /**
     * True when the machine's preferred vectors hold all eight lanes, so the API compiles to real instructions, and
     * the incubating API still has the byte-array store used here (Java 17 to 19; later releases replaced it with
     * memory segments, and this falls back to the scalar lanes there instead of failing mid-request).
     */
    static boolean usable() {
        if (LongVector.SPECIES_PREFERRED.length() < LxmLanes.LANES) {
            return false;
        }
        try {
            LongVector.zero(LANES).intoByteArray(new byte[LANES.vectorByteSize()], 0, ByteOrder.LITTLE_ENDIAN);
            return true;
        } catch (LinkageError missingInThisRelease) {
            return false;
        }
    }

    static void fill(LxmLanes lanes, byte[] block) {
        LongVector s = LongVector.fromArray(LANES, lanes.s, 0);
        LongVector a = LongVector.fromArray(LANES, lanes.a, 0);
        LongVector x0 = LongVector.fromArray(LANES, lanes.x0, 0);
        LongVector x1 = LongVector.fromArray(LANES, lanes.x1, 0);
        for (int at = 0; at < block.length; at += LxmLanes.LANES * Long.BYTES) {
            LongVector z = s.add(x0);
            s = s.mul(LxmLanes.MULTIPLIER).add(a);
            LongVector q1 = x1.lanewise(VectorOperators.XOR, x0);
            x0 = x0.lanewise(VectorOperators.ROL, 24).lanewise(VectorOperators.XOR, q1)
                    .lanewise(VectorOperators.XOR, q1.lanewise(VectorOperators.LSHL, 16));
            x1 = q1.lanewise(VectorOperators.ROL, 37);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(LEA_MULTIPLIER);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32)).mul(LEA_MULTIPLIER);
            z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 32))
                    .intoByteArray(block, at, ByteOrder.LITTLE_ENDIAN);
        }
        s.intoArray(lanes.s, 0);
        x0.intoArray(lanes.x0, 0);
        x1.intoArray(lanes.x1, 0);
    }
}
