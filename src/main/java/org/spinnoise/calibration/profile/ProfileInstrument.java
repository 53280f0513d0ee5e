package org.spinnoise.calibration.profile;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;
import org.spinnoise.scpi.Identity;

/**
 * One instrument a device was calibrated with, as its {@code *IDN?} named it, where it was reached and the settings
 * it held at the end of the calibration: a profile re-used with another unit is then visible at a glance.
 *
 * @param role         what it did on the bench: "pulse" or "smu"
 * @param address      the address it was opened by (VISA resource syntax)
 * @param manufacturer {@code *IDN?} field 1
 * @param model        {@code *IDN?} field 2
 * @param serialNumber {@code *IDN?} field 3
 * @param firmware     {@code *IDN?} field 4
 * @param settings     the driver's settings at the end of the calibration (names as the driver reports them)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProfileInstrument(String role, String address, String manufacturer, String model, String serialNumber,
                                String firmware, Map<String, Object> settings) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    public ProfileInstrument {
        Fields.text("role", role);
        Fields.present("address", address);
        Fields.present("manufacturer", manufacturer);
        Fields.present("model", model);
        Fields.present("serial_number", serialNumber);
        Fields.present("firmware", firmware);
        // Sorted, so a profile written twice from the same bench is the same text; values as JSON reads them back
        // (Integer, Double, String, Map, List), so a profile equals itself read from its file.
        settings = settings == null ? Map.of() : new TreeMap<>(asJsonReadsIt(settings));
    }

    /** Through JSON text and back: a value converted in memory would keep its Long where the file gives Integer. */
    private static Map<String, Object> asJsonReadsIt(Map<String, Object> settings) {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(settings), MAP);
        } catch (IOException e) {
            throw new IllegalArgumentException("settings cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** An instrument from its identity and settings. */
    public static ProfileInstrument of(String role, String address, Identity identity, Map<String, Object> settings) {
        return new ProfileInstrument(role, address, identity.manufacturer(), identity.model(),
                identity.serialNumber(), identity.firmware(), settings);
    }

    /** True when {@code identity} names the same unit (model and serial number). */
    public boolean sameUnitAs(Identity identity) {
        return model.equals(identity.model()) && serialNumber.equals(identity.serialNumber());
    }

    /** "Keysight Technologies 33622A serial MY1234", for log lines and refusals. */
    public String label() {
        return (manufacturer + " " + model).trim() + " serial " + serialNumber;
    }
}
