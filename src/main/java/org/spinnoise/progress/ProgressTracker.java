package org.spinnoise.progress;

import java.util.function.LongSupplier;

/**
 * The bookkeeping behind a progress display: the stack of nested tasks, their counts and start times, and a clock
 * read on every report but acted on at most once per check interval, so {@link #advance} costs a clock read and a
 * comparison and allocates nothing. Subclasses decide what to show; they read the tasks through the accessors
 * below. Not thread-safe: one thread reports at a time.
 */
public abstract class ProgressTracker implements Progress {
    /** Deeper nesting than this is a programming error. */
    public static final int MAX_DEPTH = 8;

    private final LongSupplier nanoClock;
    private final long checkIntervalNanos;
    private final String[] names = new String[MAX_DEPTH];
    private final String[] units = new String[MAX_DEPTH];
    private final long[] totals = new long[MAX_DEPTH];
    private final long[] done = new long[MAX_DEPTH];
    private final long[] startNanos = new long[MAX_DEPTH];
    private int depth;
    private long nextCheckNanos;

    /**
     * @param nanoClock          the time in nanoseconds ({@code System::nanoTime}; tests pass a fake)
     * @param checkIntervalNanos {@link #due} is called at most this often
     */
    protected ProgressTracker(LongSupplier nanoClock, long checkIntervalNanos) {
        this.nanoClock = nanoClock;
        this.checkIntervalNanos = checkIntervalNanos;
    }

    @Override
    public final void begin(String task, long total, String unit) {
        if (depth == MAX_DEPTH) {
            throw new IllegalStateException("progress tasks nested deeper than " + MAX_DEPTH + " at '" + task + "'");
        }
        long now = nanoClock.getAsLong();
        names[depth] = task;
        units[depth] = unit;
        totals[depth] = Math.max(0, total);
        done[depth] = 0;
        startNanos[depth] = now;
        depth++;
        nextCheckNanos = now + checkIntervalNanos;
        begun(now);
    }

    @Override
    public final void advance(long doneUnits) {
        if (depth == 0) {
            return;
        }
        done[depth - 1] = doneUnits;
        long now = nanoClock.getAsLong();
        if (now - nextCheckNanos >= 0) {
            nextCheckNanos = now + checkIntervalNanos;
            due(now);
        }
    }

    @Override
    public final void step(long count) {
        if (depth > 0) {
            advance(done[depth - 1] + count);
        }
    }

    @Override
    public final void end() {
        if (depth == 0) {
            return;
        }
        long now = nanoClock.getAsLong();
        ending(now);
        depth--;
        names[depth] = null;
        units[depth] = null;
        nextCheckNanos = now + checkIntervalNanos;
    }

    /** A task was begun; it is the innermost ({@code depth() - 1}). */
    protected void begun(long nowNanos) {
    }

    /** At least a check interval has passed since the last call (or the last begin or end). */
    protected abstract void due(long nowNanos);

    /** The innermost task is about to end; it is still readable. */
    protected abstract void ending(long nowNanos);

    /** How many tasks are open; the innermost is at level {@code depth() - 1}. */
    protected final int depth() {
        return depth;
    }

    protected final String name(int level) {
        return names[level];
    }

    protected final String unit(int level) {
        return units[level];
    }

    /** The task's total, 0 when not known. */
    protected final long total(int level) {
        return totals[level];
    }

    protected final long done(int level) {
        return done[level];
    }

    protected final long elapsedNanos(int level, long nowNanos) {
        return nowNanos - startNanos[level];
    }

    /** Units per second since the task began; 0 before any time has passed. */
    protected final double ratePerSecond(int level, long nowNanos) {
        long elapsed = elapsedNanos(level, nowNanos);
        return elapsed <= 0 ? 0 : done[level] * 1e9 / elapsed;
    }

    /** Seconds left at the rate so far; negative when it cannot be told (no total, nothing done yet). */
    protected final double etaSeconds(int level, long nowNanos) {
        double rate = ratePerSecond(level, nowNanos);
        if (totals[level] <= 0 || rate <= 0) {
            return -1;
        }
        return Math.max(0, totals[level] - done[level]) / rate;
    }

    /** The fraction done, 0 to 1; negative when the total is not known. */
    protected final double fraction(int level) {
        if (totals[level] <= 0) {
            return -1;
        }
        return Math.min(1.0, Math.max(0.0, (double) done[level] / totals[level]));
    }

    /** The names of the tasks from the outermost to {@code level}, joined by " > ". */
    protected final String path(int level) {
        if (level == 0) {
            return names[0];
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i <= level; i++) {
            if (i > 0) {
                b.append(" > ");
            }
            b.append(names[i]);
        }
        return b.toString();
    }
}
