package org.spinnoise.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.spinnoise.entropy.pool.PoolHolder;

/**
 * Hands a finished run to the process that owns a pool (a running {@code spinnoise serve}), which takes it in while
 * it serves: a pool has one owner, and other commands give it their runs instead of failing on its lock. The
 * exchange is a folder inside the pool, {@code <pool>/handoff/}:
 * <ul>
 * <li>{@code accepting}: the owner's {@link PoolHolder#line()}, present while it takes runs in;</li>
 * <li>{@code <id>.request}: JSON {@code {"run": "<run folder>", "alpha": <health-test significance or null>,
 *     "entropyPerBit": <credit override or null>}},
 *     written under a {@code .tmp} name and renamed, so the owner never reads half of one;</li>
 * <li>{@code <id>.taking}: the request, renamed by the owner when it starts the ingest;</li>
 * <li>{@code <id>.result}: JSON {@code {"ok": …, "message": …, "report": …}}, written by the owner (again through a
 *     rename) and deleted by the submitter once read.</li>
 * </ul>
 * The owner's side is {@link HandoffIngester}. The pool's rule that a run's bits enter it only once holds as for any
 * ingest: the owner ingests through {@link RunIngest}, which refuses a run already taken in.
 */
public final class PoolHandoff {
    static final String FOLDER = "handoff";
    static final String ACCEPTING = "accepting";
    static final String REQUEST = ".request";
    static final String TAKING = ".taking";
    static final String RESULT = ".result";
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);
    /** How long a request may sit untaken once the owner has stopped accepting before the submitter withdraws it. */
    private static final Duration WITHDRAW_AFTER = Duration.ofSeconds(3);
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** A run handed to the owner; {@code entropyPerBit} null credits the assessed value. */
    record Request(String run, Double alpha, Double entropyPerBit) {
    }

    /** The owner's answer: the ingest report as the owner printed it, or why it failed. */
    record Reply(boolean ok, String message, String report) {
    }

    private PoolHandoff() {
    }

    /** The running owner of the pool in {@code poolDir} when it takes runs handed to it; empty otherwise. */
    public static Optional<PoolHolder> acceptingOwner(Path poolDir) {
        Optional<PoolHolder> holder = PoolHolder.live(poolDir);
        if (holder.isEmpty()) {
            return holder;
        }
        try {
            String marker = Files.readString(poolDir.resolve(FOLDER).resolve(ACCEPTING));
            return PoolHolder.parse(marker).filter(m -> m.pid() == holder.get().pid()).flatMap(m -> holder);
        } catch (IOException e) {
            return Optional.empty(); // no marker: the holder does not take runs (sample, pool take, an ingest)
        }
    }

    /**
     * Hands {@code runFolder} to {@code owner} and waits until it has taken the run in; returns the ingest report the
     * owner wrote. Throws with the owner's message when the ingest failed, and when the owner stopped before taking
     * the run in (then nothing was ingested and the run can be taken in later with {@code pool ingest}).
     *
     * @param alpha         health-test significance, null for the one the run's manifest records
     * @param entropyPerBit credit this min-entropy per raw bit instead of the assessed value (null: assessed)
     */
    public static String handOff(Path poolDir, Path runFolder, Double alpha, Double entropyPerBit, PoolHolder owner)
            throws IOException {
        Path folder = poolDir.resolve(FOLDER);
        String id = System.currentTimeMillis() + "-" + ProcessHandle.current().pid() + "-"
                + SEQUENCE.incrementAndGet();
        Path request = folder.resolve(id + REQUEST);
        Path taking = folder.resolve(id + TAKING);
        Path result = folder.resolve(id + RESULT);
        writeAtomically(request, JSON.writeValueAsBytes(new Request(runFolder.toAbsolutePath().toString(), alpha,
                entropyPerBit)));
        long untakenSinceNanos = -1;
        while (true) {
            if (Files.exists(result)) {
                Reply reply = JSON.readValue(result.toFile(), Reply.class);
                Files.deleteIfExists(result);
                if (!reply.ok()) {
                    throw new IOException(reply.message());
                }
                return reply.report();
            }
            boolean running = owner.isRunning();
            boolean accepting = acceptingOwner(poolDir).isPresent();
            if (Files.exists(request) && (!running || !accepting)) {
                untakenSinceNanos = untakenSinceNanos < 0 ? System.nanoTime() : untakenSinceNanos;
                if ((!running || System.nanoTime() - untakenSinceNanos > WITHDRAW_AFTER.toNanos())
                        && Files.deleteIfExists(request)) {
                    throw new IOException("the pool's owner " + owner.describe() + " stopped before taking in "
                            + runFolder + "; nothing was ingested: take it in with 'spinnoise pool ingest --run "
                            + runFolder + "'");
                }
            } else if (!running && !Files.exists(result)) {
                Files.deleteIfExists(taking);
                throw new IOException("the pool's owner " + owner.describe() + " stopped while taking in "
                        + runFolder + "; 'spinnoise pool ingest --run " + runFolder + "' takes it in if it did "
                        + "not get in, and says so if it did");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while " + owner.describe() + " was taking in " + runFolder, e);
            }
        }
    }

    static void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    static boolean deleteQuietly(Path file) {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false; // left behind; the owner clears the folder when it starts
        }
    }
}
