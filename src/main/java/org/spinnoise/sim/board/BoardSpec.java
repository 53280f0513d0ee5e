package org.spinnoise.sim.board;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.charset.StandardCharsets;

/**
 * What the emulated pulser board is, as written in the {@code "board"} object of a board bench file: what it states
 * in {@code HELLO_REPLY} (protocol version, serial number, firmware, write DAC, pulse width limits, largest stream
 * payload, pulse rate), how its timer rounds widths, how its read path turns resistance into read-DAC codes and how
 * noisy that read is, how fast its serial line moves bytes ({@code lineBytesPerSecond}, 0 for as fast as the
 * pseudo-terminal allows), and which clock its junctions drift by ({@code modelledClock}: false, the default, for the
 * wall clock; true for the board's modelled time, pulses fired / {@code pulsesPerSecond}, so drift follows the bits
 * and not the machine's speed). Optional fields default to the values in the accessors' Javadoc.
 */
public record BoardSpec(
        @JsonProperty("protocolVersion") int protocolVersion,
        @JsonProperty(value = "serialNumber", required = true) String serialNumber,
        @JsonProperty(value = "firmwareVersion", required = true) String firmwareVersion,
        @JsonProperty(value = "dacBits", required = true) int dacBits,
        @JsonProperty(value = "dacFullScaleMillivolts", required = true) int dacFullScaleMillivolts,
        @JsonProperty(value = "minPulsePicoseconds", required = true) long minPulsePicoseconds,
        @JsonProperty(value = "maxPulsePicoseconds", required = true) long maxPulsePicoseconds,
        @JsonProperty("timerResolutionPicoseconds") long timerResolutionPicoseconds,
        @JsonProperty(value = "maxStreamPayloadBytes", required = true) int maxStreamPayloadBytes,
        @JsonProperty(value = "pulsesPerSecond", required = true) long pulsesPerSecond,
        @JsonProperty(value = "ohmsPerReadCode", required = true) double ohmsPerReadCode,
        @JsonProperty(value = "readNoiseRelative", required = true) double readNoiseRelative,
        @JsonProperty("maxReadDelayNanoseconds") long maxReadDelayNanoseconds,
        @JsonProperty("lineBytesPerSecond") long lineBytesPerSecond,
        @JsonProperty("modelledClock") boolean modelledClock) {

    public BoardSpec {
        if (protocolVersion == 0) {
            protocolVersion = 1;
        }
        if (timerResolutionPicoseconds == 0) {
            timerResolutionPicoseconds = 1;
        }
        if (maxReadDelayNanoseconds == 0) {
            maxReadDelayNanoseconds = 1_000_000;
        }
        require(protocolVersion >= 1 && protocolVersion <= 255, "protocolVersion", "1..255", protocolVersion);
        require(fits16(serialNumber), "serialNumber", "at most 16 ASCII characters", serialNumber);
        require(fits16(firmwareVersion), "firmwareVersion", "at most 16 ASCII characters", firmwareVersion);
        require(dacBits >= 8 && dacBits <= 16, "dacBits", "8..16", dacBits);
        require(dacFullScaleMillivolts >= 1 && dacFullScaleMillivolts <= 65535, "dacFullScaleMillivolts",
                "1..65535", dacFullScaleMillivolts);
        require(minPulsePicoseconds >= 1 && minPulsePicoseconds <= maxPulsePicoseconds
                && maxPulsePicoseconds <= 0xFFFF_FFFFL, "minPulsePicoseconds/maxPulsePicoseconds",
                "1 <= min <= max <= 4294967295", minPulsePicoseconds + "/" + maxPulsePicoseconds);
        require(timerResolutionPicoseconds >= 1, "timerResolutionPicoseconds", ">= 1", timerResolutionPicoseconds);
        require(maxStreamPayloadBytes >= 19 && maxStreamPayloadBytes <= 4096, "maxStreamPayloadBytes", "19..4096",
                maxStreamPayloadBytes);
        require(pulsesPerSecond >= 1 && pulsesPerSecond <= 0xFFFF_FFFFL, "pulsesPerSecond", "1..4294967295",
                pulsesPerSecond);
        require(ohmsPerReadCode > 0 && Double.isFinite(ohmsPerReadCode), "ohmsPerReadCode", "a positive number",
                ohmsPerReadCode);
        require(readNoiseRelative >= 0 && Double.isFinite(readNoiseRelative), "readNoiseRelative", ">= 0",
                readNoiseRelative);
        require(maxReadDelayNanoseconds >= 1 && maxReadDelayNanoseconds <= 0xFFFF_FFFFL, "maxReadDelayNanoseconds",
                "1..4294967295", maxReadDelayNanoseconds);
        require(lineBytesPerSecond >= 0, "lineBytesPerSecond", ">= 0 (0: unpaced)", lineBytesPerSecond);
    }

    /** The same board with another line rate (0: unpaced). */
    public BoardSpec withLineBytesPerSecond(long bytesPerSecond) {
        return new BoardSpec(protocolVersion, serialNumber, firmwareVersion, dacBits, dacFullScaleMillivolts,
                minPulsePicoseconds, maxPulsePicoseconds, timerResolutionPicoseconds, maxStreamPayloadBytes,
                pulsesPerSecond, ohmsPerReadCode, readNoiseRelative, maxReadDelayNanoseconds, bytesPerSecond,
                modelledClock);
    }

    /** The same board claiming another protocol version (to exercise a host's version check). */
    public BoardSpec withProtocolVersion(int version) {
        return new BoardSpec(version, serialNumber, firmwareVersion, dacBits, dacFullScaleMillivolts,
                minPulsePicoseconds, maxPulsePicoseconds, timerResolutionPicoseconds, maxStreamPayloadBytes,
                pulsesPerSecond, ohmsPerReadCode, readNoiseRelative, maxReadDelayNanoseconds, lineBytesPerSecond,
                modelledClock);
    }

    /** The same board with its junctions drifting by modelled time (true) or by the wall clock (false). */
    public BoardSpec withModelledClock(boolean modelled) {
        return new BoardSpec(protocolVersion, serialNumber, firmwareVersion, dacBits, dacFullScaleMillivolts,
                minPulsePicoseconds, maxPulsePicoseconds, timerResolutionPicoseconds, maxStreamPayloadBytes,
                pulsesPerSecond, ohmsPerReadCode, readNoiseRelative, maxReadDelayNanoseconds, lineBytesPerSecond,
                modelled);
    }

    /** The largest write DAC code: full scale. */
    public int dacFullScaleCode() {
        return (1 << dacBits) - 1;
    }

    /** Volts at the junction for a write or reset DAC code (the reset pulse has the opposite sign). */
    public double voltsOfCode(int code) {
        return code * (dacFullScaleMillivolts / 1000.0) / dacFullScaleCode();
    }

    private static boolean fits16(String text) {
        return text != null && text.length() <= 16 && StandardCharsets.US_ASCII.newEncoder().canEncode(text);
    }

    private static void require(boolean ok, String field, String range, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("board field '" + field + "' must be " + range + ", was " + value);
        }
    }
}
