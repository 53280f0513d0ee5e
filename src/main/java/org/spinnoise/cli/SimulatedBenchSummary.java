package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spinnoise.run.manifest.SimulatedBench;
import org.spinnoise.sim.BenchRecord;
import org.spinnoise.sim.JunctionStress;
import org.spinnoise.sim.SimulatedRunCheck;

/**
 * After a run on the simulated bench: prints what the junction went through (largest voltage, each output's level
 * between pulses, breakdown) and the instrument time a real bench would have spent, as {@link SimulatedRunCheck}
 * found and recorded them in the run's manifest, and returns its problems so the run fails.
 */
final class SimulatedBenchSummary {
    private SimulatedBenchSummary() {
    }

    /** Checks, records in the manifest, prints and returns the problems found (empty when treated right). */
    static List<String> report(PrintWriter out, BenchRecord record, Path runFolder, double limitVolts)
            throws IOException {
        SimulatedBench checked = SimulatedRunCheck.check(record, runFolder, limitVolts);
        printJunctions(out, record);
        out.printf(Locale.ROOT, "recipe limit %.4g V across the junction%n", limitVolts);
        double modelledSeconds = checked.modelledSecondsByRole().values().stream().mapToDouble(Double::doubleValue)
                .sum();
        out.printf(Locale.ROOT, "a real bench (instrument times modelled from the manuals) would spend %.1f s on this run:"
                + " %.2f ms per read, %.0f bits/s%n", modelledSeconds, checked.modelledSecondsPerRead() * 1e3,
                checked.modelledBitsPerSecond());
        return checked.problems();
    }

    /** What each junction went through: pulses, largest voltage, DC held, each output's level between pulses. */
    static void printJunctions(PrintWriter out, BenchRecord record) {
        for (BenchRecord.JunctionRecord junction : record.junctions()) {
            JunctionStress stress = junction.stress();
            out.printf(Locale.ROOT, "junction %d  pulses %d  largest |V| %.4f V  held non-zero %.3f s (largest %.4f V, "
                            + "%d switches while held)  %s%n", junction.index(), stress.pulses(), stress.maxAbsVolts(),
                    stress.secondsHeldNonZero(), stress.largestHeldVolts(), stress.switchesWhileHeld(),
                    stress.brokenDown() ? String.format(Locale.ROOT, "BROKEN DOWN at %.4f V", stress.breakdownAtVolts())
                            : "intact");
            junction.levels().forEach((source, level) -> out.printf(Locale.ROOT,
                    "  %-10s  largest level between pulses %.4f V, non-zero for %.3f s%n", source, level.largestVolts(),
                    level.secondsNonZero()));
        }
        out.flush();
    }
}
