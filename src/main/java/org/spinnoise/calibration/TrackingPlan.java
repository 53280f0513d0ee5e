package org.spinnoise.calibration;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How drift is tracked during an acquisition (the recipe's {@code "tracking"} section, read into this record; every
 * field optional): whether at all, the switching probability to hold, the estimate's window and memory, how
 * significant a correction must be before the amplitude moves, the gain on the correction, the largest step, and the
 * calibrated range the amplitude may never leave. See {@link DriftTracker} for the estimator.
 *
 * @param enabled            false leaves the write amplitude where calibration put it (default true)
 * @param targetProbability  switching probability to hold, strictly between 0 and 1 (default 1/2: fair bits)
 * @param windowBits         bits per estimate (default 4096; a bench run rounds it to whole hardware batches)
 * @param memoryWindows      effective memory of the trend fit in windows, its forgetting factor 1 - 1/memory
 *                           (default 32)
 * @param significanceSigmas the amplitude moves only when the correction exceeds this many standard errors of its
 *                           estimate (default 2)
 * @param gain               share of the estimated correction applied per move, 0 &lt; gain &le; 1 (default 1)
 * @param maxStepDeltas      largest move per adjustment, in units of the fitted ΔV (default 0.5)
 * @param rangeDeltas        half-width of the calibrated range around the calibrated amplitude, in units of the fitted
 *                           ΔV (default 20); a junction that needs more has left its calibrated range and the run stops
 */
public record TrackingPlan(boolean enabled, double targetProbability, int windowBits, int memoryWindows,
                           double significanceSigmas, double gain, double maxStepDeltas, double rangeDeltas) {

    /** What a recipe without a "tracking" section gets: tracking on, p = 1/2, the defaults above. */
    public static final TrackingPlan DEFAULT = new TrackingPlan(true, 0.5, 4096, 32, 2, 1, 0.5, 20);

    /** No tracking: the amplitude stays at the calibrated point. */
    public static final TrackingPlan OFF = DEFAULT.withEnabled(false);

    public TrackingPlan {
        check(targetProbability > 0 && targetProbability < 1, "targetProbability", "strictly between 0 and 1",
                targetProbability);
        check(windowBits >= 64, "windowBits", "at least 64", windowBits);
        check(memoryWindows >= 2, "memoryWindows", "at least 2", memoryWindows);
        check(significanceSigmas >= 0 && Double.isFinite(significanceSigmas), "significanceSigmas", ">= 0",
                significanceSigmas);
        check(gain > 0 && gain <= 1, "gain", "in (0, 1]", gain);
        check(maxStepDeltas > 0 && Double.isFinite(maxStepDeltas), "maxStepDeltas", "positive", maxStepDeltas);
        check(rangeDeltas > 0 && Double.isFinite(rangeDeltas), "rangeDeltas", "positive", rangeDeltas);
    }

    /** Reads a recipe's section; absent fields take their defaults. */
    @JsonCreator
    static TrackingPlan fromJson(@JsonProperty("enabled") Boolean enabled,
                                 @JsonProperty("targetProbability") Double targetProbability,
                                 @JsonProperty("windowBits") Integer windowBits,
                                 @JsonProperty("memoryWindows") Integer memoryWindows,
                                 @JsonProperty("significanceSigmas") Double significanceSigmas,
                                 @JsonProperty("gain") Double gain,
                                 @JsonProperty("maxStepDeltas") Double maxStepDeltas,
                                 @JsonProperty("rangeDeltas") Double rangeDeltas) {
        TrackingPlan d = DEFAULT;
        return new TrackingPlan(enabled != null ? enabled : d.enabled,
                targetProbability != null ? targetProbability : d.targetProbability,
                windowBits != null ? windowBits : d.windowBits,
                memoryWindows != null ? memoryWindows : d.memoryWindows,
                significanceSigmas != null ? significanceSigmas : d.significanceSigmas,
                gain != null ? gain : d.gain, maxStepDeltas != null ? maxStepDeltas : d.maxStepDeltas,
                rangeDeltas != null ? rangeDeltas : d.rangeDeltas);
    }

    public TrackingPlan withEnabled(boolean on) {
        return new TrackingPlan(on, targetProbability, windowBits, memoryWindows, significanceSigmas, gain,
                maxStepDeltas, rangeDeltas);
    }

    public TrackingPlan withWindowBits(int bits) {
        return new TrackingPlan(enabled, targetProbability, bits, memoryWindows, significanceSigmas, gain,
                maxStepDeltas, rangeDeltas);
    }

    public TrackingPlan withRangeDeltas(double deltas) {
        return new TrackingPlan(enabled, targetProbability, windowBits, memoryWindows, significanceSigmas, gain,
                maxStepDeltas, deltas);
    }

    public TrackingPlan withTargetProbability(double p) {
        return new TrackingPlan(enabled, p, windowBits, memoryWindows, significanceSigmas, gain, maxStepDeltas,
                rangeDeltas);
    }

    /** The window rounded to whole batches of {@code batchBits} (at least one), so no window splits a batch. */
    public TrackingPlan roundedToBatches(int batchBits) {
        long batches = Math.max(1, Math.round((double) windowBits / batchBits));
        return withWindowBits((int) Math.min(Integer.MAX_VALUE, batches * batchBits));
    }

    private static void check(boolean ok, String field, String rule, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("tracking." + field + " must be " + rule + ", got " + value);
        }
    }
}
