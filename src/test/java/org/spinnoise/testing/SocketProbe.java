package org.spinnoise.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Asks an instrument (a simulated one on loopback) one query over a plain socket, bypassing every spinnoise layer, so
 * a test can check what the instrument holds without trusting the drivers it is testing.
 */
public final class SocketProbe {
    private SocketProbe() {
    }

    /** Sends {@code query} to {@code TCPIP::<host>::<port>::SOCKET} and returns the reply line without its LF. */
    public static String query(String visaAddress, String query) throws IOException {
        String[] parts = visaAddress.split("\\?")[0].split("::");
        if (parts.length != 4 || !parts[0].equals("TCPIP") || !parts[3].equals("SOCKET")) {
            throw new IllegalArgumentException("not a TCPIP socket address: " + visaAddress);
        }
        try (Socket socket = new Socket(parts[1], Integer.parseInt(parts[2]))) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write((query + "\n").getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException(visaAddress + " closed the connection before answering " + query);
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.ISO_8859_1).trim();
        }
    }

    /** True when the instrument answers an output-state query with 1 (or ON). */
    public static boolean isOn(String visaAddress, String query) throws IOException {
        String reply = query(visaAddress, query);
        return reply.equals("1") || reply.equalsIgnoreCase("ON");
    }
}
