package org.spinnoise.diffusion.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Pointwise} on the Vector API: the exponential of SiLU runs lane-wise (the JDK maps it to its vector math
 * library on x86), sums keep per-lane float partial sums over at most one group's elements and add the lanes in
 * double at the end. Tails shorter than a vector take the scalar code. Loaded only through {@link Kernels}.
 */
final class VectorPointwise implements Pointwise {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    private static final ScalarPointwise TAIL = new ScalarPointwise();

    @Override
    public void silu(float[] x, float[] y, int n) {
        int end = n - n % LANES;
        for (int i = 0; i < end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector e = v.neg().lanewise(VectorOperators.EXP);
            v.div(e.add(1f)).intoArray(y, i);
        }
        for (int i = end; i < n; i++) {
            float v = x[i];
            y[i] = v / (1f + (float) Math.exp(-v));
        }
    }

    @Override
    public void siluBackward(float[] x, float[] dy, float[] dx, int n) {
        int end = n - n % LANES;
        for (int i = 0; i < end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i);
            FloatVector s = FloatVector.broadcast(SPECIES, 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            FloatVector slope = s.mul(v.mul(s.neg().add(1f)).add(1f));
            FloatVector.fromArray(SPECIES, dy, i).mul(slope).intoArray(dx, i);
        }
        for (int i = end; i < n; i++) {
            float v = x[i];
            float s = 1f / (1f + (float) Math.exp(-v));
            dx[i] = dy[i] * s * (1f + v * (1f - s));
        }
    }

    @Override
    public double sum(float[] x, int from, int to) {
        // Two partial sums a vector apart: one chain of additions would wait on the adder's latency every step.
        int end = from + (to - from) / LANES * LANES;
        int pairsEnd = from + (to - from) / (2 * LANES) * (2 * LANES);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        for (int i = from; i < pairsEnd; i += 2 * LANES) {
            acc0 = acc0.add(FloatVector.fromArray(SPECIES, x, i));
            acc1 = acc1.add(FloatVector.fromArray(SPECIES, x, i + LANES));
        }
        if (pairsEnd < end) {
            acc0 = acc0.add(FloatVector.fromArray(SPECIES, x, pairsEnd));
        }
        return lanesInDouble(acc0) + lanesInDouble(acc1) + TAIL.sum(x, end, to);
    }

    @Override
    public double sumSquaredDeviations(float[] x, int from, int to, float mean) {
        int end = from + (to - from) / LANES * LANES;
        int pairsEnd = from + (to - from) / (2 * LANES) * (2 * LANES);
        FloatVector acc0 = FloatVector.zero(SPECIES);
        FloatVector acc1 = FloatVector.zero(SPECIES);
        for (int i = from; i < pairsEnd; i += 2 * LANES) {
            FloatVector d0 = FloatVector.fromArray(SPECIES, x, i).sub(mean);
            FloatVector d1 = FloatVector.fromArray(SPECIES, x, i + LANES).sub(mean);
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        if (pairsEnd < end) {
            FloatVector d = FloatVector.fromArray(SPECIES, x, pairsEnd).sub(mean);
            acc0 = d.fma(d, acc0);
        }
        return lanesInDouble(acc0) + lanesInDouble(acc1) + TAIL.sumSquaredDeviations(x, end, to, mean);
    }

    @Override
    public double dotCentered(float[] a, float[] x, int from, int to, float mean) {
        int end = from + (to - from) / LANES * LANES;
        FloatVector acc = FloatVector.zero(SPECIES);
        for (int i = from; i < end; i += LANES) {
            FloatVector centred = FloatVector.fromArray(SPECIES, x, i).sub(mean);
            acc = FloatVector.fromArray(SPECIES, a, i).fma(centred, acc);
        }
        return lanesInDouble(acc) + TAIL.dotCentered(a, x, end, to, mean);
    }

    @Override
    public void combine(float[] a, float[] b, float[] out, int from, int to, float ca, float cb, float c) {
        int end = from + (to - from) / LANES * LANES;
        for (int i = from; i < end; i += LANES) {
            FloatVector inner = FloatVector.fromArray(SPECIES, b, i).fma(cb, c);
            FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.broadcast(SPECIES, ca), inner).intoArray(out, i);
        }
        TAIL.combine(a, b, out, end, to, ca, cb, c);
    }

    @Override
    public void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift) {
        int end = from + (to - from) / LANES * LANES;
        for (int i = from; i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, x, i).fma(scale, shift).intoArray(y, i);
        }
        TAIL.scaleShift(x, y, end, to, scale, shift);
    }

    @Override
    public void scaleShiftSilu(float[] x, float[] y, int from, int to, float scale, float shift) {
        int end = from + (to - from) / LANES * LANES;
        for (int i = from; i < end; i += LANES) {
            FloatVector v = FloatVector.fromArray(SPECIES, x, i).fma(scale, shift);
            v.div(v.neg().lanewise(VectorOperators.EXP).add(1f)).intoArray(y, i);
        }
        TAIL.scaleShiftSilu(x, y, end, to, scale, shift);
    }

    @Override
    public void maskedCopy(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target,
                           int targetOffset, int from, int to) {
        int end = from + (to - from) / LANES * LANES;
        for (int i = from; i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, source, sourceOffset + i).mul(FloatVector.fromArray(SPECIES, mask, maskOffset + i))
                    .intoArray(target, targetOffset + i);
        }
        TAIL.maskedCopy(source, sourceOffset, mask, maskOffset, target, targetOffset, end, to);
    }

    @Override
    public void maskedAdd(float[] source, int sourceOffset, float[] mask, int maskOffset, float[] target,
                          int targetOffset, int from, int to) {
        int end = from + (to - from) / LANES * LANES;
        for (int i = from; i < end; i += LANES) {
            FloatVector.fromArray(SPECIES, source, sourceOffset + i).fma(FloatVector.fromArray(SPECIES, mask, maskOffset + i),
                    FloatVector.fromArray(SPECIES, target, targetOffset + i)).intoArray(target, targetOffset + i);
        }
        TAIL.maskedAdd(source, sourceOffset, mask, maskOffset, target, targetOffset, end, to);
    }

    private static double lanesInDouble(FloatVector v) {
        // Through an array: lane(i) with a variable index is not compiled to a vector instruction and boxes v.
        float[] lanes = v.toArray();
        double sum = 0;
        for (float lane : lanes) {
            sum += lane;
        }
        return sum;
    }
}
