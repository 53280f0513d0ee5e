package org.spinnoise.link;

import java.util.Locale;

/**
 * Line settings of a serial instrument link. The defaults (9600 8N1, no flow control) are what most bench instruments
 * ship with; a pulser board runs far faster and says so in its address.
 */
public record SerialSettings(int baud, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {

    /** Parity bit of each character. */
    public enum Parity { NONE, ODD, EVEN, MARK, SPACE }

    /** Stop bits of each character. */
    public enum StopBits { ONE, ONE_POINT_FIVE, TWO }

    /** Hardware (RTS/CTS), software (XON/XOFF) or no flow control. */
    public enum FlowControl { NONE, RTSCTS, XONXOFF }

    public static final SerialSettings DEFAULT = new SerialSettings(9600, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);

    public SerialSettings {
        if (baud < 50 || baud > 20_000_000) {
            throw new IllegalArgumentException("baud " + baud + " is outside 50..20000000");
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("data bits " + dataBits + " is outside 5..8");
        }
    }

    SerialSettings withOption(String key, String value) {
        return switch (key) {
            case "baud" -> new SerialSettings((int) wholeNumber(key, value), dataBits, parity, stopBits, flowControl);
            case "databits" -> new SerialSettings(baud, (int) wholeNumber(key, value), parity, stopBits, flowControl);
            case "parity" -> new SerialSettings(baud, dataBits, word(Parity.class, key, value), stopBits, flowControl);
            case "stopbits" -> new SerialSettings(baud, dataBits, parity, parseStopBits(value), flowControl);
            case "flow" -> new SerialSettings(baud, dataBits, parity, stopBits,
                    word(FlowControl.class, key, value));
            default -> throw new IllegalArgumentException("unknown serial option '" + key
                    + "' (serial links take baud, databits, parity, stopbits, flow, timeout_ms, read_term, write_term)");
        };
    }

    /** An option's whole-number value, with a message that names the option instead of a bare parse failure. */
    static long wholeNumber(String key, String value) {
        try {
            long n = Long.parseLong(value.trim());
            if (n > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, not '" + value + "'", e);
        }
    }

    private static <E extends Enum<E>> E word(Class<E> type, String key, String value) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()) + ", not '" + value + "'", e);
        }
    }

    private static StopBits parseStopBits(String value) {
        return switch (value) {
            case "1" -> StopBits.ONE;
            case "1.5" -> StopBits.ONE_POINT_FIVE;
            case "2" -> StopBits.TWO;
            default -> throw new IllegalArgumentException("stop bits must be 1, 1.5 or 2, not '" + value + "'");
        };
    }
}
