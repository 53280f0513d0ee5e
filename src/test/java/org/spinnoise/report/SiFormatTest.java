package org.spinnoise.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tick positions and labels read the way a lab writes quantities. */
class SiFormatTest {
    @Test
    void valuesTakeThePrefixThatKeepsTheNumberBetweenATenthAndAHundred() {
        assertEquals("0.620 V", SiFormat.value(0.62, "V"));
        assertEquals("10.0 ns", SiFormat.value(1e-8, "s"));
        assertEquals("2.00 kohm", SiFormat.value(2000, "ohm"));
        assertEquals("50.0 mV", SiFormat.value(0.05, "V"));
        assertEquals("0.6231 V", SiFormat.precise(0.62312, "V"));
        assertEquals("1.324 kohm", SiFormat.precise(1324, "ohm"));
        // dimensionless values and minutes take no prefix: "4 m" would read as metres or milli-something
        assertEquals("0.00400", SiFormat.value(0.004, ""));
        assertEquals("25.0 min", SiFormat.value(25, "min"));
    }

    @Test
    void linearTicksAreNiceStepsLabelledWithOnePrefix() {
        Axis amplitude = new Axis("write amplitude", "V", 0.553, 0.687, false);
        List<Double> ticks = amplitude.ticks(7);
        assertEquals(List.of("0.56 V", "0.58 V", "0.60 V", "0.62 V", "0.64 V", "0.66 V", "0.68 V"),
                List.of(amplitude.labels(ticks)));
        Axis ohms = new Axis("read resistance", "ohm", 900, 2600, false);
        assertEquals(List.of("1.0 kohm", "1.5 kohm", "2.0 kohm", "2.5 kohm"), List.of(ohms.labels(ohms.ticks(4))));
        assertEquals(0.02, Ticks.niceStep(0.13, 6), 1e-15);
        assertEquals(List.of(-0.5, 0.0, 0.5, 1.0), Ticks.linear(-0.6, 1.1, 3));
    }

    @Test
    void logTicksAreDecadesEachWithItsOwnPrefix() {
        Axis width = new Axis("write pulse width", "s", 0.8e-9, 1.2e-7, true);
        List<Double> ticks = width.ticks(7);
        assertEquals(List.of("1 ns", "10 ns", "0.1 µs"), List.of(width.labels(ticks)));
        Axis narrow = new Axis("write pulse width", "s", 0.9e-9, 1.1e-8, true);
        assertEquals(List.of("1 ns", "2 ns", "5 ns", "10 ns"), List.of(narrow.labels(narrow.ticks(7))));
        assertEquals(0.5, width.fraction(Math.sqrt(0.8e-9 * 1.2e-7)), 1e-12);
    }

    @Test
    void wilsonIntervalStaysInsideZeroToOneAndKeepsAWidthAtTheEnds() {
        double[] none = Binomial.wilson95(0, 200);
        assertEquals(0.0, none[0], 0.0);
        assertEquals(0.01884, none[1], 1e-4);
        double[] half = Binomial.wilson95(100, 200);
        assertEquals(0.4314, half[0], 1e-4);
        assertEquals(0.5686, half[1], 1e-4);
    }
}
