package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.SimulatedBench;
import org.spinnoise.sim.BenchRecord;
import org.spinnoise.sim.JunctionStress;

/**
 * After a run on the simulated bench: what the junction went through (largest voltage, each output's level between
 * pulses, breakdown) and the instrument time a real bench would have spent, printed and added to the run's manifest
 * under {@code simulated_bench}. A pulse generator that held the junction off 0 V between pulses, a voltage beyond
 * the recipe's limit or a broken junction is a fault of the controller, returned as problems so the run fails.
 */
final class SimulatedBenchSummary {
    /** Levels below this are 0 V (instrument offsets are millivolts). */
    private static final double ZERO_VOLTS = 1e-3;

    private SimulatedBenchSummary() {
    }

    /** Prints, records in the manifest and returns the problems found (empty when the junction was treated right). */
    static List<String> report(PrintWriter out, BenchRecord record, Path runFolder, double limitVolts)
            throws IOException {
        RunFolder folder = RunFolder.open(runFolder);
        long reads = folder.manifest().array() != null ? arrayReads(folder) : readsOf(folder.manifest());
        List<String> problems = new ArrayList<>();
        printJunctions(out, record);
        out.printf(Locale.ROOT, "recipe limit %.4g V across the junction%n", limitVolts);
        for (BenchRecord.JunctionRecord junction : record.junctions()) {
            if (junction.stress().brokenDown()) {
                problems.add("the simulated junction " + junction.index() + " broke down at "
                        + junction.stress().breakdownAtVolts() + " V");
            }
            for (var level : junction.levels().entrySet()) {
                if (level.getKey().startsWith("pulse ") && Math.abs(level.getValue().largestVolts()) > ZERO_VOLTS) {
                    problems.add(level.getKey() + " held the junction at " + level.getValue().largestVolts()
                            + " V between pulses (it must rest at 0 V)");
                }
            }
        }
        if (record.maxAbsVolts() > limitVolts * (1 + 1e-9)) {
            problems.add("the junction saw " + record.maxAbsVolts() + " V, beyond the recipe's limit of " + limitVolts + " V");
        }
        double modelledSeconds = record.modelledSecondsByRole().values().stream().mapToDouble(Double::doubleValue).sum();
        double secondsPerRead = reads > 0 ? modelledSeconds / reads : Double.NaN;
        out.printf(Locale.ROOT, "a real bench (instrument times modelled from the manuals) would spend %.1f s on this run:"
                + " %.2f ms per read, %.0f bits/s%n", modelledSeconds, secondsPerRead * 1e3, 1 / secondsPerRead);
        SimulatedBench simulated = new SimulatedBench(record.junctions().stream().map(SimulatedBenchSummary::junction)
                .toList(), record.modelledSecondsByRole(), reads, secondsPerRead, 1 / secondsPerRead, List.copyOf(problems));
        folder.update(m -> m.withSimulatedBench(simulated));
        folder.saveManifest();
        return problems;
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

    /** Reads a run made: the threshold calibration's, the sweep's and the acquisition's (one per bit). */
    private static long readsOf(RunManifest manifest) {
        AcquisitionPlan plan = manifest.plan();
        if (plan == null) {
            return manifest.bits();
        }
        long levels = 2L * plan.levels().readsPerState();
        long sweep = plan.sweep().plannedPulses()
                * (1 + (plan.sweep().widthsSeconds() == null ? 0 : plan.sweep().widthsSeconds().size()));
        return levels + sweep + manifest.bits();
    }

    /**
     * Reads an array run made: each junction's calibration reads, counted from its tables (a junction left out may
     * have stopped part way), and the acquisition's.
     */
    private static long arrayReads(RunFolder folder) throws IOException {
        long reads = folder.manifest().bits();
        for (var junction : folder.manifest().array().junctions()) {
            for (String table : List.of("levels.csv", "sweep-reads.csv")) {
                Path file = folder.file("junction-" + junction.junction() + "-" + table);
                if (java.nio.file.Files.exists(file)) {
                    try (var lines = java.nio.file.Files.lines(file)) {
                        reads += Math.max(0, lines.count() - 1);
                    }
                }
            }
        }
        return reads;
    }

    /** The manifest's record of one simulated junction. */
    private static SimulatedBench.Junction junction(BenchRecord.JunctionRecord j) {
        JunctionStress s = j.stress();
        Map<String, SimulatedBench.Level> levels = new LinkedHashMap<>();
        j.levels().forEach((output, level) -> levels.put(output,
                new SimulatedBench.Level(level.largestVolts(), level.secondsNonZero())));
        return new SimulatedBench.Junction(j.index(), new SimulatedBench.Stress(s.maxAbsVolts(), s.pulses(),
                s.largestHeldVolts(), s.secondsHeldNonZero(), s.switchesWhileHeld(), s.brokenDown(),
                s.breakdownAtVolts()), levels);
    }
}
