package org.spinnoise.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * {@code spinnoise} started in a fresh JVM on this test's class path, as a user starts it, so tests can send it real
 * signals. It is started through {@code env --default-signal=INT,TERM}: a JVM leaves SIGINT ignored when it inherits
 * it ignored (as background jobs of a non-interactive shell do), and then Ctrl-C could not be tested at all.
 */
final class ChildCli implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private ChildCli(Process process) {
        this.process = process;
        outReader = drain(process.getInputStream(), out, "child-stdout");
        errReader = drain(process.getErrorStream(), err, "child-stderr");
    }

    static ChildCli start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        // progress lines as soon as a tenth of a task is done, so tests can wait for them
        command.addAll(DemoWallClock.freshJvm(List.of("-Xmx512m", "-D" + ProgressMode.LINES_INTERVAL_PROPERTY + "=1"),
                List.of(args)));
        return new ChildCli(new ProcessBuilder(command).start());
    }

    /**
     * Waits until a line of standard output or standard error (where progress goes) contains {@code text}; fails with
     * the output so far if it never does.
     */
    void awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (out.stream().anyMatch(line -> line.contains(text)) || err.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line with '" + text + "' from the child (alive: " + process.isAlive() + ")\n"
                + transcript());
    }

    void sigint() throws IOException, InterruptedException {
        kill("-INT");
    }

    /**
     * SIGTERM, sent with kill(1) rather than {@link Process#destroy()}: destroy() also closes this side of the
     * child's pipes, and what the child prints while it stops would be lost.
     */
    void sigterm() throws IOException, InterruptedException {
        kill("-TERM");
    }

    private void kill(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill " + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the exit and returns its code; fails (and kills the child) if it does not end in time. */
    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not exit within " + timeoutSeconds + " s\n" + transcript());
        }
        // The pipes may still hold the last lines the child wrote before it exited.
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    List<String> out() {
        return List.copyOf(out);
    }

    String transcript() {
        return "stdout:\n  " + String.join("\n  ", out) + "\nstderr:\n  " + String.join("\n  ", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread drain(java.io.InputStream stream, List<String> into, String name) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    into.add(line);
                }
            } catch (IOException ignored) {
                // the child has gone; what it printed is kept
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
