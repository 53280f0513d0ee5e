package org.spinnoise.sim.soak;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak found, as its final report prints it and its JSON line records it. It passes when no byte was served
 * twice (range check and content check), no bit was lost or repeated in a completed run, no output was left on,
 * no reply a client waited for went missing, and memory stayed flat after warm-up (heap after GC and RSS within
 * {@link SoakPlan#FLAT_PERCENT}).
 *
 * @param serviceBytesTaken  pool bytes the service took for its trng stream
 * @param rangeOverlaps      replies whose trng range met one served before
 * @param contentDuplicates  repeated content fingerprints among the served payloads
 */
public record SoakReport(Path folder, double seconds, long seed, SoakTotalsView acquisition,
                         Map<String, FaultCounts> faultsByKind, FaultCounts faults, List<String> stopMessages,
                         List<ClientReport> clients, long bytesServed, long serviceBytesTaken, long rangeOverlaps,
                         long overlapBytes, long rangeIntervals, long contentFingerprints, long contentDuplicates,
                         ResourceSample before, ResourceSample after, long heapMaxAfterGcBytes,
                         long rssHighWaterBytes, MemoryTrend heapTrend, MemoryTrend rssTrend,
                         MemoryTrend outsideHeapTrend, double warmUpSeconds,
                         boolean memoryJudged, Range threadsAfterWarmUp, Range openFilesAfterWarmUp,
                         double meanLoadAverage, int processors, String memorySettings) {

    /** The least and the most of a figure over the samples after warm-up (0 and 0 with none). */
    public record Range(long min, long max) {
        static Range of(java.util.stream.LongStream values) {
            java.util.LongSummaryStatistics s = values.summaryStatistics();
            return s.getCount() == 0 ? new Range(0, 0) : new Range(s.getMin(), s.getMax());
        }
    }

    /** The acquisition side's totals, frozen. */
    public record SoakTotalsView(long benchRuns, long benchRunsFailed, long boardRuns, long boardRunsFailed,
                                 long benchBits, long boardBits, long bitsIngested, long poolBytesAppended,
                                 long healthFailedRuns, long ingestsRefused, long outputsLeftOn,
                                 long runsWithBitsLostOrRepeated, long bitsLostOrRepeated,
                                 long runsFailedWithoutFault) {
        static SoakTotalsView of(SoakTotals t) {
            return new SoakTotalsView(t.benchRuns.get(), t.benchRunsFailed.get(), t.boardRuns.get(),
                    t.boardRunsFailed.get(), t.benchBits.get(), t.boardBits.get(), t.bitsIngested.get(),
                    t.poolBytesAppended.get(), t.healthFailedRuns.get(), t.ingestsRefused.get(),
                    t.outputsLeftOn.get(), t.runsWithBitsLostOrRepeated.get(), t.bitsLostOrRepeated.get(),
                    t.runsFailedWithoutFault.get());
        }

        public long bitsAcquired() {
            return benchBits + boardBits;
        }
    }

    public long overlaps() {
        return rangeOverlaps + contentDuplicates;
    }

    public long lostReplies() {
        return clients.stream().mapToLong(ClientReport::lostReplies).sum();
    }

    public long accountingMismatches() {
        return clients.stream().mapToLong(ClientReport::accountingMismatches).sum();
    }

    /**
     * Whether memory was flat after warm-up; false when too few samples were taken to say. A soak shorter than
     * {@link SoakPlan#MIN_JUDGED} (as it ran, not as planned) is not judged on it ({@link #memoryJudged}): its
     * warm-up is too short.
     */
    public boolean memoryFlat() {
        return heapTrend.flatWithin(SoakPlan.FLAT_PERCENT) && residentTrend().flatWithin(SoakPlan.FLAT_PERCENT);
    }

    /**
     * The resident figure memory is judged on: the resident memory outside the Java heap where it is known (the
     * heap's own residency is the collector's sizing, bounded by -Xmx; its live set is judged as {@link #heapTrend}),
     * else the whole RSS.
     */
    public MemoryTrend residentTrend() {
        return outsideHeapTrend.samples() >= MemoryTrend.MIN_SAMPLES && outsideHeapTrend.meanBytes() > 0
                ? outsideHeapTrend : rssTrend;
    }

    /** Every reason the soak failed; empty when it passed (memory flatness only when there were samples to judge). */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (overlaps() > 0) {
            problems.add(overlaps() + " overlaps in the bytes served (" + rangeOverlaps + " by range, "
                    + contentDuplicates + " by content)");
        }
        if (acquisition.bitsLostOrRepeated() > 0) {
            problems.add(acquisition.bitsLostOrRepeated() + " bits lost or repeated in "
                    + acquisition.runsWithBitsLostOrRepeated() + " completed runs");
        }
        if (acquisition.outputsLeftOn() > 0) {
            problems.add(acquisition.outputsLeftOn() + " outputs left on after a run");
        }
        if (lostReplies() > 0) {
            problems.add(lostReplies() + " replies the clients waited for never came");
        }
        if (accountingMismatches() > 0) {
            problems.add(accountingMismatches() + " replies whose header disagrees with their payload");
        }
        if (memoryJudged && !memoryFlat()) {
            problems.add(String.format(Locale.ROOT, "memory not flat after warm-up: heap %+.1f %% (fit) %+.1f %% "
                    + "(windows), %s %+.1f %% %+.1f %%", heapTrend.fitRisePercent(), heapTrend.windowPercent(),
                    residentTrend() == rssTrend ? "RSS" : "resident outside the heap",
                    residentTrend().fitRisePercent(), residentTrend().windowPercent()));
        }
        return problems;
    }

    public boolean passed() {
        return problems().isEmpty();
    }

    /** The report as text lines. */
    public List<String> lines() {
        List<String> l = new ArrayList<>();
        SoakTotalsView a = acquisition;
        l.add(String.format(Locale.ROOT, "soak           %.1f min, seed %d, folder %s", seconds / 60, seed, folder));
        l.add(String.format(Locale.ROOT, "bits acquired  %,d (bench %,d in %d runs, %d failed; board %,d in %d runs, "
                + "%d failed)", a.bitsAcquired(), a.benchBits(), a.benchRuns(), a.benchRunsFailed(), a.boardBits(),
                a.boardRuns(), a.boardRunsFailed()));
        if (a.runsFailedWithoutFault() > 0) {
            l.add(String.format(Locale.ROOT, "unprovoked     %d runs failed with no fault injected into them (see "
                    + "'stopped with' below; on a loaded machine, timeouts)", a.runsFailedWithoutFault()));
        }
        l.add(String.format(Locale.ROOT, "pool           %,d raw bits ingested, %,d bytes appended; %d runs failed "
                + "health, %d ingests refused", a.bitsIngested(), a.poolBytesAppended(), a.healthFailedRuns(),
                a.ingestsRefused()));
        l.add(String.format(Locale.ROOT, "faults         %,d injected, %,d detected, %,d recovered, %,d unnoticed, "
                + "%,d unresolved", faults.injected(), faults.detected(), faults.recovered(), faults.unnoticed(),
                faults.unresolved()));
        faultsByKind.forEach((kind, c) -> l.add(String.format(Locale.ROOT, "  %-24s %,6d injected %,6d detected "
                + "%,6d recovered %,6d unnoticed", kind, c.injected(), c.detected(), c.recovered(), c.unnoticed())));
        stopMessages.forEach(m -> l.add("  stopped with: " + m));
        l.add(String.format(Locale.ROOT, "served         %,d bytes to %d clients; the service took %,d pool bytes "
                + "(%,d never delivered: replies of vanished clients, the last chunk)", bytesServed, clients.size(),
                serviceBytesTaken, Math.max(0, serviceBytesTaken - bytesServed)));
        for (ClientReport c : clients) {
            l.add(String.format(Locale.ROOT, "  %-10s %-9s %,14d bytes %,7d replies %,6d exhausted %d errors %d lost "
                    + "%d abandoned %d vanishes %d returns", c.name(), c.behaviour(), c.bytes(), c.replies(),
                    c.exhausted(), c.errors(), c.lostReplies(), c.abandonedRequests(), c.vanishes(), c.returns()));
        }
        l.add(String.format(Locale.ROOT, "overlaps       %d (ranges: %d, %,d bytes; content: %d duplicate fingerprints "
                + "of %,d)", overlaps(), rangeOverlaps, overlapBytes, contentDuplicates, contentFingerprints));
        l.add(String.format(Locale.ROOT, "lost/repeated  %,d bits in completed runs; %d outputs left on; %d replies "
                + "lost", a.bitsLostOrRepeated(), a.outputsLeftOn(), lostReplies()));
        l.add(String.format(Locale.ROOT, "memory         heap after GC max %.1f MB, RSS high-water %.1f MB (VmHWM)",
                heapMaxAfterGcBytes / 1e6, rssHighWaterBytes / 1e6));
        l.add(String.format(Locale.ROOT, "flatness       after %.0f s warm-up, %d samples, floors of 4 windows: heap %.1f MB, "
                + "%+.1f %% (fit) %+.1f %% (last/first); resident outside the heap %.1f MB, %+.1f %% %+.1f %%; "
                + "limit %.0f %%: %s", warmUpSeconds, heapTrend.samples(), heapTrend.meanBytes() / 1e6,
                heapTrend.fitRisePercent(), heapTrend.windowPercent(), outsideHeapTrend.meanBytes() / 1e6,
                outsideHeapTrend.fitRisePercent(), outsideHeapTrend.windowPercent(), SoakPlan.FLAT_PERCENT,
                !memoryJudged ? "not judged (soak shorter than " + SoakPlan.MIN_JUDGED.toMinutes() + " min)"
                        : memoryFlat() ? "flat" : "NOT flat"));
        l.add(String.format(Locale.ROOT, "               whole RSS %.1f MB, %+.1f %% %+.1f %% (the Java heap's part is the "
                + "collector's sizing, up to -Xmx; %s)", rssTrend.meanBytes() / 1e6, rssTrend.fitRisePercent(),
                rssTrend.windowPercent(), residentTrend() == rssTrend ? "judged: nothing else was measured"
                        : "shown, not judged"));
        l.add(String.format(Locale.ROOT, "threads        %d before, %d after (%d to %d while running after warm-up)",
                before.threads(), after.threads(), threadsAfterWarmUp.min(), threadsAfterWarmUp.max()));
        l.add(String.format(Locale.ROOT, "open files     %d before, %d after (%d to %d while running after warm-up)",
                before.openFiles(), after.openFiles(), openFilesAfterWarmUp.min(), openFilesAfterWarmUp.max()));
        l.add(String.format(Locale.ROOT, "machine        load average %.1f on %d processors (mean of the samples)",
                meanLoadAverage, processors));
        l.add("jvm            " + memorySettings);
        l.add(passed() ? "verdict        passed" : "verdict        FAILED: " + String.join("; ", problems()));
        return l;
    }

    /** One line holding a JSON object of the figures, as the benchmarks end. */
    public String json() {
        return String.format(Locale.ROOT, "{\"bench\":\"soak\",\"seconds\":%.1f,\"seed\":%d,\"bits_acquired\":%d,"
                        + "\"bench_bits\":%d,\"board_bits\":%d,\"runs\":%d,\"runs_failed\":%d,"
                        + "\"runs_failed_without_fault\":%d,\"bits_ingested\":%d,"
                        + "\"faults_injected\":%d,\"faults_detected\":%d,\"faults_recovered\":%d,"
                        + "\"faults_unnoticed\":%d,\"faults_unresolved\":%d,\"clients\":%d,\"bytes_served\":%d,"
                        + "\"pool_bytes_taken_by_service\":%d,\"overlaps\":%d,\"range_overlaps\":%d,"
                        + "\"content_duplicates\":%d,\"bits_lost_or_repeated\":%d,\"outputs_left_on\":%d,"
                        + "\"replies_lost\":%d,\"heap_max_after_gc_mb\":%.1f,\"rss_hwm_mb\":%.1f,"
                        + "\"heap_growth_fit_percent\":%s,\"heap_growth_window_percent\":%s,"
                        + "\"rss_growth_fit_percent\":%s,\"rss_growth_window_percent\":%s,"
                        + "\"outside_heap_mb\":%s,\"outside_heap_growth_fit_percent\":%s,"
                        + "\"outside_heap_growth_window_percent\":%s,\"memory_flat\":%s,"
                        + "\"threads_before\":%d,\"threads_after\":%d,\"threads_max\":%d,"
                        + "\"open_files_before\":%d,\"open_files_after\":%d,\"open_files_max\":%d,"
                        + "\"load_average_mean\":%s,\"processors\":%d,\"passed\":%b}",
                seconds, seed, acquisition.bitsAcquired(), acquisition.benchBits(), acquisition.boardBits(),
                acquisition.benchRuns() + acquisition.boardRuns(),
                acquisition.benchRunsFailed() + acquisition.boardRunsFailed(), acquisition.runsFailedWithoutFault(),
                acquisition.bitsIngested(),
                faults.injected(), faults.detected(), faults.recovered(), faults.unnoticed(), faults.unresolved(),
                clients.size(), bytesServed, serviceBytesTaken, overlaps(), rangeOverlaps, contentDuplicates,
                acquisition.bitsLostOrRepeated(), acquisition.outputsLeftOn(), lostReplies(),
                heapMaxAfterGcBytes / 1e6, rssHighWaterBytes / 1e6, jsonNumber(heapTrend.fitRisePercent()),
                jsonNumber(heapTrend.windowPercent()), jsonNumber(rssTrend.fitRisePercent()),
                jsonNumber(rssTrend.windowPercent()), jsonNumber(outsideHeapTrend.meanBytes() / 1e6),
                jsonNumber(outsideHeapTrend.fitRisePercent()), jsonNumber(outsideHeapTrend.windowPercent()),
                memoryJudged ? Boolean.toString(memoryFlat()) : "null",
                before.threads(), after.threads(), threadsAfterWarmUp.max(), before.openFiles(),
                after.openFiles(), openFilesAfterWarmUp.max(), jsonNumber(meanLoadAverage), processors, passed());
    }

    /** JSON has no NaN: too few samples to fit give null. */
    private static String jsonNumber(double value) {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.2f", value) : "null";
    }
}
