package org.spinnoise.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal raw-socket SCPI client for tests: writes lines, reads LF-terminated replies with a timeout. */
final class LineClient implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LineClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        socket.setSoTimeout(2000);
        socket.setTcpNoDelay(true);
    }

    /** Opens {@code TCPIP::<host>::<port>::SOCKET}. */
    static LineClient connect(String visaAddress) throws IOException {
        String[] parts = visaAddress.split("::");
        if (parts.length != 4 || !parts[0].equals("TCPIP") || !parts[3].equals("SOCKET")) {
            throw new IllegalArgumentException("not a TCPIP socket address: " + visaAddress);
        }
        return new LineClient(new Socket(parts[1], Integer.parseInt(parts[2])));
    }

    void timeoutMillis(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    void send(String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    String query(String line) throws IOException {
        send(line);
        return readLine();
    }

    String readLine() throws IOException {
        return new String(readRawLine(), StandardCharsets.ISO_8859_1);
    }

    /** The bytes of one reply line, without its LF; throws SocketTimeoutException when none arrives in time. */
    byte[] readRawLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed by the instrument");
            }
            line.write(b);
        }
        return line.toByteArray();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
