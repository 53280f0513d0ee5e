package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.progress.Progress;

class PeriodicProgressLinesTest {
    private static final long TEN_SECONDS = 10_000_000_000L;
    private final StringWriter text = new StringWriter();
    private long nowNanos;
    private final PeriodicProgressLines lines = new PeriodicProgressLines(new PrintWriter(text), () -> nowNanos,
            TEN_SECONDS);

    private void at(double seconds) {
        nowNanos = (long) (seconds * 1e9);
    }

    private List<String> printed() {
        return text.toString().lines().toList();
    }

    @Test
    void aLongTaskLogsAboutEveryTenthNotEveryTenSeconds() {
        lines.begin("acquire", 1_000_000, "bit");
        for (int s = 1; s <= 1000; s++) {
            at(s);
            lines.advance(1000L * s);
        }
        lines.end();
        List<String> out = printed();
        assertTrue(out.size() >= 10 && out.size() <= 11, out.toString());
        assertEquals("acquire: 10% (100 kbit / 1.00 Mbit), 1.00 kbit/s, 15:00 left", out.get(0));
        assertEquals("acquire: done, 1.00 Mbit in 16:40 (1.00 kbit/s)", out.get(out.size() - 1));
    }

    @Test
    void aShortTaskLogsEveryIntervalAtMost() {
        lines.begin("assess", 100_000_000, "bit");
        for (int t = 1; t <= 300; t++) {
            at(t * 0.1);
            lines.advance(100_000_000L * t / 300);
        }
        lines.end();
        List<String> out = printed();
        assertEquals(3, out.size(), out.toString());
        assertTrue(out.get(0).startsWith("assess: 33% (33.3 Mbit / 100 Mbit), 3.33 Mbit/s, 0:20 left"), out.get(0));
        assertTrue(out.get(2).startsWith("assess: done, 100 Mbit in 0:30"), out.get(2));
    }

    @Test
    void aTaskShorterThanTheIntervalLogsNothing() {
        lines.begin("ingest", 1000, "bit");
        at(9);
        lines.advance(1000);
        lines.end();
        assertEquals("", text.toString());
    }

    @Test
    void withoutATotalLogsOncePerInterval() {
        lines.begin("stream", -1, "frame");
        for (int s = 1; s <= 35; s++) {
            at(s);
            lines.advance(10L * s);
        }
        assertEquals(List.of("stream: 100 frames after 0:10, 10.0 frames/s", "stream: 200 frames after 0:20, 10.0 frames/s",
                "stream: 300 frames after 0:30, 10.0 frames/s"), printed());
    }

    @Test
    void shortNestedTasksStillShowTheRunIsAlive() {
        lines.begin("calibrate", 40, "point");
        for (int point = 0; point < 40; point++) {
            lines.begin("sweep point", 100, "pulse");
            for (int p = 1; p <= 100; p++) {
                at(point * 3 + p * 0.03);
                lines.advance(p);
            }
            lines.end();
            lines.advance(point + 1);
        }
        lines.end();
        List<String> out = printed();
        assertTrue(out.size() >= 10 && out.size() <= 13, out.toString());
        assertTrue(out.get(0).startsWith("calibrate > sweep point: "), out.get(0));
    }

    @Test
    void noneIsSilent() {
        Progress none = ProgressMode.none.open(new PrintWriter(text), true);
        assertSame(Progress.NONE, none);
        none.begin("acquire", 10, "bit");
        none.advance(5);
        none.step(5);
        none.end();
        assertEquals("", text.toString());
    }

    @Test
    void autoPicksTheBarOnATerminalAndLinesOtherwise() {
        assertTrue(ProgressMode.auto.open(new PrintWriter(text), true) instanceof ConsoleProgressBar);
        assertTrue(ProgressMode.auto.open(new PrintWriter(text), false) instanceof PeriodicProgressLines);
    }
}
