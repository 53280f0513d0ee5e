package org.spinnoise.instrument.keithley;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinnoise.scpi.Identity;

/**
 * The source and compliance maxima of one Keithley 2400-series model, as the User's Manual (2400S-900-01 Rev. K)
 * gives them: source voltage from the amplitude limits of pp. 18-79 and 18-84, current compliance from p. 18-68.
 * The 2450 family is a different instrument with its own driver and never matches here.
 */
record Keithley2400Rating(String model, double maxSourceVolts, double maxComplianceAmps) {
    /** "MODEL 2400", "MODEL 2410", "2440", "MODEL 2400-LV"; not 2450/2460/2461, nor any other digits after 24xx. */
    private static final Pattern MODEL = Pattern.compile("(?:MODEL\\s*)?(24(?:00|01|10|20|25|30|40))(-LV)?",
            Pattern.CASE_INSENSITIVE);

    /** The rating of a Keithley 24xx identity this driver knows, or null for any other instrument. */
    static Keithley2400Rating of(Identity id) {
        if (!id.manufacturer().toUpperCase(Locale.ROOT).contains("KEITHLEY")) {
            return null;
        }
        Matcher m = MODEL.matcher(id.model().trim());
        if (!m.matches()) {
            return null;
        }
        String number = m.group(1);
        if (m.group(2) != null) {
            if (!number.equals("2400")) {
                return null;
            }
            return new Keithley2400Rating("2400-LV", 21, 1.05);          // p. 18-84: 2400-LV ±21 V, ±1.05 A
        }
        return switch (number) {
            case "2400" -> new Keithley2400Rating(number, 210, 1.05);    // pp. 18-84, 18-68
            case "2401" -> new Keithley2400Rating(number, 21, 1.05);     // p. 18-84
            case "2410" -> new Keithley2400Rating(number, 1100, 1.05);   // pp. 18-84, 18-68
            case "2420" -> new Keithley2400Rating(number, 63, 3.15);     // pp. 18-84, 18-68
            case "2425", "2430" -> new Keithley2400Rating(number, 105, 3.15); // p. 18-84 (2430 in DC mode)
            default -> new Keithley2400Rating(number, 42, 5.25);          // 2440: pp. 18-79, 18-68
        };
    }
}
