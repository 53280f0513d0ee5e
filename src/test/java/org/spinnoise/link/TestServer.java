package org.spinnoise.link;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP server for link tests: each accepted connection runs the handler on its own thread, numbered from 1
 * so a test can tell a reconnection from the first connection.
 */
final class TestServer implements AutoCloseable {

    @FunctionalInterface
    interface Handler {
        void handle(Socket socket, int connection) throws IOException, InterruptedException;
    }

    private final ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final Thread acceptor;

    TestServer(Handler handler) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                } catch (IOException e) {
                    return;
                }
                try {
                    s.setTcpNoDelay(true);
                } catch (IOException e) {
                    return;
                }
                sockets.add(s);
                int n = connections.incrementAndGet();
                Thread t = new Thread(() -> {
                    try (s) {
                        handler.handle(s, n);
                    } catch (IOException | InterruptedException ignored) {
                        // the client or the test closed the connection; nothing to report from the server side
                    }
                }, "test-server-conn-" + n);
                t.setDaemon(true);
                t.start();
            }
        }, "test-server-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    String address(String options) {
        return "TCPIP::127.0.0.1::" + port() + "::SOCKET" + (options.isEmpty() ? "" : "?" + options);
    }

    int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
