package org.spinnoise.bits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.testing.ToggleDemoBench;

/** Toggle bits through the real drivers on the simulated toggle bench over loopback TCP. */
class ToggleBenchSourceTest {
    private static final Threshold THRESHOLD = Threshold.between(2000, 20, 4200, 42);

    @Test
    void onesFractionIsTheJunctionsToggleProbabilityAndNoResetPulseIsFired() throws Exception {
        try (ToggleDemoBench demo = ToggleDemoBench.start(21); Bench bench = demo.connect()) {
            PulseShape write = new PulseShape(0.66, 4e-9);
            MtjJunction junction = demo.sim.junction(0);
            // The read bias stays on and adds to the pulse at the junction.
            double p = junction.toggleProbability(write.amplitudeVolts() + ToggleDemoBench.READ.biasVolts(),
                    write.widthSeconds());
            assertTrue(p > 0.2 && p < 0.8, "a point on the slope: " + p);
            int bits = 2000;
            long ones = 0;
            long made = 0;
            long pulsesBefore = junction.pulsesApplied();
            try (ToggleBenchSource source = ToggleBenchSource.start(bench, write, THRESHOLD, 0, bits, () -> false)) {
                for (BitBatch batch = source.nextBatch(bits); batch.bitCount() > 0; batch = source.nextBatch(bits)) {
                    assertEquals(made, batch.firstIndex());
                    ones += batch.ones();
                    made += batch.bitCount();
                    assertTrue(batch.bitCount() <= PerBitBenchSource.CONFIRM_EVERY_BITS);
                }
                assertEquals(bits, made);
                assertEquals(bits, source.pulsesFired(), "one pulse per bit, no ambiguous reads at 50 sigma");
            }
            assertEquals(p, (double) ones / bits, 5 * Math.sqrt(p * (1 - p) / bits));
            assertEquals(bits, junction.pulsesApplied() - pulsesBefore);
            assertEquals(0, demo.sim.pulsesDelivered("pulse", 2), "no reset pulse");
            assertFalse(demo.sim.outputOn("pulse", 2), "reset channel off");
        }
    }

    @Test
    void readsInTheGuardBandMakeTheirBitAndTheNextUndecidable() throws Exception {
        try (ToggleDemoBench demo = ToggleDemoBench.start(22); Bench bench = demo.connect()) {
            // A guard band over the antiparallel level's lower half: about half of the AP reads are ambiguous.
            Threshold guarded = THRESHOLD.withGuardBand(THRESHOLD.ohms(), 4200);
            long bits = 0;
            long ambiguous = 0;
            try (ToggleBenchSource source = ToggleBenchSource.start(bench, new PulseShape(1.0, 5.5e-9), guarded,
                    0, 400, () -> false)) {
                for (BitBatch batch = source.nextBatch(400); batch.bitCount() > 0; batch = source.nextBatch(400)) {
                    bits += batch.bitCount();
                    for (SourceEvent e : batch.events()) {
                        assertEquals("ambiguous", e.kind());
                        assertTrue(e.bits() > 0);
                        ambiguous += e.bits();
                    }
                }
                assertEquals(400, bits);
                assertTrue(ambiguous > 40, "ambiguous " + ambiguous);
                assertEquals(source.pulsesFired(), bits + ambiguous, "every pulse is a bit or counted ambiguous");
                assertEquals(ambiguous, source.ambiguousBits());
            }
        }
    }
}
