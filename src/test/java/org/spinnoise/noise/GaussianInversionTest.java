package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GaussianInversionTest {

    /**
     * Reference quantiles computed with mpmath at 60 digits by solving ncdf(x) = p for the exact binary value of each
     * double p (so the reference includes the rounding of p itself). Cases cover all three AS241 regions and their
     * borders (|q| = 0.425, r = 5), down to p = 1e-100, far past the 2^-65 the word grids reach (AS241 drifts
     * near p = 1e-300, which no sample here can ask for).
     */
    @ParameterizedTest(name = "p={0}")
    @CsvSource({
            "0.5000001, 2.506628273311648301162e-7",
            "0.6, 0.2533471031357997413247",
            "0.75, 0.6744897501960817432022",
            "0.8413447460685429, 0.9999999999999999057377",
            "0.9, 1.281551565544600593487",
            "0.925, 1.439531470938456229063",
            "0.975, 1.959963984540053855604",
            "0.999, 3.090232306167813277758",
            "0.999999, 4.753424308817087765688",
            "0.001, -3.090232306167813535358",
            "1e-05, -4.264890793922824610234",
            "1e-10, -6.3613409024040561991",
            "1e-15, -7.94134532617099677133",
            "1e-20, -9.262340089798407579572",
            "1e-50, -14.93333753478848898066",
            "1e-100, -21.27345356096532429418",
            "0.07, -1.475791028179170685609",
            "0.076, -1.432502720825811618829",
            "0.0749, -1.440238267527963663112",
            "0.02425, -1.972961051311884837603",
            "0.3, -0.5244005127080408159695",
            "0.4999999998835847, -2.91809937291662267229e-10"})
    void inverseCdfMatchesHighPrecisionQuantiles(double p, double expected) {
        double z = GaussianInversion.inverseCdf(p);
        assertEquals(expected, z, Math.abs(expected) * 1e-15, () -> "relative error " + (z - expected) / expected);
    }

    @Test
    void extremesOfTheWordGridAreTheDocumentedTruncation() {
        assertEquals(GaussianInversion.MAX_ABS_FLOAT, GaussianInversion.inverseCdf(0x1.0p-33) * -1, 1e-15);
        assertEquals(-(float) GaussianInversion.MAX_ABS_FLOAT, GaussianInversion.floatOf(0));
        assertEquals((float) GaussianInversion.MAX_ABS_FLOAT, GaussianInversion.floatOf(0x8000_0000));
        assertEquals(-GaussianInversion.MAX_ABS_DOUBLE, GaussianInversion.doubleOf(0L), 1e-14);
        assertEquals(GaussianInversion.MAX_ABS_DOUBLE, GaussianInversion.doubleOf(Long.MIN_VALUE), 1e-14);
    }

    @Test
    void wordsMapSymmetricallyAndMonotonically() {
        // Bit 31 mirrors the sample; within a half, a larger cell index means a larger lower-half quantile.
        for (int m : new int[] {0, 1, 12345, 0x3fff_ffff, 0x7fff_fffe, 0x7fff_ffff}) {
            assertEquals(-GaussianInversion.floatOf(m), GaussianInversion.floatOf(m | 0x8000_0000));
        }
        assertTrue(GaussianInversion.floatOf(0x7fff_ffff) < 0 && GaussianInversion.floatOf(0x7fff_ffff) > -1e-9f);
        double previous = Double.NEGATIVE_INFINITY;
        for (long m = 0; m < (1L << 31); m += 9_999_991) {
            double z = GaussianInversion.floatOf((int) m);
            assertTrue(z >= previous, "monotone at " + m);
            previous = z;
        }
    }

    @Test
    void refusesProbabilitiesOutsideTheOpenInterval() {
        assertThrows(IllegalArgumentException.class, () -> GaussianInversion.inverseCdf(0.0));
        assertThrows(IllegalArgumentException.class, () -> GaussianInversion.inverseCdf(1.0));
        assertThrows(IllegalArgumentException.class, () -> GaussianInversion.inverseCdf(Double.NaN));
    }
}
