package org.spinnoise.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.run.AcquisitionPlan;
import picocli.CommandLine.Option;

/** The options every acquiring command shares: which recipe, what to override in it, where run folders go. */
final class RecipeOptions {
    @Option(names = "--recipe", paramLabel = "FILE",
            description = "Acquisition recipe JSON (see calibration/README.md; default: the built-in demo recipe).")
    Path recipeFile;

    @OptionRange(min = 1, max = 1e13)
    @Option(names = "--bits", paramLabel = "N", description = "Bits to acquire at V50 (default: the recipe's).")
    Long bits;

    @OptionRange(min = 0, minExclusive = true, max = SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS)
    @Option(names = "--max-volts", paramLabel = "VOLTS",
            description = "Safety limit on any voltage across the junction (default: the recipe's limits.maxJunctionVolts).")
    Double maxJunctionVolts;

    @OptionRange(min = 0, minExclusive = true, max = SafetyLimits.PLAUSIBLE_MAX_CURRENT_AMPS)
    @Option(names = "--max-amps", paramLabel = "AMPS",
            description = "Safety limit on the current through the junction (default: the recipe's limits.maxCurrentAmps).")
    Double maxCurrentAmps;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    /** The recipe with the command line's overrides applied. */
    AcquisitionPlan plan() throws IOException {
        return plan(recipeFile, bits, maxJunctionVolts, maxCurrentAmps);
    }

    /** The recipe (the built-in demo one when {@code recipeFile} is null) with the given overrides (null: none). */
    static AcquisitionPlan plan(Path recipeFile, Long bits, Double maxJunctionVolts, Double maxCurrentAmps)
            throws IOException {
        AcquisitionPlan plan = recipeFile == null ? AcquisitionPlan.demo() : AcquisitionPlan.read(recipeFile);
        if (bits != null) {
            plan = plan.withBits(bits);
        }
        if (maxJunctionVolts != null || maxCurrentAmps != null) {
            SafetyLimits limits = new SafetyLimits(
                    maxJunctionVolts != null ? maxJunctionVolts : plan.limits().maxJunctionVolts(),
                    maxCurrentAmps != null ? maxCurrentAmps : plan.limits().maxCurrentAmps());
            plan = plan.withLimits(limits);
        }
        if (bits != null || maxJunctionVolts != null || maxCurrentAmps != null) {
            // The file was checked as read; the command line's overrides are checked with it, before any pulse.
            String problem = plan.problem();
            if (problem != null) {
                throw new IOException((recipeFile == null ? "the demo recipe" : "recipe " + recipeFile)
                        + " with the command line's --bits, --max-volts or --max-amps: " + problem);
            }
        }
        return plan;
    }
}
