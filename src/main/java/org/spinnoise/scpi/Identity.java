package org.spinnoise.scpi;

/**
 * What an instrument says it is ({@code *IDN?}): manufacturer, model, serial number, firmware. Recorded in every run
 * manifest so bits keep their provenance, and used to pick a driver.
 */
public record Identity(String manufacturer, String model, String serialNumber, String firmware, String raw) {

    /** Parses the four comma-separated IEEE 488.2 fields; missing fields are empty, never an error. */
    public static Identity parse(String reply) {
        String raw = reply.trim();
        String[] f = raw.split(",", 4);
        return new Identity(field(f, 0), field(f, 1), field(f, 2), field(f, 3), raw);
    }

    private static String field(String[] fields, int index) {
        return index < fields.length ? fields[index].trim() : "";
    }

    /** Model with manufacturer, e.g. "Keysight Technologies 33622A", for log lines. */
    public String label() {
        return (manufacturer + " " + model).trim();
    }
}
