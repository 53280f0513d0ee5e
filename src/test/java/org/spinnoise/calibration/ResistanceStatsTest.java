package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResistanceStatsTest {

    @Test
    void oddAndEvenMedians() {
        assertEquals(2, ResistanceStats.of(new double[] {3, 1, 2}).medianOhms());
        assertEquals(2.5, ResistanceStats.of(new double[] {4, 1, 3, 2}).medianOhms());
    }

    @Test
    void madIsScaledToAGaussianSigma() {
        // Deviations from the median 10 are 0,1,1,2,2: MAD 1, sigma 1.4826.
        ResistanceStats s = ResistanceStats.of(new double[] {8, 9, 10, 11, 12});
        assertEquals(1.4826, s.sigmaOhms(), 1e-12);
        assertEquals(8, s.minOhms());
        assertEquals(12, s.maxOhms());
        assertEquals(5, s.reads());
    }

    @Test
    void tenPercentReadsOfTheOtherStateBarelyMoveTheEstimates() {
        Random random = new Random(7);
        double[] reads = new double[2000];
        for (int i = 0; i < reads.length; i++) {
            // One read in ten is a failed switch sitting in the antiparallel state, 100 sigma away.
            reads[i] = i % 10 == 0 ? 3000 + 20 * random.nextGaussian() : 1000 + 10 * random.nextGaussian();
        }
        ResistanceStats s = ResistanceStats.of(reads);
        // A mean would land near 1200 and a standard deviation near 600; the robust pair stays with the main state.
        assertEquals(1000, s.medianOhms(), 2.0);
        assertEquals(10, s.sigmaOhms(), 2.0);
        assertEquals(reads.length, s.reads());
    }

    @Test
    void inputIsNotReordered() {
        double[] reads = {3, 1, 2};
        ResistanceStats.of(reads);
        assertEquals(3, reads[0]);
    }

    @Test
    void emptyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ResistanceStats.of(new double[0]));
    }
}
