package org.spinnoise.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.spinnoise.cli.Main;
import org.spinnoise.sim.HostFaults;

/**
 * {@code spinnoise} in a fresh JVM on this test's class path, as a user runs it, so a cell can SIGKILL it or run it on
 * a full disk ({@code wrap} puts a command line around it, e.g. {@link org.spinnoise.sim.SmallDisk#wrap}). Progress
 * goes out as lines as often as every tenth of a task, so a cell can wait for a stage to begin.
 */
final class Child implements AutoCloseable {
    private final Process process;
    private final List<String> out = new CopyOnWriteArrayList<>();
    private final List<String> err = new CopyOnWriteArrayList<>();
    private final Thread outReader;
    private final Thread errReader;

    private Child(Process process) {
        this.process = process;
        outReader = drain(process.getInputStream(), out, "child-out");
        errReader = drain(process.getErrorStream(), err, "child-err");
    }

    static Child start(String... args) throws IOException {
        return start(UnaryOperator.identity(), args);
    }

    static Child start(UnaryOperator<List<String>> wrap, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dspinnoise.progress.lines-interval-ms=1"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            command.addAll(List.of("--add-modules", "jdk.incubator.vector"));
        }
        command.addAll(List.of("-cp", ManagementFactory.getRuntimeMXBean().getClassPath(), Main.class.getName()));
        command.addAll(List.of(args));
        return new Child(new ProcessBuilder(wrap.apply(command)).start());
    }

    /** Waits until a line of output or of progress contains {@code text}; fails with the transcript if it never does. */
    void awaitLine(String text, long timeoutSeconds) throws InterruptedException {
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

    /** The first line of output holding {@code text}, once it is there. */
    String lineWith(String text, long timeoutSeconds) throws InterruptedException {
        awaitLine(text, timeoutSeconds);
        return out.stream().filter(l -> l.contains(text)).findFirst()
                .orElseGet(() -> err.stream().filter(l -> l.contains(text)).findFirst().orElseThrow());
    }

    /** The process id of what was started (a wrapper's, when wrapped). */
    long pid() {
        return process.pid();
    }

    /** The child and every process it started (a wrapper's shell, the JVM under it). */
    java.util.stream.Stream<ProcessHandle> descendantsOrSelf() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants());
    }

    void sigkill() throws InterruptedException {
        HostFaults.sigkill(process);
    }

    int awaitExit(long timeoutSeconds) throws InterruptedException {
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the child did not exit within " + timeoutSeconds + " s\n" + transcript());
        }
        outReader.join(5000);
        errReader.join(5000);
        return process.exitValue();
    }

    /** Standard error without progress lines: what a failing command told its user. */
    List<String> errors() {
        return err.stream().filter(l -> !l.matches("^[a-z -]+: .*\\d+(\\.\\d+)? ?%.*") && !l.startsWith("* "))
                .toList();
    }

    String transcript() {
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
