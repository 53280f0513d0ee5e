package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.spinnoise.progress.ProgressFormat;
import org.spinnoise.progress.ProgressTracker;

/**
 * Progress where no one watches a terminal (a log file, CI): a plain line now and then, when both an interval
 * (10 s by default) has passed since the last line and the task has moved on by a tenth since its last line, so a
 * task of hours logs about ten lines and a short one a few; a task without a known total logs once per interval.
 * A task that ran for at least an interval, or an outermost task that logged a line, logs a last "done" line when it
 * ends.
 */
final class PeriodicProgressLines extends ProgressTracker {
    static final long DEFAULT_INTERVAL_NANOS = 10_000_000_000L;
    private static final long CHECK_NANOS = 1_000_000_000L;
    private static final double FRACTION_STEP = 0.1;

    private final PrintWriter out;
    private final long intervalNanos;
    private final long[] doneAtLastLine = new long[MAX_DEPTH];
    private final boolean[] logged = new boolean[MAX_DEPTH];
    private long lastLineNanos;

    PeriodicProgressLines(PrintWriter out) {
        this(out, System::nanoTime, DEFAULT_INTERVAL_NANOS);
    }

    PeriodicProgressLines(PrintWriter out, LongSupplier nanoClock, long intervalNanos) {
        super(nanoClock, Math.min(CHECK_NANOS, intervalNanos));
        this.out = out;
        this.intervalNanos = intervalNanos;
    }

    @Override
    protected void begun(long nowNanos) {
        int level = depth() - 1;
        doneAtLastLine[level] = 0;
        logged[level] = false;
        if (level == 0) {
            lastLineNanos = nowNanos;
        }
    }

    @Override
    protected void due(long nowNanos) {
        int level = depth() - 1;
        if (nowNanos - lastLineNanos < intervalNanos) {
            return;
        }
        long total = total(level);
        // A task at its total is about to end, and its "done" line will say so.
        if (total > 0 && (done(level) - doneAtLastLine[level] < FRACTION_STEP * total || done(level) >= total)) {
            return;
        }
        print(running(level, nowNanos), nowNanos);
        doneAtLastLine[level] = done(level);
        logged[level] = true;
    }

    @Override
    protected void ending(long nowNanos) {
        int level = depth() - 1;
        // A nested task that logged but was short says nothing more: its parent carries on, and lines stay sparse.
        if (elapsedNanos(level, nowNanos) >= intervalNanos || level == 0 && logged[level]) {
            String unit = unit(level);
            print(path(level) + ": done, " + ProgressFormat.amount(done(level), unit) + " in "
                    + ProgressFormat.duration(elapsedNanos(level, nowNanos) / 1e9) + " ("
                    + ProgressFormat.rate(ratePerSecond(level, nowNanos), unit) + ")", nowNanos);
        }
    }

    private void print(String line, long nowNanos) {
        out.println(line);
        out.flush();
        lastLineNanos = nowNanos;
    }

    private String running(int level, long now) {
        String unit = unit(level);
        String rate = ProgressFormat.rate(ratePerSecond(level, now), unit);
        double fraction = fraction(level);
        if (fraction < 0) {
            return path(level) + ": " + ProgressFormat.amount(done(level), unit) + " after "
                    + ProgressFormat.duration(elapsedNanos(level, now) / 1e9) + ", " + rate;
        }
        return path(level) + ": " + (int) (fraction * 100) + "% ("
                + ProgressFormat.ofTotal(done(level), total(level), unit) + "), " + rate + ", "
                + ProgressFormat.duration(etaSeconds(level, now)) + " left";
    }
}
