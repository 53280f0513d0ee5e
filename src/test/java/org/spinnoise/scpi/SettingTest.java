package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void numberRangeIsInclusiveAndNamesTheBoundsAndUnit() {
        Setting<Double> width = Setting.seconds("PULS:WIDT", 16e-9, 1e6);
        assertNull(width.problemWith(16e-9));
        assertNull(width.problemWith(1e6));
        String problem = width.problemWith(15e-9);
        assertTrue(problem.contains("outside") && problem.contains("1.6E-8") && problem.endsWith(" s"), problem);
        assertTrue(width.problemWith(1.0000001e6) != null);
    }

    @Test
    void nonFiniteNumbersAreRefused() {
        Setting<Double> v = Setting.volts("VOLT", -5, 5);
        assertEquals("is not a finite number", v.problemWith(Double.NaN));
        assertEquals("is not a finite number", v.problemWith(Double.POSITIVE_INFINITY));
    }

    @Test
    void limitedByAddsAConstraintWithoutChangingTheOriginal() {
        Setting<Double> volts = Setting.volts("VOLT:HIGH", -5, 5);
        Setting<Double> safe = volts.limitedBy(v -> Math.abs(v) > 0.8 ? "exceeds 0.8 V" : null);
        assertNull(volts.problemWith(1.0));
        assertEquals("exceeds 0.8 V", safe.problemWith(1.0));
        assertEquals("exceeds 0.8 V", safe.problemWith(-1.0));
        assertNull(safe.problemWith(0.8));
        // The original range still applies first.
        assertTrue(safe.problemWith(6.0).contains("outside"));
    }

    @Test
    void channelFillsTheHeaderAndKeepsConstraintsAndReadBack() {
        Setting<Double> template = Setting.volts("SOUR{ch}:VOLT:HIGH", -5, 5).readBack()
                .limitedBy(v -> v > 1 ? "too high" : null);
        Setting<Double> ch2 = template.channel(2);
        assertEquals("SOUR2:VOLT:HIGH", ch2.header());
        assertEquals("SOUR{ch}:VOLT:HIGH", template.header());
        assertEquals("too high", ch2.problemWith(1.5));
        assertTrue(ch2.isReadBack());
        assertEquals("SOUR2:VOLT:HIGH?", ch2.query());
    }

    @Test
    void readBackIsOffByDefaultAndKeepsConstraints() {
        Setting<Double> plain = Setting.seconds("WIDT", 1e-9, 1).limitedBy(v -> v > 0.5 ? "long" : null);
        assertFalse(plain.isReadBack());
        Setting<Double> back = plain.readBack();
        assertTrue(back.isReadBack());
        assertEquals("long", back.problemWith(0.6));
    }

    @Test
    void numbersAreWrittenInScientificFormAndParsedFromInstrumentReplies() {
        Setting<Double> v = Setting.volts("VOLT", -5, 5);
        assertEquals("VOLT 0.65", v.command(0.65));
        assertEquals("VOLT 1.0E-8", v.command(1e-8));
        assertEquals("0.65 V", v.format(0.65));
        assertEquals(-1.5e-3, v.parse("-1.500000E-03\r"));
        assertThrows(IllegalArgumentException.class, () -> v.parse("ON"));
    }

    @Test
    void countRoundsRepliesAndChecksItsRange() {
        Setting<Integer> cycles = Setting.count("BURS:NCYC", 1, 100);
        assertEquals("BURS:NCYC 7", cycles.command(7));
        assertEquals(7, cycles.parse("+7.000000000000000E+00"));
        assertNull(cycles.problemWith(1));
        assertTrue(cycles.problemWith(0).contains("outside 1 .. 100"));
        assertEquals("7", cycles.format(7));
    }

    @Test
    void onOffWritesWordsAndReadsDigits() {
        Setting<Boolean> out = Setting.onOff("OUTP1");
        assertEquals("OUTP1 ON", out.command(true));
        assertEquals("OUTP1 OFF", out.command(false));
        assertTrue(out.parse("1"));
        assertTrue(out.parse("ON\n"));
        assertFalse(out.parse("0"));
    }

    @Test
    void choiceIsCaseInsensitiveAndListsTheAllowedWords() {
        Setting<String> pol = Setting.choice("OUTP1:POL", "NORM", "INV");
        assertNull(pol.problemWith("inv"));
        assertEquals("OUTP1:POL INV", pol.command("inv"));
        String problem = pol.problemWith("INVERTED");
        assertTrue(problem.contains("NORM") && problem.contains("INV"), problem);
        assertEquals("NORM", pol.parse("\"norm\"\n"));
    }
}
