package org.spinnoise.entropy.pool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The process that holds (or last held) a pool's lock, as written into {@code pool.lock} once the lock is taken:
 * {@code pid <pid> started <epoch ms> command <what it runs>}. It lets a command that needs the pool say at once who
 * has it, and lets {@code pool status} tell a live reservation (the holder is running) from one a crash left behind.
 * Liveness is judged without touching the lock itself: a lock probe from this JVM could release a lock this JVM holds
 * (POSIX drops a process's locks on a file when any of its descriptors of it closes), and would make a concurrent open
 * fail. A process id is only trusted together with the process's start time, so a recycled id is not mistaken for the
 * holder.
 *
 * @param pid            process id of the holder
 * @param startedEpochMs when that process started (ms since the epoch), 0 when the platform did not say
 * @param command        what the holder runs, e.g. {@code spinnoise serve --pool lab-pool}
 */
public record PoolHolder(long pid, long startedEpochMs, String command) {
    private static final int MAX_COMMAND_CHARS = 160;
    /** Lock files held by this JVM, by absolute path. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** This process, as it describes itself in a lock file. */
    public static PoolHolder current() {
        ProcessHandle self = ProcessHandle.current();
        return new PoolHolder(self.pid(), startedEpochMs(self), describeCommand());
    }

    /** The holder recorded in {@code poolDir}, if any. */
    public static Optional<PoolHolder> recorded(Path poolDir) {
        try {
            return parse(Files.readString(poolDir.resolve(PoolLayout.LOCK), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable or not text: nobody can be named
        }
    }

    /** A holder from its {@link #line()}, empty when {@code text} is not one. */
    public static Optional<PoolHolder> parse(String text) {
        String[] f = text.strip().split(" ", 6);
        if (f.length < 6 || !f[0].equals("pid") || !f[2].equals("started") || !f[4].equals("command")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new PoolHolder(Long.parseLong(f[1]), Long.parseLong(f[3]), f[5]));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The live process holding {@code poolDir}'s lock now, if any. */
    public static Optional<PoolHolder> live(Path poolDir) {
        if (!Files.isDirectory(poolDir)) {
            return Optional.empty();
        }
        Path lock = poolDir.toAbsolutePath().normalize().resolve(PoolLayout.LOCK);
        return recorded(poolDir).filter(h -> h.pid() == ProcessHandle.current().pid() ? HELD_HERE.contains(lock)
                : h.isRunning());
    }

    /** One line for messages: {@code pid 4711 (spinnoise serve --pool lab-pool, since 2026-12-07T10:01:02Z)}. */
    public String describe() {
        return "pid " + pid + " (" + command + (startedEpochMs > 0 ? ", since "
                + Instant.ofEpochMilli(startedEpochMs).toString().replaceFirst("\\.\\d+Z$", "Z") : "") + ")";
    }

    /** The holder as one line of text, as written into {@code pool.lock}; {@link #parse} reads it back. */
    public String line() {
        return "pid " + pid + " started " + startedEpochMs + " command " + command + "\n";
    }

    static void heldHere(Path lockFile, boolean held) {
        Path key = lockFile.toAbsolutePath().normalize();
        if (held) {
            HELD_HERE.add(key);
        } else {
            HELD_HERE.remove(key);
        }
    }

    /** Whether this holder's process is still running (the same process: its start time matches). */
    public boolean isRunning() {
        if (pid == ProcessHandle.current().pid()) {
            return true;
        }
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> startedEpochMs == 0 || Math.abs(startedEpochMs(p) - startedEpochMs) < 2_000)
                .isPresent();
    }

    private static long startedEpochMs(ProcessHandle process) {
        return process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** {@code spinnoise <arguments>} when run from the jar or the CLI's main class, else the JVM's command. */
    private static String describeCommand() {
        String command = System.getProperty("sun.java.command", "").strip().replaceAll("\\s+", " ");
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        if (main.endsWith(".jar") || main.equals("org.spinnoise.cli.Main")) {
            command = "spinnoise" + (space < 0 ? "" : command.substring(space));
        }
        if (command.isEmpty()) {
            command = "java";
        }
        return command.length() > MAX_COMMAND_CHARS ? command.substring(0, MAX_COMMAND_CHARS - 3) + "..." : command;
    }
}
