package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.function.LongSupplier;
import org.spinnoise.progress.Progress;
import org.spinnoise.progress.ProgressFormat;
import org.spinnoise.progress.ProgressTracker;

/**
 * Progress on a terminal: one line redrawn in place with a carriage return, holding the task, a bar, the percentage,
 * done and total, the rate and the time left. It is drawn at most five times a second and only once a task has run
 * for half a second, so quick tasks leave nothing behind. A task nested in another shows as "outer &gt; inner" and,
 * when it ends, the outer one is redrawn; when the outermost task ends, its last line stays, ended by a newline.
 * Lines are kept to 79 characters (the bar is left out first), since a wrapped line cannot be redrawn in place.
 */
final class ConsoleProgressBar extends ProgressTracker {
    static final long REDRAW_NANOS = 200_000_000L;
    static final long FIRST_DRAW_NANOS = 500_000_000L;
    private static final int BAR_WIDTH = 10;
    private static final int NAME_WIDTH = 24;
    /** A line longer than the terminal wraps, and a carriage return then redraws only its last row. */
    private static final int MAX_WIDTH = 79;

    private final PrintWriter out;
    private final boolean[] drawn = new boolean[MAX_DEPTH];
    /** The task's line outgrew the width once: it goes on without the bar, so the layout does not jump about. */
    private final boolean[] barless = new boolean[MAX_DEPTH];
    /** Length of the line now on screen without its newline; 0 when the cursor is at the start of a clean line. */
    private int shownLength;

    ConsoleProgressBar(PrintWriter out) {
        this(out, System::nanoTime);
    }

    ConsoleProgressBar(PrintWriter out, LongSupplier nanoClock) {
        super(nanoClock, REDRAW_NANOS);
        this.out = out;
    }

    /** Wipes the bar, when {@code progress} is one on screen, so that a line can be printed on the console. */
    static void clearLine(Progress progress) {
        if (progress instanceof ConsoleProgressBar bar) {
            bar.clearLine();
        }
    }

    /** Ends the line of a bar on screen, when {@code progress} is one, keeping its last state above what follows. */
    static void endLine(Progress progress) {
        if (progress instanceof ConsoleProgressBar bar && bar.shownLength > 0) {
            bar.out.println();
            bar.out.flush();
            bar.shownLength = 0;
        }
    }

    /** Wipes the bar so that a line can be printed; the bar comes back at the next redraw. */
    void clearLine() {
        if (shownLength > 0) {
            out.print('\r' + " ".repeat(shownLength) + '\r');
            out.flush();
            shownLength = 0;
        }
    }

    @Override
    protected void begun(long nowNanos) {
        drawn[depth() - 1] = false;
        barless[depth() - 1] = false;
    }

    @Override
    protected void due(long nowNanos) {
        int level = depth() - 1;
        if (elapsedNanos(level, nowNanos) >= FIRST_DRAW_NANOS) {
            show(running(level, nowNanos));
            Arrays.fill(drawn, 0, level + 1, true);
        }
    }

    @Override
    protected void ending(long nowNanos) {
        int level = depth() - 1;
        if (!drawn[level]) {
            return;
        }
        if (level > 0) {
            show(running(level - 1, nowNanos));
            return;
        }
        show(finished(nowNanos));
        out.println();
        out.flush();
        shownLength = 0;
    }

    private void show(String line) {
        String padding = line.length() < shownLength ? " ".repeat(shownLength - line.length()) : "";
        out.print('\r' + line + padding);
        out.flush();
        shownLength = line.length();
    }

    private String running(int level, long now) {
        String line = running(level, now, !barless[level]);
        if (line.length() > MAX_WIDTH && !barless[level]) {
            barless[level] = true;
            line = running(level, now, false);
        }
        return line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) : line;
    }

    private String running(int level, long now, boolean withBar) {
        String unit = unit(level);
        StringBuilder b = new StringBuilder(120).append(fit(path(level))).append("  ");
        double fraction = fraction(level);
        if (fraction >= 0) {
            if (withBar) {
                int full = (int) (fraction * BAR_WIDTH);
                b.append('[').append("#".repeat(full)).append(".".repeat(BAR_WIDTH - full)).append("] ");
            }
            b.append(String.format("%3d%%", (int) (fraction * 100))).append("  ")
                    .append(ProgressFormat.ofTotal(done(level), total(level), unit));
        } else {
            b.append(ProgressFormat.amount(done(level), unit));
        }
        b.append("  ").append(ProgressFormat.rate(ratePerSecond(level, now), unit));
        if (fraction >= 0) {
            b.append("  ETA ").append(ProgressFormat.duration(etaSeconds(level, now)));
        } else {
            b.append("  ").append(ProgressFormat.duration(elapsedNanos(level, now) / 1e9)).append(" elapsed");
        }
        return b.toString();
    }

    private String finished(long now) {
        String unit = unit(0);
        String line = fit(name(0)) + "  done: " + ProgressFormat.amount(done(0), unit) + " in "
                + ProgressFormat.duration(elapsedNanos(0, now) / 1e9) + "  ("
                + ProgressFormat.rate(ratePerSecond(0, now), unit) + ")";
        return line.length() > MAX_WIDTH ? line.substring(0, MAX_WIDTH) : line;
    }

    private static String fit(String name) {
        return name.length() <= NAME_WIDTH ? name : "..." + name.substring(name.length() - NAME_WIDTH + 3);
    }
}
