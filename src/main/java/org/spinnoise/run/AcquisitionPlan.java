package org.spinnoise.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.spinnoise.bits.AcquisitionScheme;
import org.spinnoise.bits.PacedBatchSource;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.ReconnectPolicy;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.json.JsonProblem;

/**
 * Everything a calibrate-and-acquire run needs to know, read from a recipe file (JSON): the safety limits, how the
 * pulse channels are wired, the read bias, the reset pulse, the threshold measurement, the switching sweep, how many
 * bits to take at V50 and what the health tests assume; optionally the scheme and how hard to reconnect an instrument
 * that drops, stalls or reboots mid-run ({@code "reconnect"}: attempts, firstBackoffSeconds, factor, capSeconds;
 * absent means {@link ReconnectPolicy#DEFAULT}), drift tracking during the acquisition ({@code "tracking"}, see
 * {@link TrackingPlan}; a recipe without it gets {@link TrackingPlan#DEFAULT}, tracking on, because an unattended
 * junction drifts out of p = 1/2 within minutes and the tracker moves only on significant evidence; a plan built in
 * code or read from a manifest written before tracking existed has none, which is {@link TrackingPlan#OFF}), and the
 * switching scheme ({@code "switching"}, a {@link SwitchingPlan}; absent means reset-write).
 */
public record AcquisitionPlan(SafetyLimits limits, Wiring wiring, ReadBias read, PulseShape reset, LevelsPlan levels,
                              SweepPlan sweep, long bits, HealthPlan health, long seed, SchemePlan scheme,
                              ReconnectPolicy reconnect, TrackingPlan tracking, SwitchingPlan switching) {

    /**
     * How the bits are made: {@code mode} "auto" (hardware-triggered batches when both instruments can run them,
     * else one bit at a time), "batched" or "per-bit"; for batches, the SMU's trigger output line cabled to the pulse
     * generator's external trigger input, the bits per batch (the SMU's buffer bounds it) and the margin the SMU
     * waits after the write pulse's end before it reads (null: {@link PacedBatchSource#SETTLE_MARGIN_SECONDS}, the
     * conservative default while the instruments' trigger latencies are unmeasured).
     */
    public record SchemePlan(String mode, int smuTriggerLine, int batchBits, Double settleMarginSeconds) {
        /** What a recipe without a "scheme" gets: auto, line 1, batches of 1,000 bits, the default margin. */
        public static final SchemePlan DEFAULT = new SchemePlan("auto", 1, 1000);

        public SchemePlan {
            scheme(mode);
            if (smuTriggerLine < 1) {
                throw new IllegalArgumentException("scheme.smuTriggerLine must be a line number from 1, got "
                        + smuTriggerLine);
            }
            if (batchBits < 1) {
                throw new IllegalArgumentException("scheme.batchBits must be positive, got " + batchBits);
            }
            if (settleMarginSeconds == null) {
                settleMarginSeconds = PacedBatchSource.SETTLE_MARGIN_SECONDS;
            }
            if (!(settleMarginSeconds >= 0) || settleMarginSeconds > 1) {
                throw new IllegalArgumentException("scheme.settleMarginSeconds must be 0 to 1 s, got "
                        + settleMarginSeconds);
            }
        }

        /** A scheme with the default settle margin. */
        public SchemePlan(String mode, int smuTriggerLine, int batchBits) {
            this(mode, smuTriggerLine, batchBits, null);
        }

        /** The scheme the mode names. */
        public AcquisitionScheme scheme() {
            return scheme(mode);
        }

        private static AcquisitionScheme scheme(String mode) {
            return switch (String.valueOf(mode)) {
                case "auto" -> AcquisitionScheme.AUTO;
                case "batched" -> AcquisitionScheme.BATCHED;
                case "per-bit" -> AcquisitionScheme.PER_BIT;
                default -> throw new IllegalArgumentException("scheme.mode must be \"auto\", \"batched\" or "
                        + "\"per-bit\", got \"" + mode + "\"");
            };
        }
    }

    /** A plan made the default way (scheme {@link SchemePlan#DEFAULT}, reconnect {@link ReconnectPolicy#DEFAULT}). */
    public AcquisitionPlan(SafetyLimits limits, Wiring wiring, ReadBias read, PulseShape reset, LevelsPlan levels,
                           SweepPlan sweep, long bits, HealthPlan health, long seed) {
        this(limits, wiring, read, reset, levels, sweep, bits, health, seed, SchemePlan.DEFAULT);
    }

    /** A plan with the default reconnect policy. */
    public AcquisitionPlan(SafetyLimits limits, Wiring wiring, ReadBias read, PulseShape reset, LevelsPlan levels,
                           SweepPlan sweep, long bits, HealthPlan health, long seed, SchemePlan scheme) {
        this(limits, wiring, read, reset, levels, sweep, bits, health, seed, scheme, ReconnectPolicy.DEFAULT);
    }

    /** A plan without drift tracking ({@link TrackingPlan#OFF}), reset-write. */
    public AcquisitionPlan(SafetyLimits limits, Wiring wiring, ReadBias read, PulseShape reset, LevelsPlan levels,
                           SweepPlan sweep, long bits, HealthPlan health, long seed, SchemePlan scheme,
                           ReconnectPolicy reconnect) {
        this(limits, wiring, read, reset, levels, sweep, bits, health, seed, scheme, reconnect, TrackingPlan.OFF,
                null);
    }

    /** Which pulse-generator channel carries write pulses and which carries reset pulses. */
    public record Wiring(int writeChannel, int resetChannel) {
    }

    /** The threshold measurement: set-pulse amplitude (well above V50) and reads per state. */
    public record LevelsPlan(double setAmplitudeVolts, int readsPerState) {
    }

    /** The claimed min-entropy per raw bit and the false-alarm rate 2^falseAlarmLog2 of the health tests. */
    public record HealthPlan(double claimedEntropyPerBit, int falseAlarmLog2) {
        public double alpha() {
            return Math.pow(2, falseAlarmLog2);
        }
    }

    /** The recipe shipped with spinnoise for the simulated demo bench. */
    public static final String DEMO_RESOURCE = "/org/spinnoise/recipes/demo.json";

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    public AcquisitionPlan {
        if (scheme == null) {
            scheme = SchemePlan.DEFAULT;
        }
        if (reconnect == null) {
            // Manifests and recipes written before reconnects existed have none: they get the default.
            reconnect = ReconnectPolicy.DEFAULT;
        }
        if (tracking == null) {
            tracking = TrackingPlan.OFF;
        }
        if (switching == null) {
            switching = SwitchingPlan.DEFAULT;
        }
        if (bits < 1) {
            throw new IllegalArgumentException("bits must be positive, got " + bits);
        }
        if (reset != null && reset.amplitudeVolts() >= 0) {
            throw new IllegalArgumentException("the reset pulse must be negative, got " + reset.amplitudeVolts()
                    + " V");
        }
    }

    /**
     * The first reason this plan must not run, as "field ...: what is wrong; what to do" (every stage against the
     * safety limits, every number against plausible bounds: {@link RecipeBounds}), or null when it may run. Checked
     * when a recipe is read and again before a run starts, so nothing is pulsed for a recipe a later stage refuses.
     */
    public String problem() {
        return RecipeBounds.problem(this);
    }

    /**
     * Reads a recipe file and checks it whole ({@link #problem()}); a failure is one line naming the file, the field
     * and what to do.
     */
    public static AcquisitionPlan read(Path file) throws IOException {
        AcquisitionPlan plan;
        try (InputStream in = Files.newInputStream(file)) {
            plan = parse(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new IOException("recipe " + file + ": no such file; give the path of a recipe JSON (examples in "
                    + "calibration/recipes/), or leave out --recipe for the built-in demo recipe", e);
        } catch (JsonProblemException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("recipe " + file + ": " + JsonProblem.of(e), e);
        }
        return checked(plan, "recipe " + file);
    }

    /** {@code plan}, or a refusal naming {@code source} when {@link #problem()} finds one. */
    private static AcquisitionPlan checked(AcquisitionPlan plan, String source) throws IOException {
        String problem = plan.problem();
        if (problem != null) {
            throw new JsonProblemException(source + ": " + problem);
        }
        return plan;
    }

    /** A recipe that was read but is not valid; its message is already the whole line. */
    private static final class JsonProblemException extends IOException {
        JsonProblemException(String message) {
            super(message);
        }
    }

    /** The demo recipe from the class path. */
    public static AcquisitionPlan demo() throws IOException {
        return shipped("demo");
    }

    /** A recipe shipped in the jar from {@code calibration/recipes/<name>.json}, e.g. "demo-toggle". */
    public static AcquisitionPlan shipped(String name) throws IOException {
        String resource = "/org/spinnoise/recipes/" + name + ".json";
        try (InputStream in = AcquisitionPlan.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the " + name + " recipe " + resource + " is missing from the jar; rebuild it");
            }
            return checked(parse(in, name + " recipe"), "the " + name + " recipe");
        }
    }

    public AcquisitionPlan withBits(long newBits) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, newBits, health, seed, scheme,
                reconnect, tracking, switching);
    }

    public AcquisitionPlan withLimits(SafetyLimits newLimits) {
        return new AcquisitionPlan(newLimits, wiring, read, reset, levels, sweep, bits, health, seed, scheme,
                reconnect, tracking, switching);
    }

    public AcquisitionPlan withScheme(SchemePlan newScheme) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, bits, health, seed, newScheme,
                reconnect, tracking, switching);
    }

    public AcquisitionPlan withReconnect(ReconnectPolicy newReconnect) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, bits, health, seed, scheme,
                newReconnect, tracking, switching);
    }

    public AcquisitionPlan withTracking(TrackingPlan newTracking) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, bits, health, seed, scheme, reconnect,
                newTracking, switching);
    }

    public AcquisitionPlan withSwitching(SwitchingPlan newSwitching) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, bits, health, seed, scheme, reconnect,
                tracking, newSwitching);
    }

    private static AcquisitionPlan parse(InputStream in, String name) throws IOException {
        try {
            if (!(JSON.readTree(in) instanceof ObjectNode tree)) {
                throw new JsonProblemException("recipe " + name + ": is not a JSON object of recipe fields {...}; "
                        + "see calibration/recipes/demo.json");
            }
            // Recipes written before the batched scheme existed have no "scheme": they get the default (auto).
            if (!tree.has("scheme")) {
                tree.set("scheme", JSON.valueToTree(SchemePlan.DEFAULT));
            } else if (tree.get("scheme") instanceof ObjectNode scheme && !scheme.has("settleMarginSeconds")) {
                scheme.putNull("settleMarginSeconds"); // optional: the default margin
            }
            if (tree.get("sweep") instanceof ObjectNode sweep) {
                // Optional: absent means the fixed plan of recipes written before the adaptive sweep.
                for (String optional : new String[] {"mode", "pulses", "widthsSeconds"}) {
                    if (!sweep.has(optional)) {
                        sweep.putNull(optional);
                    }
                }
            }
            if (!tree.has("switching")) {
                tree.putNull("switching"); // optional: reset-write
            }
            if (!tree.has("reconnect")) {
                tree.set("reconnect", JSON.valueToTree(ReconnectPolicy.DEFAULT));
            }
            if (!tree.has("tracking")) {
                tree.set("tracking", JSON.valueToTree(TrackingPlan.DEFAULT));
            } else if (tree.get("tracking") instanceof ObjectNode tracking) {
                // Every tracking field is optional: those not given take the defaults.
                JSON.valueToTree(TrackingPlan.DEFAULT).fields().forEachRemaining(f -> {
                    if (!tracking.has(f.getKey())) {
                        tracking.set(f.getKey(), f.getValue());
                    }
                });
            }
            return JSON.treeToValue(tree, AcquisitionPlan.class);
        } catch (JsonProblemException e) {
            throw e;
        } catch (IOException e) {
            throw new JsonProblemException("recipe " + name + ": " + JsonProblem.of(e)
                    + "; correct the file (calibration/README.md describes every field)");
        }
    }
}
