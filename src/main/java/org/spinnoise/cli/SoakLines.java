package org.spinnoise.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.spinnoise.sim.soak.FaultCounts;
import org.spinnoise.sim.soak.SoakReport;
import org.spinnoise.sim.soak.SoakSnapshot;

/** The console side of {@code spinnoise soak}: its periodic line and its final report, ending with the JSON line. */
final class SoakLines {
    private SoakLines() {
    }

    static void periodic(PrintWriter out, SoakSnapshot s) {
        FaultCounts f = s.faults();
        out.printf(Locale.ROOT, "soak %6.0f/%.0f s  bits %,d  runs %d (%d failed)  pool %,d B  served %,d B  faults "
                        + "%d/%d/%d  overlaps %d  heap %.1f MB  rss %.1f MB  threads %d  files %d%n",
                s.elapsedSeconds(), s.plannedSeconds(), s.bitsAcquired(), s.runs(), s.runsFailed(), s.poolBytes(),
                s.bytesServed(), f.injected(), f.detected(), f.recovered(), s.overlaps(),
                s.heapUsedAfterGcBytes() / 1e6, s.rssBytes() / 1e6, s.threads(), s.openFiles());
        out.flush();
    }

    static void report(PrintWriter out, SoakReport report) {
        report.lines().forEach(out::println);
        out.println(report.json());
        out.flush();
    }
}
