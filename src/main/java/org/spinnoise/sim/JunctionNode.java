package org.spinnoise.sim;

import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The electrical node of one junction on a simulated bench: every instrument output wired to it adds its present
 * level (the bench sums them, as a DC-coupled combiner or bias tee does), the junction holds the sum between pulses,
 * and a pulse on one output reaches it on top of the others' levels. Each source's own level between pulses is
 * recorded, so a test can tell the pulse generator's DC from the SMU's read bias.
 */
public final class JunctionNode {
    private final MtjJunction junction;
    private final LongSupplier nanoClock;
    private final Map<String, SourceLevel> sources = new LinkedHashMap<>();
    private final ArrayDeque<VoltageEvent> history = new ArrayDeque<>();
    private final ArrayDeque<PulseOutcome> outcomes = new ArrayDeque<>();
    private final long startNanos;
    /** How many voltage events the history keeps (the most recent). */
    static final int HISTORY_KEPT = 10_000;

    /** One pulse and the junction's state just after it: the record a batch's bits are checked against. */
    public record PulseOutcome(String source, double junctionVolts, double widthSeconds, boolean antiparallelAfter) {
    }

    /** The level one source holds on the junction, with its largest value and how long it was non-zero. */
    public record SourceRecord(double largestVolts, double secondsNonZero) {
    }

    private static final class SourceLevel {
        double volts;
        long sinceNanos;
        double largestVolts;
        long nanosNonZero;
    }

    JunctionNode(MtjJunction junction) {
        this(junction, System::nanoTime);
    }

    JunctionNode(MtjJunction junction, LongSupplier nanoClock) {
        this.junction = junction;
        this.nanoClock = nanoClock;
        this.startNanos = nanoClock.getAsLong();
    }

    public MtjJunction junction() {
        return junction;
    }

    /** Sets the level {@code source} puts on the junction between pulses (0 when its output is off). */
    synchronized void setLevel(String source, double volts) {
        SourceLevel level = level(source);
        long now = nanoClock.getAsLong();
        account(level, now);
        level.volts = volts;
        if (Math.abs(volts) > Math.abs(level.largestVolts)) {
            level.largestVolts = volts;
        }
        junction.hold(sum());
        remember(new VoltageEvent((now - startNanos) / 1e9, source, false, sum(), 0));
    }

    /** One pulse from {@code source}: its output goes to {@code pulseVolts} for the width, the others stay. */
    synchronized boolean pulse(String source, double pulseVolts, double widthSeconds) {
        double othersVolts = sum() - level(source).volts;
        remember(new VoltageEvent((nanoClock.getAsLong() - startNanos) / 1e9, source, true, othersVolts + pulseVolts,
                widthSeconds));
        boolean switched = junction.applyPulse(othersVolts + pulseVolts, widthSeconds);
        if (outcomes.size() == HISTORY_KEPT) {
            outcomes.removeFirst();
        }
        outcomes.addLast(new PulseOutcome(source, othersVolts + pulseVolts, widthSeconds, junction.isAntiparallel()));
        return switched;
    }

    /** The most recent pulses (at most {@link #HISTORY_KEPT}) with the state each left, oldest first. */
    public synchronized List<PulseOutcome> pulseOutcomes() {
        return List.copyOf(outcomes);
    }

    /** The most recent voltage events (at most {@link #HISTORY_KEPT}), oldest first. */
    public synchronized List<VoltageEvent> history() {
        return List.copyOf(history);
    }

    private void remember(VoltageEvent event) {
        if (history.size() == HISTORY_KEPT) {
            history.removeFirst();
        }
        history.addLast(event);
    }

    /** Every source's record so far, by name (e.g. {@code "pulse ch2"}). */
    public synchronized Map<String, SourceRecord> sources() {
        long now = nanoClock.getAsLong();
        Map<String, SourceRecord> out = new LinkedHashMap<>();
        sources.forEach((name, level) -> {
            account(level, now);
            out.put(name, new SourceRecord(level.largestVolts, level.nanosNonZero / 1e9));
        });
        return out;
    }

    private SourceLevel level(String source) {
        return sources.computeIfAbsent(source, s -> {
            SourceLevel level = new SourceLevel();
            level.sinceNanos = nanoClock.getAsLong();
            return level;
        });
    }

    private static void account(SourceLevel level, long now) {
        if (level.volts != 0) {
            level.nanosNonZero += now - level.sinceNanos;
        }
        level.sinceNanos = now;
    }

    private double sum() {
        return sources.values().stream().mapToDouble(l -> l.volts).sum();
    }
}
