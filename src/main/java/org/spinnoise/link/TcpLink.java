package org.spinnoise.link;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * A raw SCPI socket (conventionally port 5025): text lines over TCP with Nagle's algorithm off, because bench
 * exchanges are many small request/reply pairs where latency, not throughput, sets the bit rate.
 */
final class TcpLink extends StreamLink {
    private static final int CONNECT_TIMEOUT_MILLIS = 3000;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    TcpLink(InstrumentAddress address) throws LinkException {
        super(address);
        openConnection();
    }

    @Override
    void openConnection() throws LinkException {
        InstrumentAddress a = address();
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(a.host(), a.port()), CONNECT_TIMEOUT_MILLIS);
            in = s.getInputStream();
            out = s.getOutputStream();
            socket = s;
        } catch (IOException e) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the connect already failed; nothing more to release
            }
            throw new LinkException(a + ": cannot connect (" + e.getMessage()
                    + "); check the host, the port (raw SCPI is usually 5025) and that the instrument is on", false, e);
        }
    }

    @Override
    int readSome(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        socket.setSoTimeout(Math.max(1, timeoutMillis));
        try {
            return in.read(into, offset, length);
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    void writeAll(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    @Override
    void closeConnection() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a broken socket can fail; it is gone either way
            }
            socket = null;
        }
    }

    @Override
    public boolean reopenDropsStaleBytes() {
        return true;
    }
}
