package org.spinnoise.scpi;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scripted SCPI instrument on a loopback port for unit tests: it records every line it receives, answers queries
 * from a map (or, for a header it was set with, the last value written), keeps an error queue answered by
 * {@code SYST:ERR?}, and can hold one reply back until the test releases it. Unknown queries behave like a real
 * instrument: an error-queue entry and no reply.
 */
public final class FakeScpiServer implements AutoCloseable {
    public static final String NO_ERROR = "+0,\"No error\"";

    private final ServerSocket server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private static final Pattern ESE_MARKER = Pattern.compile("\\*ESE (\\d+);\\*ESE\\?");
    private final Map<String, Supplier<byte[]>> answers = new ConcurrentHashMap<>();
    private final Map<String, String> state = new ConcurrentHashMap<>();
    private final Map<String, String> errorsOn = new ConcurrentHashMap<>();
    private final ConcurrentLinkedDeque<String> errorQueue = new ConcurrentLinkedDeque<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile Late late;

    private record Late(String query, String reply, CountDownLatch release, CountDownLatch sent) {
    }

    public FakeScpiServer() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fake-scpi-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The VISA address of this server with a 200 ms timeout, short enough for timeout tests. */
    public String address() {
        return "TCPIP::127.0.0.1::" + server.getLocalPort() + "::SOCKET?timeout_ms=200";
    }

    /** Answers a query (matched exactly, as sent) with a line. */
    public FakeScpiServer answer(String query, String reply) {
        return answerBytes(query, (reply + "\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Answers a query with a computed line each time it is asked. */
    public FakeScpiServer answerWith(String query, Supplier<String> reply) {
        answers.put(query, () -> (reply.get() + "\n").getBytes(StandardCharsets.ISO_8859_1));
        return this;
    }

    /** Answers a query with these bytes exactly (no terminator added), for block data. */
    public FakeScpiServer answerBytes(String query, byte[] reply) {
        answers.put(query, () -> reply);
        return this;
    }

    /** Each time a line starting with {@code prefix} arrives, the instrument queues this error entry. */
    public FakeScpiServer errorOn(String prefix, String entry) {
        errorsOn.put(prefix, entry);
        return this;
    }

    /** Puts an entry in the error queue now. */
    public void queueError(String entry) {
        errorQueue.add(entry);
    }

    /**
     * The next time {@code query} arrives, its reply waits until {@code release} opens; {@code sent} opens once it
     * has been written, on the connection that asked, whether or not the client still listens.
     */
    public void answerLate(String query, String reply, CountDownLatch release, CountDownLatch sent) {
        late = new Late(query, reply, release, sent);
    }

    /** Every line received so far, in order. */
    public List<String> received() {
        return List.copyOf(received);
    }

    /** How many times a line was received. */
    public long count(String line) {
        return received.stream().filter(line::equals).count();
    }

    public int errorQueueSize() {
        return errorQueue.size();
    }

    public int connections() {
        return connections.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                sockets.add(s);
                connections.incrementAndGet();
                Thread t = new Thread(() -> serve(s), "fake-scpi-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            for (String next = readLine(in); next != null; next = readLine(in)) {
                String line = next;
                received.add(line);
                errorsOn.forEach((prefix, entry) -> {
                    if (line.startsWith(prefix)) {
                        errorQueue.add(entry);
                    }
                });
                byte[] reply = replyTo(line);
                if (reply != null) {
                    out.write(reply);
                    out.flush();
                }
                Late l = late;
                if (l != null && l.query().equals(line)) {
                    late = null;
                    l.release().await();
                    out.write((l.reply() + "\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    l.sent().countDown();
                }
            }
        } catch (IOException | InterruptedException ignored) {
            // the client closed or reopened the connection; a real instrument would not complain either
        }
    }

    private byte[] replyTo(String line) {
        Late l = late;
        if (l != null && l.query().equals(line)) {
            return null;
        }
        Matcher marker = ESE_MARKER.matcher(line);
        if (marker.matches()) {
            // the session's resynchronisation marker: set the event status enable mask and read it back
            return (marker.group(1) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        Supplier<byte[]> scripted = answers.get(line);
        if (scripted != null) {
            return scripted.get();
        }
        if (line.equals("SYST:ERR?")) {
            String entry = errorQueue.poll();
            return ((entry == null ? NO_ERROR : entry) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        }
        if (line.endsWith("?")) {
            String held = state.get(header(line.substring(0, line.length() - 1)));
            if (held != null) {
                return (held + "\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            errorQueue.add("-113,\"Undefined header\"");
            return null;
        }
        int space = line.indexOf(' ');
        if (space > 0) {
            state.put(header(line.substring(0, space)), line.substring(space + 1));
        }
        return null;
    }

    private static String header(String text) {
        return text.trim().toUpperCase(Locale.ROOT);
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); ; b = in.read()) {
            if (b < 0) {
                return null;
            }
            if (b == '\n') {
                return line.toString(StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
    }

    /** Lines received that are commands, not queries, for tests that inspect what reached the instrument. */
    public List<String> commands() {
        List<String> out = new ArrayList<>();
        for (String line : received) {
            if (!line.endsWith("?")) {
                out.add(line);
            }
        }
        return out;
    }
}
