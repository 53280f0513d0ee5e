package org.spinnoise.run;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;

/**
 * Everything a calibrate-and-acquire run needs to know, read from a recipe file (JSON): the safety limits, how the
 * pulse channels are wired, the read bias, the reset pulse, the threshold measurement, the switching sweep, how many
 * bits to take at V50 and what the health tests assume.
 */
public record AcquisitionPlan(SafetyLimits limits, Wiring wiring, ReadBias read, PulseShape reset, LevelsPlan levels,
                              SweepPlan sweep, long bits, HealthPlan health, long seed) {

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
        if (bits < 1) {
            throw new IllegalArgumentException("bits must be positive, got " + bits);
        }
        if (reset.amplitudeVolts() >= 0) {
            throw new IllegalArgumentException("the reset pulse must be negative, got " + reset.amplitudeVolts()
                    + " V");
        }
    }

    /** Reads a recipe file; the message of a failure names the file and the field. */
    public static AcquisitionPlan read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, file.toString());
        }
    }

    /** The demo recipe from the class path. */
    public static AcquisitionPlan demo() throws IOException {
        try (InputStream in = AcquisitionPlan.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new IOException("the demo recipe " + DEMO_RESOURCE + " is missing from the jar; rebuild it");
            }
            return parse(in, "demo recipe");
        }
    }

    public AcquisitionPlan withBits(long newBits) {
        return new AcquisitionPlan(limits, wiring, read, reset, levels, sweep, newBits, health, seed);
    }

    public AcquisitionPlan withLimits(SafetyLimits newLimits) {
        return new AcquisitionPlan(newLimits, wiring, read, reset, levels, sweep, bits, health, seed);
    }

    private static AcquisitionPlan parse(InputStream in, String name) throws IOException {
        try {
            return JSON.readValue(in, AcquisitionPlan.class);
        } catch (IOException e) {
            throw new IOException("recipe " + name + " is not valid: " + firstLine(e.getMessage()), e);
        }
    }

    private static String firstLine(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
