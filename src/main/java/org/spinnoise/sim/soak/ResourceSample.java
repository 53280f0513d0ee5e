package org.spinnoise.sim.soak;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the process holds at one moment: heap in use right after a full collection (the live set, not garbage
 * waiting for the collector), resident set size and its high-water mark from {@code /proc/self/status}
 * ({@code VmRSS}, {@code VmHWM}; −1 where there is no such file), the resident memory outside the Java heap
 * ({@link ResidentOutsideHeap}; −1 where unknown), live threads, and open file descriptors
 * ({@code /proc/self/fd}; −1 without it), and the machine's one-minute load average ({@code /proc/loadavg}; NaN
 * without it): a soak starved of CPU by other work times out where an idle one would not, and the report says so.
 *
 * @param elapsedSeconds since the soak began
 */
public record ResourceSample(double elapsedSeconds, long heapUsedAfterGcBytes, long rssBytes, long rssHighWaterBytes,
                             long rssOutsideHeapBytes, int threads, int openFiles, double loadAverage) {

    private static final ResidentOutsideHeap OUTSIDE_HEAP = ResidentOutsideHeap.locate();

    /** Collects the garbage first, so the heap figure is the live set; the collection is what a sample costs. */
    static ResourceSample take(double elapsedSeconds) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        List<String> status = procStatus();
        return new ResourceSample(elapsedSeconds, heap, kib(status, "VmRSS:"), kib(status, "VmHWM:"),
                OUTSIDE_HEAP.bytes(), ManagementFactory.getThreadMXBean().getThreadCount(), countOpenFiles(),
                readLoadAverage());
    }

    /**
     * What shapes the memory figures besides the program: the heap limit, the C allocator's arena cap
     * ({@code MALLOC_ARENA_MAX}) and the JVM's periodic trim of the C heap ({@code TrimNativeHeapInterval}, in ms;
     * bin/spinnoise sets both).
     */
    static String memorySettings() {
        String trim;
        try {
            trim = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                    .getVMOption("TrimNativeHeapInterval").getValue() + " ms";
        } catch (IllegalArgumentException | NullPointerException notThisJvm) {
            trim = "not available";
        }
        String arenas = System.getenv("MALLOC_ARENA_MAX");
        return String.format(java.util.Locale.ROOT, "max heap %d MiB, MALLOC_ARENA_MAX %s, native heap trim every %s",
                Runtime.getRuntime().maxMemory() >> 20, arenas == null ? "unset" : arenas, trim);
    }

    static String csvHeader() {
        return "elapsed_s,heap_used_after_gc_bytes,rss_bytes,rss_hwm_bytes,rss_outside_heap_bytes,threads,open_files,"
                + "load_average_1m";
    }

    String csvRow() {
        return String.format(java.util.Locale.ROOT, "%.1f,%d,%d,%d,%d,%d,%d,%.2f", elapsedSeconds,
                heapUsedAfterGcBytes, rssBytes, rssHighWaterBytes, rssOutsideHeapBytes, threads, openFiles,
                loadAverage);
    }

    private static List<String> procStatus() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status"));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long kib(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    private static double readLoadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static int countOpenFiles() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            // the listing holds one descriptor of its own while it runs
            return (int) fds.count() - 1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
