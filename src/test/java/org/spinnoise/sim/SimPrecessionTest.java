package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The precessional toggle law of a simulated junction: formula, period, both directions, reset law kept. */
class SimPrecessionTest {
    private static final PrecessionSpec PRECESSION = new PrecessionSpec(0.003, 2.8e10, 25e-9, 0.75, 0.03);
    private static final JunctionSpec SPEC = new JunctionSpec(1.2, 0.015, 1e-8, 0.05, 0.6, 2000, 4200, 0.01, 0, 1.6,
            20, PRECESSION);
    private static final double PERIOD_SECONDS = 1 / (2.8e10 * 0.003);

    private static double formula(double volts, double widthSeconds) {
        double s = 1 / (1 + Math.exp(-(volts - 0.75) / 0.03));
        return s * (1 - Math.exp(-widthSeconds / 25e-9) * Math.cos(2 * Math.PI * widthSeconds / PERIOD_SECONDS)) / 2;
    }

    @Test
    void probabilityAtKnownWidthsIsTheDampedCosineTimesTheAmplitudeSigmoid() {
        MtjJunction junction = new MtjJunction(SPEC, 1L);
        assertEquals(PERIOD_SECONDS, PRECESSION.periodSeconds(), 1e-18);
        for (double w : new double[] {PERIOD_SECONDS / 4, PERIOD_SECONDS / 2, PERIOD_SECONDS, 3e-9, 2e-8}) {
            for (double v : new double[] {0.7, 0.75, 0.8, 1.0}) {
                assertEquals(formula(v, w), junction.toggleProbability(v, w), 1e-12, v + " V, " + w + " s");
            }
        }
        // Half a turn with the amplitude saturated: nearly certain, short of 1 only by the dephasing.
        double halfTurn = (1 + Math.exp(-PERIOD_SECONDS / 2 / 25e-9)) / 2;
        assertEquals(halfTurn, junction.toggleProbability(1.4, PERIOD_SECONDS / 2), 1e-6);
        // A whole turn ends where it began: rarely toggled. Far below the critical voltage nothing toggles.
        assertTrue(junction.toggleProbability(1.4, PERIOD_SECONDS) < 0.2);
        assertTrue(junction.toggleProbability(0.4, PERIOD_SECONDS / 2) < 1e-4);
        assertEquals(junction.toggleProbability(1.0, 5e-9), junction.switchingProbability(1.0, 5e-9), 0);
    }

    @Test
    void theFirstFlatTopAndItsHalfAmplitudeAreWhereTheLawSaysSo() {
        MtjJunction junction = new MtjJunction(SPEC, 5L);
        double w = PRECESSION.firstFlatTopSeconds();
        double h = 1e-3 * w;
        double v = PRECESSION.halfVoltsAtFirstFlatTop();
        assertEquals(0.5, junction.toggleProbability(v, w), 1e-12);
        assertTrue(junction.toggleProbability(v, w) > junction.toggleProbability(v, w - h));
        assertTrue(junction.toggleProbability(v, w) > junction.toggleProbability(v, w + h));
        double slope = (junction.toggleProbability(v + 1e-6, w) - junction.toggleProbability(v - 1e-6, w)) / 2e-6;
        assertEquals(1 / (4 * slope), PRECESSION.equivalentDeltaVoltsAtFirstFlatTop(), 1e-6);
    }

    @Test
    void theOscillationsPeriodIsSetByTheBiasField() {
        for (double tesla : new double[] {0.002, 0.003, 0.03}) {
            JunctionSpec spec = SPEC.withPrecession(new PrecessionSpec(tesla, 0, 1e-6, 0.75, 0.03));
            MtjJunction junction = new MtjJunction(spec, 2L);
            double expected = 1 / (PrecessionSpec.FREE_ELECTRON_HZ_PER_TESLA * tesla);
            double step = expected / 2000;
            double firstPeak = Double.NaN;
            double secondPeak = Double.NaN;
            double before = junction.toggleProbability(1.4, step);
            double here = junction.toggleProbability(1.4, 2 * step);
            for (int i = 3; i < 6000 && Double.isNaN(secondPeak); i++) {
                double after = junction.toggleProbability(1.4, i * step);
                if (here > before && here >= after) {
                    if (Double.isNaN(firstPeak)) {
                        firstPeak = (i - 1) * step;
                    } else {
                        secondPeak = (i - 1) * step;
                    }
                }
                before = here;
                here = after;
            }
            assertEquals(expected, secondPeak - firstPeak, 2 * step, tesla + " T");
            assertEquals(expected / 2, firstPeak, 2 * step, tesla + " T");
        }
    }

    @Test
    void positivePulsesToggleBothDirectionsAlikeAndNegativePulsesKeepTheResetLaw() {
        MtjJunction junction = new MtjJunction(SPEC, 3L);
        double w = 4e-9;
        double p = junction.toggleProbability(0.8, w);
        int trials = 6000;
        int fromP = 0;
        int fromAp = 0;
        int startsP = 0;
        for (int i = 0; i < trials; i++) {
            boolean wasAp = junction.isAntiparallel();
            boolean toggled = junction.applyPulse(0.8, w);
            assertEquals(wasAp != toggled, junction.isAntiparallel());
            if (wasAp) {
                fromAp += toggled ? 1 : 0;
            } else {
                startsP++;
                fromP += toggled ? 1 : 0;
            }
        }
        int startsAp = trials - startsP;
        assertEquals(p, (double) fromP / startsP, 5 * Math.sqrt(p * (1 - p) / startsP));
        assertEquals(p, (double) fromAp / startsAp, 5 * Math.sqrt(p * (1 - p) / startsAp));

        while (!junction.isAntiparallel()) {
            junction.applyPulse(1.4, PERIOD_SECONDS / 2);
        }
        assertTrue(junction.applyPulse(-1.2, 2e-8), "a strong negative pulse resets AP to P");
        assertFalse(junction.applyPulse(-1.2, 2e-8), "a negative pulse leaves P alone");
    }

    @Test
    void theReadBiasHeldBetweenPulsesDoesNotToggle() {
        AtomicLong nanos = new AtomicLong();
        MtjJunction junction = new MtjJunction(SPEC, 4L, nanos::get);
        junction.hold(0.1);
        nanos.addAndGet(3_600_000_000_000L);
        assertFalse(junction.isAntiparallel(), "an hour at the 0.1 V read bias");
    }

    @Test
    void benchFilesReadPrecessionAndRefuseNonsense(@TempDir Path dir) throws Exception {
        BenchFile toggle = BenchFile.read(Path.of("mock-instruments/benches/demo-toggle.json"));
        assertNotNull(toggle.junctions().get(0).precession());
        assertEquals(PrecessionSpec.FREE_ELECTRON_HZ_PER_TESLA,
                toggle.junctions().get(0).precession().gyromagneticHzPerTesla(), 0);
        assertNull(BenchFile.read(Path.of("mock-instruments/benches/demo.json")).junctions().get(0).precession());

        String text = Files.readString(Path.of("mock-instruments/benches/demo-toggle.json"))
                .replace("\"biasFieldTesla\": 0.003", "\"biasFieldTesla\": 0");
        Path models = Files.createDirectories(dir.resolve("models"));
        for (String model : new String[] {"keysight-81160a.json", "keysight-8116x.commands.json",
                "keithley-2450.json", "keithley-24xx.commands.json"}) {
            Files.copy(Path.of("mock-instruments/models", model), models.resolve(model));
        }
        Path bad = Files.createDirectories(dir.resolve("benches")).resolve("bad.json");
        Files.writeString(bad, text);
        Exception e = assertThrows(RuntimeException.class, () -> BenchFile.read(bad));
        assertTrue(e.getMessage().contains("precession.biasFieldTesla"), e.getMessage());
    }
}
