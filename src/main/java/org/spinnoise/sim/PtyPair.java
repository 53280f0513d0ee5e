package org.spinnoise.sim;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pair of connected pseudo-terminals made by socat, standing in for a serial cable: bytes written to one end come
 * out of the other, in raw mode without echo. The ends are symbolic links {@code a} and {@code b} in a fresh temporary
 * directory, so their paths are stable and readable. Closing stops socat and removes the directory.
 */
public final class PtyPair implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PtyPair.class);
    private static final long START_TIMEOUT_MILLIS = 5000;

    private final Process socat;
    private final Path directory;
    private final Path endA;
    private final Path endB;

    private PtyPair(Process socat, Path directory) {
        this.socat = socat;
        this.directory = directory;
        this.endA = directory.resolve("a");
        this.endB = directory.resolve("b");
    }

    /** Starts socat and waits until both ends exist. */
    public static PtyPair open() {
        Path socatPath = findSocat();
        Path directory;
        try {
            directory = Files.createTempDirectory("spinnoise-pty-");
        } catch (IOException e) {
            throw new SimulationException("Cannot create a temporary directory for a pty pair: " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>();
        // In a session of its own socat does not get the terminal's Ctrl-C, which must reach only the JVM: a run
        // that is stopping still talks to the emulated board over this pair (and close() ends socat).
        Path setsid = Path.of("/usr/bin/setsid");
        if (Files.isExecutable(setsid)) {
            command.add(setsid.toString());
        }
        command.addAll(List.of(socatPath.toString(), "-d", "-d", "pty,raw,echo=0,link=" + directory.resolve("a"),
                "pty,raw,echo=0,link=" + directory.resolve("b")));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new SimulationException("Cannot start socat: " + e.getMessage(), e);
        }
        PtyPair pair = new PtyPair(process, directory);
        pair.awaitEnds(pair.drainOutput());
        LOG.debug("pty pair {} <-> {}", pair.endA, pair.endB);
        return pair;
    }

    private static Path findSocat() {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, "socat");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        throw new SimulationException("socat not found: apt-get install socat");
    }

    /** Logs socat's diagnostics, and keeps them for an error message, so its pipe never fills up. */
    private ConcurrentLinkedQueue<String> drainOutput() {
        ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(socat.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(line);
                    LOG.debug("socat: {}", line);
                }
            } catch (IOException e) {
                LOG.debug("socat output ended: {}", e.toString());
            }
        }, "socat-output");
        drain.setDaemon(true);
        drain.start();
        return lines;
    }

    private void awaitEnds(ConcurrentLinkedQueue<String> socatOutput) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
        while (!(Files.exists(endA) && Files.exists(endB))) {
            if (!socat.isAlive() || System.nanoTime() > deadline) {
                close();
                throw new SimulationException("socat did not create the pty pair in " + directory + ": "
                        + String.join(" | ", socatOutput));
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new SimulationException("Interrupted while starting socat", e);
            }
        }
    }

    /** The end the simulator opens. */
    public Path endA() {
        return endA;
    }

    /** The end a client opens. */
    public Path endB() {
        return endB;
    }

    @Override
    public void close() {
        socat.destroy();
        try {
            if (!socat.waitFor(2, TimeUnit.SECONDS)) {
                socat.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // socat may still be removing its links while we clean up (or close may run twice), so a file that is
        // already gone is not an error; Files.walk would throw an unchecked exception for it.
        File[] links = directory.toFile().listFiles();
        for (File link : links == null ? new File[0] : links) {
            if (!link.delete() && link.exists()) {
                LOG.debug("could not remove {}", link);
            }
        }
        if (!directory.toFile().delete() && Files.exists(directory)) {
            LOG.debug("could not remove {}", directory);
        }
    }
}
