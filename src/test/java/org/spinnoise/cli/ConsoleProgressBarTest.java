package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {
    private final StringWriter text = new StringWriter();
    private long nowNanos;
    private final ConsoleProgressBar bar = new ConsoleProgressBar(new PrintWriter(text), () -> nowNanos);

    private void at(double seconds) {
        nowNanos = (long) (seconds * 1e9);
    }

    private static long redraws(String s) {
        return s.chars().filter(c -> c == '\r').count();
    }

    @Test
    void aQuickTaskLeavesNothing() {
        bar.begin("assess", 1000, "bit");
        at(0.3);
        bar.advance(1000);
        bar.end();
        assertEquals("", text.toString());
    }

    @Test
    void showsPercentDoneTotalRateAndTimeLeft() {
        bar.begin("acquire", 100_000_000, "bit");
        at(10);
        bar.advance(25_000_000);
        String line = text.toString();
        assertTrue(line.startsWith("\racquire  [##........]  25%"), line);
        assertTrue(line.contains("25.0 Mbit / 100 Mbit"), line);
        assertTrue(line.contains("2.50 Mbit/s"), line);
        assertTrue(line.endsWith("ETA 0:30"), line);
    }

    @Test
    void redrawsOnlyWhenTimeHasPassed() {
        bar.begin("sample", 64, "image");
        at(0.6);
        bar.advance(1);
        assertEquals(1, redraws(text.toString()));
        for (int i = 2; i < 50; i++) {
            at(0.6 + i * 0.003);
            bar.advance(i);
        }
        assertEquals(1, redraws(text.toString()), "no redraw within 200 ms of the last");
        at(0.85);
        bar.advance(50);
        assertEquals(2, redraws(text.toString()));
        assertTrue(text.toString().contains("images/s"));
    }

    @Test
    void theLastLineSaysDoneAndEndsWithANewline() {
        bar.begin("ingest", 8_000_000, "bit");
        at(1);
        bar.advance(4_000_000);
        at(2);
        bar.advance(8_000_000);
        bar.end();
        String s = text.toString();
        assertTrue(s.endsWith("\n"), s);
        String last = s.substring(s.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("ingest  done: 8.00 Mbit in 0:02  (4.00 Mbit/s)"), last);
        assertEquals(1, s.chars().filter(c -> c == '\n').count());
    }

    @Test
    void aNestedTaskShowsUnderItsParentAndHandsTheLineBack() {
        bar.begin("calibrate", 3, "stage");
        bar.begin("sweep", 40, "point");
        at(1);
        bar.advance(10);
        assertTrue(text.toString().contains("calibrate > sweep  [##........]  25%  10 / 40 points"), text.toString());
        bar.end();
        String afterInner = text.toString();
        String last = afterInner.substring(afterInner.lastIndexOf('\r') + 1);
        assertTrue(last.startsWith("calibrate  [..........]   0%"), last);
        assertFalse(afterInner.contains("\n"), "only the outermost task ends its line");
        bar.advance(3);
        bar.end();
        assertTrue(text.toString().endsWith("\n"));
    }

    @Test
    void clearLineWipesTheBarSoALineCanBePrinted() {
        bar.begin("train", 1000, "step");
        at(1);
        bar.advance(100);
        int shown = text.toString().length() - 1;
        bar.clearLine();
        String s = text.toString();
        assertTrue(s.endsWith("\r" + " ".repeat(shown) + "\r"), s);
        bar.clearLine();
        assertEquals(s, text.toString(), "nothing to wipe twice");
    }

    @Test
    void withoutATotalShowsCountRateAndElapsedTime() {
        bar.begin("stream", 0, "frame");
        at(4);
        bar.advance(200);
        String s = text.toString();
        assertTrue(s.contains("stream  200 frames  50.0 frames/s  0:04 elapsed"), s);
    }

    @Test
    void anErrorMidTaskKeepsTheLastStateOnItsOwnLine() {
        bar.begin("acquire", 1000, "bit");
        at(1);
        bar.advance(460);
        ConsoleProgressBar.endLine(bar);
        String s = text.toString();
        assertTrue(s.endsWith("ETA 0:01\n"), s);
        ConsoleProgressBar.endLine(bar);
        assertEquals(s, text.toString(), "one newline only");
    }

    @Test
    void aLineNeverOutgrowsAnEightyColumnTerminal() {
        bar.begin("a task with a rather long name, longer than most", 123_456_789_012L, "pulse");
        at(3);
        bar.advance(61_000_000_000L);
        String s = text.toString();
        assertTrue(s.length() <= 80, s);
        assertTrue(s.contains(" 49%") && !s.contains("["), "the bar goes first: " + s);
        at(3.5);
        bar.advance(62_000_000_000L);
        String again = s.length() < text.toString().length() ? text.toString().substring(s.length()) : "";
        assertFalse(again.contains("["), "and stays gone for the task, so the line does not jump: " + again);
    }
}
