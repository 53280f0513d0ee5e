package org.spinnoise.calibration.profile;

/**
 * The checks every profile record makes of its fields as it is built (and so as it is read): each failure names the
 * field as it is spelt in the JSON file, so a corrupt profile is refused with one line that says where.
 */
final class Fields {
    private Fields() {
    }

    static double finite(String field, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number, got " + value);
        }
        return value;
    }

    static double positive(String field, double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive finite number, got " + value);
        }
        return value;
    }

    static double nonNegative(String field, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number of at least 0, got " + value);
        }
        return value;
    }

    static double probability(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be a probability from 0 to 1, got " + value);
        }
        return value;
    }

    static Double optionalFinite(String field, Double value) {
        return value == null ? null : finite(field, value);
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing (null)");
        }
        return value;
    }

    static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must be a non-empty text");
        }
        return value;
    }
}
