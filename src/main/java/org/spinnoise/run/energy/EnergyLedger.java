package org.spinnoise.run.energy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A run's energy ledger ({@value RunEnergy#JSON_FILE} and {@value RunEnergy#CSV_FILE} in its folder): the device-level
 * energy of every operation the acquisition applied to the junction (write and reset pulses V²·t/R with R from the read
 * before, reads V_bias²·t_integration/R), summed per kind and divided per raw bit and per conditioned output bit, and
 * per square micrometer of junction when the run's device profile gives an area. Instrument and board energy is not in
 * the device figure: {@link Overhead} gives what is known about it (time and operations per bit). A ledger that could
 * not be computed says why in {@code notComputed} and has no figures.
 *
 * @param scheme                 the operations of one bit, in words
 * @param rawBits                bits the acquisition kept
 * @param operations             one row per kind of operation, with its count, energy, waveform and resistance rule
 * @param deviceJoules           the sum of the rows whose energy is known (null when none is)
 * @param covers                 which operations {@code deviceJoules} includes
 * @param conditioning           raw bits per conditioned output bit, and where that ratio comes from
 * @param areaSquareMeters       the junction's area from the run's device profile, or null
 * @param pulseJoulesPerOutputBit the write and reset pulses alone per output bit: the device's own switching cost,
 *                               without the instrument-paced reads (an SMU's millisecond integration dominates a
 *                               bench's figure; an on-chip sense amplifier reads in nanoseconds)
 * @param joulesAreaProductPerOutputBit energy per output bit times area (J·µm² per bit): smaller is better on both
 * @param notes                  the assumptions behind the figures, one sentence each
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"format", "not_computed", "scheme", "raw_bits", "acquisition_seconds", "operations",
        "device_joules", "covers", "joules_per_raw_bit", "conditioning", "joules_per_output_bit",
        "pulse_joules_per_raw_bit", "pulse_joules_per_output_bit", "area_square_meters",
        "area_source", "joules_per_raw_bit_per_square_micrometer", "joules_per_output_bit_per_square_micrometer",
        "joules_area_product_per_output_bit", "overhead", "notes"})
public record EnergyLedger(int format, String notComputed, String scheme, Long rawBits, Double acquisitionSeconds,
                           List<Operation> operations, Double deviceJoules, String covers, Double joulesPerRawBit,
                           Conditioning conditioning, Double joulesPerOutputBit, Double pulseJoulesPerRawBit,
                           Double pulseJoulesPerOutputBit, Double areaSquareMeters,
                           String areaSource, Double joulesPerRawBitPerSquareMicrometer,
                           Double joulesPerOutputBitPerSquareMicrometer, Double joulesAreaProductPerOutputBit,
                           Overhead overhead, List<String> notes) {

    /** The ledger format this code writes. */
    public static final int FORMAT = 1;

    /**
     * One kind of operation: how many, their summed energy (null when it cannot be known), the waveform applied and
     * which resistance each was divided by.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Operation(String kind, long count, Double joules, String waveform, String resistance) {
    }

    /** Raw bits per conditioned output bit, and whether measured by the run's ingest or nominal. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Conditioning(double rawBitsPerOutputBit, String basis) {
    }

    /**
     * What the instruments cost beside the device, as far as it is known: wall time and junction operations per raw
     * bit, the read bias's dissipation if it was held on for the whole acquisition (an upper bound), and a sentence
     * saying that instrument or board energy is outside the device figure.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Overhead(double secondsPerRawBit, double operationsPerRawBit, Double readBiasHeldUpperBoundJoules,
                           String outsideDeviceFigure) {
    }

    /** A ledger that could not be computed, saying why. */
    static EnergyLedger notComputed(String why) {
        return new EnergyLedger(FORMAT, why, null, null, null, List.of(), null, null, null, null, null, null, null,
                null, null, null, null, null, null, List.of());
    }

    /** True when the ledger holds figures. */
    public boolean computed() {
        return notComputed == null;
    }
}
