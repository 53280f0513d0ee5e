package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.SimulatedBench;

/**
 * The simulated bench's verdict on a finished run: what each junction went through, the instrument time a real bench
 * would have spent (modelled from the manuals) and the problems, recorded in the run's manifest under
 * {@code simulated_bench}. A pulse generator that held the junction off 0 V between pulses, a voltage beyond the
 * recipe's limit or a broken junction is a fault of the controller, so a run with problems must fail.
 */
public final class SimulatedRunCheck {
    /** Levels below this are 0 V (instrument offsets are millivolts). */
    private static final double ZERO_VOLTS = 1e-3;

    private SimulatedRunCheck() {
    }

    /** Checks {@code record} against {@code limitVolts}, writes the verdict into the run's manifest and returns it. */
    public static SimulatedBench check(BenchRecord record, Path runFolder, double limitVolts) throws IOException {
        RunFolder folder = RunFolder.open(runFolder);
        long reads = folder.manifest().array() != null ? arrayReads(folder) : readsOf(folder.manifest());
        List<String> problems = new ArrayList<>();
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
        SimulatedBench simulated = new SimulatedBench(record.junctions().stream().map(SimulatedRunCheck::junction)
                .toList(), record.modelledSecondsByRole(), reads, secondsPerRead, 1 / secondsPerRead, List.copyOf(problems));
        folder.update(m -> m.withSimulatedBench(simulated));
        folder.saveManifest();
        return simulated;
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
                if (Files.exists(file)) {
                    try (Stream<String> lines = Files.lines(file)) {
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
