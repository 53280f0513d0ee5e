package org.spinnoise.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A process started from a command line (usually {@code spinnoise} in a fresh JVM, {@link
 * org.spinnoise.cli.Main#freshJvmCommand}) whose standard output and error are read line by line as they come, so a
 * test can wait for a stage to begin, then signal, kill or await it, and still have every line it printed.
 */
public final class ChildJvm implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private ChildJvm(Process process) {
        this.process = process;
        outReader = drain(process.getInputStream(), out, "child-stdout");
        errReader = drain(process.getErrorStream(), err, "child-stderr");
    }

    public static ChildJvm start(List<String> command) throws IOException {
        return new ChildJvm(new ProcessBuilder(command).start());
    }

    /**
     * Waits until a line of standard output or standard error (where progress goes) contains {@code text}; fails with
     * the output so far if it never does.
     */
    public void awaitLine(String text, long timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (System.nanoTime() < deadline) {
            if (out.stream().anyMatch(l -> l.contains(text)) || err.stream().anyMatch(l -> l.contains(text))) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no line with '" + text + "' from the child (alive: " + process.isAlive() + ")\n"
                + transcript());
    }

    /** The first line of output (else of standard error) holding {@code text}, once it is there. */
    public String lineWith(String text, long timeoutSeconds) throws InterruptedException {
        awaitLine(text, timeoutSeconds);
        return out.stream().filter(l -> l.contains(text)).findFirst()
                .orElseGet(() -> err.stream().filter(l -> l.contains(text)).findFirst().orElseThrow());
    }

    /**
     * Sends {@code signal} (a kill(1) name such as INT or TERM) with kill(1) rather than {@link Process#destroy()}:
     * destroy() also closes this side of the child's pipes, and what the child prints while it stops would be lost.
     */
    public void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    /** Waits for the exit and returns its code; fails (and kills the child) if it does not end in time. */
    public int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not exit within " + timeoutSeconds + " s\n" + transcript());
        }
        // The pipes may still hold the last lines the child wrote before it exited.
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    public Process process() {
        return process;
    }

    /** The process started and every process it started (a wrapper's shell, the JVM under it). */
    public Stream<ProcessHandle> descendantsOrSelf() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants());
    }

    public List<String> out() {
        return List.copyOf(out);
    }

    public List<String> err() {
        return List.copyOf(err);
    }

    public String transcript() {
        return "stdout:\n  " + String.join("\n  ", out) + "\nstderr:\n  " + String.join("\n  ", err);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private static Thread drain(InputStream stream, List<String> into, String name) {
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
