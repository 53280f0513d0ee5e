package org.spinnoise.link;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an instrument is, written in VISA resource syntax so addresses copy straight from NI MAX, PyVISA or a
 * manual: {@code TCPIP::192.168.0.5::5025::SOCKET} for a raw SCPI socket and {@code ASRL/dev/ttyUSB0::INSTR} for a
 * serial line. Link options follow a {@code ?} as {@code key=value} pairs joined by {@code &}: {@code timeout_ms},
 * {@code read_term} and {@code write_term} (LF, CRLF, CR) for every link; {@code baud}, {@code databits},
 * {@code parity}, {@code stopbits}, {@code flow} for serial ones.
 */
public record InstrumentAddress(
        Transport transport,
        String host,
        int port,
        String devicePath,
        SerialSettings serial,
        Duration timeout,
        Termination readTermination,
        Termination writeTermination) {

    /** The two kinds of link spinnoise opens. */
    public enum Transport { TCP_SOCKET, SERIAL }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private static final Pattern TCP_SOCKET = Pattern.compile("(?i)TCPIP\\d*::([^:]+|\\[[0-9a-f:]+\\])::(\\d+)::SOCKET");
    private static final Pattern TCP_OTHER = Pattern.compile("(?i)TCPIP\\d*::.*");
    private static final Pattern SERIAL = Pattern.compile("(?i)ASRL(.+)::INSTR");

    /**
     * Parses an address; the message of the exception says what a valid address looks like.
     *
     * @throws IllegalArgumentException when the text is not a supported VISA resource
     */
    public static InstrumentAddress parse(String text) {
        String trimmed = text.trim();
        int question = trimmed.indexOf('?');
        String resource = question < 0 ? trimmed : trimmed.substring(0, question);
        String options = question < 0 ? "" : trimmed.substring(question + 1);
        InstrumentAddress address = parseResource(resource, text);
        for (String pair : options.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("address '" + text + "': option '" + pair + "' is not key=value");
            }
            try {
                address = address.withOption(pair.substring(0, eq).toLowerCase(Locale.ROOT), pair.substring(eq + 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("address '" + text + "': " + e.getMessage(), e);
            }
        }
        return address;
    }

    private static InstrumentAddress parseResource(String resource, String text) {
        Matcher tcp = TCP_SOCKET.matcher(resource);
        if (tcp.matches()) {
            String digits = tcp.group(2);
            // More than five digits is out of range anyway, and would overflow an int before the range check.
            int port = digits.length() > 5 ? -1 : Integer.parseInt(digits);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("address '" + text + "': port " + digits + " is outside 1..65535");
            }
            // Brackets come off an IPv6 literal only: stripping a lone ']' or '[' changed the host, and "[]" left
            // none, so the address printed as one that does not parse back (fuzz finding 5).
            String named = tcp.group(1);
            String host = named.startsWith("[") && named.endsWith("]") && named.length() >= 2
                    ? named.substring(1, named.length() - 1) : named;
            if (host.isBlank()) {
                throw new IllegalArgumentException("address '" + text + "' names no host: write it as "
                        + "TCPIP::<host>::" + digits + "::SOCKET");
            }
            return new InstrumentAddress(Transport.TCP_SOCKET, host, port, null, null, DEFAULT_TIMEOUT,
                    Termination.LF, Termination.LF);
        }
        if (TCP_OTHER.matcher(resource).matches()) {
            throw new IllegalArgumentException("address '" + text + "': only raw SCPI sockets are supported "
                    + "(VXI-11 and HiSLIP are not); write it as TCPIP::<host>::5025::SOCKET");
        }
        Matcher serial = SERIAL.matcher(resource);
        if (serial.matches()) {
            String device = serial.group(1);
            if (device.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("address '" + text + "': give the serial device by path, "
                        + "e.g. ASRL/dev/ttyUSB0::INSTR (or ASRLCOM3::INSTR on Windows)");
            }
            return new InstrumentAddress(Transport.SERIAL, null, 0, device, SerialSettings.DEFAULT, DEFAULT_TIMEOUT,
                    Termination.LF, Termination.LF);
        }
        throw new IllegalArgumentException("address '" + text + "' is not a VISA resource spinnoise can open: "
                + "use TCPIP::<host>::<port>::SOCKET or ASRL<device path>::INSTR");
    }

    private InstrumentAddress withOption(String key, String value) {
        return switch (key) {
            case "timeout_ms" -> {
                long ms = SerialSettings.wholeNumber("timeout_ms", value);
                if (ms <= 0) {
                    throw new IllegalArgumentException("timeout_ms must be positive, not " + value);
                }
                yield new InstrumentAddress(transport, host, port, devicePath, serial, Duration.ofMillis(ms),
                        readTermination, writeTermination);
            }
            case "read_term" -> new InstrumentAddress(transport, host, port, devicePath, serial, timeout,
                    Termination.parse(value), writeTermination);
            case "write_term" -> new InstrumentAddress(transport, host, port, devicePath, serial, timeout,
                    readTermination, Termination.parse(value));
            default -> {
                if (transport != Transport.SERIAL) {
                    throw new IllegalArgumentException("unknown option '" + key
                            + "' (TCP links take timeout_ms, read_term, write_term)");
                }
                yield new InstrumentAddress(transport, host, port, devicePath, serial.withOption(key, value),
                        timeout, readTermination, writeTermination);
            }
        };
    }

    /** The resource part alone, as a person would name the instrument in a log line. */
    public String resource() {
        // An IPv6 host keeps its brackets so the printed resource parses back to the same address.
        // So does a host that is itself in brackets, which would otherwise lose them when parsed back.
        String hostPart = host != null && (host.contains(":") || host.startsWith("[") && host.endsWith("]"))
                ? "[" + host + "]" : host;
        return transport == Transport.TCP_SOCKET
                ? "TCPIP::" + hostPart + "::" + port + "::SOCKET"
                : "ASRL" + devicePath + "::INSTR";
    }

    @Override
    public String toString() {
        return resource();
    }
}
