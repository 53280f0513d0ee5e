package org.spinnoise.serve;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP endpoint the service binds, {@code tcp://host:port}, with port {@code 0} or {@code *} for an ephemeral port.
 * Knows whether it is loopback-only: 127.0.0.0/8, {@code ::1} and {@code localhost}; every other host (a wildcard,
 * an interface, another address) reaches other machines and therefore needs CURVE.
 */
public record BindAddress(String host, int port) {
    private static final Pattern TCP = Pattern.compile("tcp://(\\[[^\\]]+]|[^:/]+):(\\d{1,5}|\\*)");
    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    public static BindAddress parse(String endpoint) {
        Matcher m = TCP.matcher(endpoint.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("cannot bind '" + endpoint + "': give a TCP endpoint such as "
                    + "tcp://127.0.0.1:5555 (port 0 or * picks a free one)");
        }
        int port = m.group(2).equals("*") ? 0 : Integer.parseInt(m.group(2));
        if (port > 65535) {
            throw new IllegalArgumentException("cannot bind '" + endpoint + "': port " + port + " is above 65535");
        }
        return new BindAddress(m.group(1), port);
    }

    public boolean loopback() {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("[::1]") || h.equals("::1") || IPV4_LOOPBACK.matcher(h).matches();
    }

    /** The endpoint string JeroMQ binds: {@code *} for an ephemeral port. */
    String zmqEndpoint() {
        return "tcp://" + host + ":" + (port == 0 ? "*" : Integer.toString(port));
    }
}
