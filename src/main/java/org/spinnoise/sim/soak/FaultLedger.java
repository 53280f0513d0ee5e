package org.spinnoise.sim.soak;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The soak's account of faults by kind. Faults injected into a run are settled when the run ends: a run that
 * completed settles them as recovered (detected when it reported anything, unnoticed when not); a run that failed
 * settles them as detected and leaves them pending until the next run of the same target completes, which recovers
 * them. The distinct messages failed runs stopped with are kept (the first few), for the report.
 */
final class FaultLedger {
    private static final int MAX_MESSAGES = 12;

    private final Map<String, FaultCounts> byKind = new TreeMap<>();
    private final Map<SoakFault.Target, List<String>> pending = new TreeMap<>();
    private final Set<String> stopMessages = new LinkedHashSet<>();

    synchronized void add(String kind, FaultCounts counts) {
        byKind.merge(kind, counts, FaultCounts::plus);
    }

    /**
     * A run of {@code target} ended; {@code injected} counts the faults injected into it by kind; {@code failure} is
     * null if it completed, else the one line it stopped with.
     */
    synchronized void settle(SoakFault.Target target, Map<String, Long> injected, boolean reportedSomething,
                             String failure) {
        List<String> waiting = pending.computeIfAbsent(target, t -> new ArrayList<>());
        if (failure == null) {
            for (String kind : waiting) {
                add(kind, new FaultCounts(0, 0, 1, 0));
            }
            waiting.clear();
            injected.forEach((kind, n) -> add(kind, reportedSomething ? new FaultCounts(n, n, n, 0)
                    : new FaultCounts(n, 0, 0, n)));
            return;
        }
        if (stopMessages.size() < MAX_MESSAGES) {
            stopMessages.add(failure);
        }
        injected.forEach((kind, n) -> {
            add(kind, new FaultCounts(n, n, 0, 0));
            for (long i = 0; i < n; i++) {
                waiting.add(kind);
            }
        });
    }

    synchronized Map<String, FaultCounts> byKind() {
        return new TreeMap<>(byKind);
    }

    synchronized FaultCounts total() {
        return byKind.values().stream().reduce(FaultCounts.NONE, FaultCounts::plus);
    }

    synchronized List<String> stopMessages() {
        return List.copyOf(stopMessages);
    }
}
