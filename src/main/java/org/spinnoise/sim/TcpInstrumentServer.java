package org.spinnoise.sim;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one simulated instrument over TCP on the loopback interface, on an ephemeral port, like the raw SCPI socket
 * of a LAN instrument. Each connection gets its own daemon thread; several may be open at once and share the one
 * instrument. Closing the server closes the listening socket and every connection.
 */
final class TcpInstrumentServer implements InstrumentServer {
    private static final Logger LOG = LoggerFactory.getLogger(TcpInstrumentServer.class);

    private final String role;
    private final ScpiInstrument instrument;
    private final FaultInjector faults;
    private final ModelledWaits waits;
    private final ServerSocket serverSocket;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Thread acceptThread;

    TcpInstrumentServer(String role, ScpiInstrument instrument, FaultInjector faults, ModelledWaits waits) {
        this.role = role;
        this.instrument = instrument;
        this.faults = faults;
        this.waits = waits;
        try {
            serverSocket = new ServerSocket();
            serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new SimulationException("Cannot open a loopback TCP port for simulated instrument '" + role + "': " + e.getMessage(), e);
        }
        faults.onDropConnections(role, this::dropConnections);
        acceptThread = new Thread(this::acceptLoop, "sim-" + role + "-accept");
        acceptThread.setDaemon(true);
        acceptThread.start();
        LOG.info("simulated {} ({}) listening at {}", role, instrument.idn(), address());
    }

    @Override
    public String address() {
        return "TCPIP::" + serverSocket.getInetAddress().getHostAddress() + "::" + serverSocket.getLocalPort() + "::SOCKET";
    }

    private void acceptLoop() {
        while (!serverSocket.isClosed()) {
            try {
                Socket socket = serverSocket.accept();
                if (faults.isDown(role)) {
                    // Rebooting: nothing listens yet, so the connection ends at once (a client sees it fail).
                    closeQuietly(socket);
                    continue;
                }
                socket.setTcpNoDelay(true);
                connections.add(socket);
                Thread thread = new Thread(() -> serve(socket), "sim-" + role + "-conn-" + connectionCount.incrementAndGet());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!serverSocket.isClosed()) {
                    LOG.warn("{}: accept failed: {}", role, e.toString());
                }
            }
        }
    }

    private void serve(Socket socket) {
        LOG.debug("{}: connection from {}", role, socket.getRemoteSocketAddress());
        try (socket) {
            new InstrumentSession(role, instrument, faults, waits,
                    new BufferedInputStream(socket.getInputStream()),
                    new BufferedOutputStream(socket.getOutputStream())).run();
        } catch (IOException e) {
            LOG.debug("{}: connection failed: {}", role, e.toString());
        } finally {
            connections.remove(socket);
        }
    }

    void dropConnections() {
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        try {
            serverSocket.close();
        } catch (IOException e) {
            LOG.debug("{}: closing listener: {}", role, e.toString());
        }
        dropConnections();
        try {
            acceptThread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{}: closing connection: {}", role, e.toString());
        }
    }
}
