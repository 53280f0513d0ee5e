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

    /** The interface part of a TCP/IP resource: "TCPIP" and an optional board number, then "::". */
    private static final Pattern TCP_PREFIX = Pattern.compile("(?i)TCPIP\\d*::");
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
        Matcher tcp = TCP_PREFIX.matcher(resource);
        if (tcp.lookingAt()) {
            return parseTcp(resource.substring(tcp.end()), text);
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

    /**
     * The part of a TCP/IP resource after "TCPIP[board]::", by the VISA grammar: {@code host::port::SOCKET} is a raw
     * socket; {@code host}, {@code host::INSTR} and {@code host::<device>::INSTR} are VXI-11 or HiSLIP (device names
     * such as inst0 or hislip0), which spinnoise does not speak. A host in brackets is an IPv6 literal.
     */
    private static InstrumentAddress parseTcp(String rest, String text) {
        String socketForm = "write it as TCPIP::<host>::<port>::SOCKET, e.g. TCPIP::192.168.0.5::5025::SOCKET";
        String host;
        String after;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("address '" + text + "': the IPv6 host has no closing ']'; "
                        + socketForm);
            }
            host = rest.substring(1, close);
            after = rest.substring(close + 1);
            if (!host.matches("(?i)[0-9a-f:.]+") || !host.contains(":")) {
                throw new IllegalArgumentException("address '" + text + "': '[" + host + "]' is not an IPv6 address; "
                        + socketForm);
            }
        } else {
            int sep = rest.indexOf("::");
            host = sep < 0 ? rest : rest.substring(0, sep);
            after = sep < 0 ? "" : rest.substring(sep);
            if (!host.matches("[A-Za-z0-9._-]+")) {
                // DNS names and IPv4 addresses are letters, digits, dots and hyphens; an IPv6 one goes in brackets.
                throw new IllegalArgumentException("address '" + text + "': '" + host + "' is not a host name or IP "
                        + "address (the port goes after '::', an IPv6 address in brackets); " + socketForm);
            }
        }
        if (!after.isEmpty() && !after.startsWith("::")) {
            throw new IllegalArgumentException("address '" + text + "': expected '::' after the host; " + socketForm);
        }
        String[] parts = after.isEmpty() ? new String[0] : after.substring(2).split("::", -1);
        boolean socket = parts.length > 0 && parts[parts.length - 1].equalsIgnoreCase("SOCKET");
        if (!socket) {
            if (parts.length == 0 || parts[parts.length - 1].equalsIgnoreCase("INSTR") && parts.length <= 2) {
                throw new IllegalArgumentException("address '" + text + "': only raw SCPI sockets are supported "
                        + "(VXI-11 and HiSLIP are not); write it as TCPIP::<host>::5025::SOCKET");
            }
            throw new IllegalArgumentException("address '" + text + "' does not end in ::SOCKET (a raw socket) or "
                    + "::INSTR; " + socketForm);
        }
        if (parts.length != 2) {
            throw new IllegalArgumentException("address '" + text + "': a raw socket is host, port and SOCKET; "
                    + socketForm);
        }
        String digits = parts[0];
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("address '" + text + "': the port '" + digits + "' is not a number "
                    + "from 1..65535 (instruments usually listen on 5025); " + socketForm);
        }
        // More than five digits is out of range anyway, and would overflow an int before the range check.
        int port = digits.length() > 5 ? -1 : Integer.parseInt(digits);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("address '" + text + "': port " + digits + " is outside 1..65535");
        }
        return new InstrumentAddress(Transport.TCP_SOCKET, host, port, null, null, DEFAULT_TIMEOUT,
                Termination.LF, Termination.LF);
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
