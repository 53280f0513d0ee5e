package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The width map on a junction whose V50 falls 50 mV per decade of pulse width, as the demo junction's does. */
class WidthMapTest {
    private static final List<Double> WIDTHS = List.of(1e-8, 2e-8, 5e-8, 1e-7);
    private static final SweepPlan PLAN = SweepPlan.adaptive(0.40, 0.70, 16, 30, 2e-8, 2_000);

    @Test
    void recoversTheShiftPerDecadeWithinItsInterval(@TempDir Path dir) throws Exception {
        int seeds = 40;
        int covered = 0;
        WidthMap.Result last = null;
        for (int seed = 0; seed < seeds; seed++) {
            CurveSource junction = CurveSource.logistic(seed, 0.52, 0.015, 1e-8, 0.05);
            last = WidthMap.run(junction, PLAN, WIDTHS, seed, b -> { }, () -> false);
            covered += last.line().slopeCiLow() <= -0.05 && -0.05 <= last.line().slopeCiHigh() ? 1 : 0;
            assertEquals(junction.pulses, last.pulses());
        }
        // 95 % intervals over 40 seeds: at least 33 expected to cover (binomial tail below 1 %).
        assertTrue(covered >= 33, covered + " of " + seeds);
        assertEquals(0.52, last.line().v50At(1e-8), 0.003);

        WidthMap.writeGrid(dir.resolve("width-map.csv"), last);
        WidthMap.writeFit(dir.resolve("width-map-fit.csv"), last);
        List<String> grid = Files.readAllLines(dir.resolve("width-map.csv"), StandardCharsets.US_ASCII);
        List<String> fit = Files.readAllLines(dir.resolve("width-map-fit.csv"), StandardCharsets.US_ASCII);
        assertEquals("write_width_seconds,write_amplitude_volts,pulses,switched", grid.get(0));
        assertEquals("write_width_seconds,v50_volts,v50_ci_low_volts,v50_ci_high_volts,delta_volts", fit.get(0));
        assertEquals(1 + WIDTHS.size(), fit.size());
        long pulses = grid.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[2])).sum();
        assertEquals(last.pulses(), pulses);
        String[] row = fit.get(2).split(",");
        assertEquals(2e-8, Double.parseDouble(row[0]));
        double v50 = Double.parseDouble(row[1]);
        assertTrue(Double.parseDouble(row[2]) < v50 && v50 < Double.parseDouble(row[3]));
    }
}
