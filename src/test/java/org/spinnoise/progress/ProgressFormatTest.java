package org.spinnoise.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    @Test
    void bitsAndBytesTakeSiPrefixes() {
        assertEquals("0 bit", ProgressFormat.amount(0, "bit"));
        assertEquals("999 bit", ProgressFormat.amount(999, "bit"));
        assertEquals("1.00 kbit", ProgressFormat.amount(1000, "bit"));
        assertEquals("12.3 Mbit", ProgressFormat.amount(12_345_678, "bit"));
        assertEquals("100 Mbit", ProgressFormat.amount(100_000_000, "bit"));
        assertEquals("1.20 Mbit/s", ProgressFormat.rate(1_200_000, "bit"));
        assertEquals("5.00 MB", ProgressFormat.amount(5_000_000, "B"));
    }

    @Test
    void otherUnitsAreCountedInThePlural() {
        assertEquals("1 image", ProgressFormat.amount(1, "image"));
        assertEquals("12,000 images", ProgressFormat.amount(12_000, "image"));
        assertEquals("3.40 images/s", ProgressFormat.rate(3.4, "image"));
        assertEquals("0.250 steps/s", ProgressFormat.rate(0.25, "step"));
        assertEquals("1,500 batches/s", ProgressFormat.rate(1500, "batch"));
        assertEquals("10 / 40 points", ProgressFormat.ofTotal(10, 40, "point"));
        assertEquals("25.0 Mbit / 100 Mbit", ProgressFormat.ofTotal(25e6, 100e6, "bit"));
    }

    @Test
    void durationsAreMinutesAndSecondsOrHours() {
        assertEquals("0:07", ProgressFormat.duration(7.2));
        assertEquals("12:05", ProgressFormat.duration(725));
        assertEquals("3:02:09", ProgressFormat.duration(3 * 3600 + 129));
        assertEquals("--:--", ProgressFormat.duration(-1));
        assertEquals("--:--", ProgressFormat.duration(Double.POSITIVE_INFINITY));
    }
}
