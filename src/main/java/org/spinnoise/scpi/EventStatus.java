package org.spinnoise.scpi;

import java.util.ArrayList;
import java.util.List;

/**
 * The IEEE 488.2 standard event status register as {@code *ESR?} returns it: a number from 0 to 255 whose bits 2 to 5
 * record a query, device-dependent, execution or command error since the register was last read. Every SCPI
 * instrument has it, and reading it clears it, which makes it the cheapest way to ask "anything wrong since I last
 * asked?" in one round trip.
 */
final class EventStatus {
    static final int QUERY_ERROR = 1 << 2;
    static final int DEVICE_ERROR = 1 << 3;
    static final int EXECUTION_ERROR = 1 << 4;
    static final int COMMAND_ERROR = 1 << 5;
    static final int ERROR_BITS = QUERY_ERROR | DEVICE_ERROR | EXECUTION_ERROR | COMMAND_ERROR;

    private EventStatus() {
    }

    /** The register's value from a reply such as {@code +16} or {@code 0}; anything else throws IllegalArgumentException. */
    static int parse(String reply) {
        String text = reply.trim();
        if (text.startsWith("+")) {
            text = text.substring(1);
        }
        int value;
        try {
            // Some instruments answer in NR2/NR3 form ("1.60000000E+01"); the value is still a whole number.
            double number = Double.parseDouble(text);
            value = (int) number;
            if (value != number) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("event status reply '" + reply + "' is not a whole number");
        }
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException("event status reply '" + reply + "' is outside 0..255");
        }
        return value;
    }

    /** The error classes a register value records, e.g. "execution error". */
    static String describeErrors(int status) {
        List<String> classes = new ArrayList<>();
        if ((status & COMMAND_ERROR) != 0) {
            classes.add("command error");
        }
        if ((status & EXECUTION_ERROR) != 0) {
            classes.add("execution error");
        }
        if ((status & DEVICE_ERROR) != 0) {
            classes.add("device-dependent error");
        }
        if ((status & QUERY_ERROR) != 0) {
            classes.add("query error");
        }
        return classes.isEmpty() ? "no error" : String.join(", ", classes);
    }
}
