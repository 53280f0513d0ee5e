package org.spinnoise.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolHolder;
import org.spinnoise.progress.Progress;

/**
 * The pool owner's side of {@link PoolHandoff}: while a service holds a pool open, this takes in the runs other
 * commands hand it, on a thread of its own, through the same {@link RunIngest} as {@code pool ingest}. It announces
 * itself with the {@code accepting} marker, and when closed it withdraws the marker, takes in what was already
 * handed over and only then returns, so the owner can close the pool after it.
 */
public final class HandoffIngester implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HandoffIngester.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final EntropyPool pool;
    private final Path folder;
    private final Function<RunIngest.Result, String> report;
    private final Thread thread;
    private volatile boolean stopping;

    private HandoffIngester(EntropyPool pool, Path poolDir, Function<RunIngest.Result, String> report) {
        this.pool = pool;
        this.folder = poolDir.resolve(PoolHandoff.FOLDER);
        this.report = report;
        this.thread = new Thread(this::loop, "pool-handoff");
        this.thread.setDaemon(true);
    }

    /**
     * Starts taking runs into {@code pool} (open in this process, at {@code poolDir}); {@code report} renders an
     * ingest's result as the text the submitting command prints.
     */
    public static HandoffIngester start(EntropyPool pool, Path poolDir, Function<RunIngest.Result, String> report)
            throws IOException {
        HandoffIngester ingester = new HandoffIngester(Objects.requireNonNull(pool, "pool"), poolDir,
                Objects.requireNonNull(report, "report"));
        Files.createDirectories(ingester.folder);
        // Left by an owner that stopped: their submitters were told the run was not taken in.
        for (Path stale : ingester.list("*")) {
            PoolHandoff.deleteQuietly(stale);
        }
        PoolHandoff.writeAtomically(ingester.folder.resolve(PoolHandoff.ACCEPTING),
                PoolHolder.current().line().getBytes(StandardCharsets.UTF_8));
        ingester.thread.start();
        return ingester;
    }

    /** The folder other commands hand runs into. */
    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        PoolHandoff.deleteQuietly(folder.resolve(PoolHandoff.ACCEPTING));
        stopping = true;
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        takeAll(); // handed over just before the marker went
    }

    private void loop() {
        while (!stopping) {
            takeAll();
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void takeAll() {
        try {
            for (Path request : list("*" + PoolHandoff.REQUEST)) {
                take(request);
            }
        } catch (IOException e) {
            LOG.warn("Pool hand-off folder {} cannot be read; runs handed to it wait", folder, e);
        }
    }

    private void take(Path request) {
        String name = request.getFileName().toString();
        String id = name.substring(0, name.length() - PoolHandoff.REQUEST.length());
        Path taking = folder.resolve(id + PoolHandoff.TAKING);
        PoolHandoff.Reply reply;
        try {
            Files.move(request, taking, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            return; // withdrawn by its submitter meanwhile
        }
        String run = "?";
        try {
            PoolHandoff.Request r = PoolHandoff.JSON.readValue(taking.toFile(), PoolHandoff.Request.class);
            run = r.run();
            RunFolder folderOfRun = RunFolder.open(Path.of(r.run()));
            double alpha = r.alpha() != null ? r.alpha() : folderOfRun.manifest().plan().health().alpha();
            RunIngest.Result result = RunIngest.ingest(folderOfRun, pool, r.entropyPerBit(), alpha,
                    Progress.NONE);
            LOG.info("Took in run {} handed over through {}: {} bytes", run, folder, result.ingest().bytesOut());
            reply = new PoolHandoff.Reply(true, "", report.apply(result));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Run {} handed over through {} was not taken in", run, folder, e);
            reply = new PoolHandoff.Reply(false, e.getMessage() == null ? e.toString() : e.getMessage(), "");
        }
        try {
            PoolHandoff.writeAtomically(folder.resolve(id + PoolHandoff.RESULT),
                    PoolHandoff.JSON.writeValueAsBytes(reply));
        } catch (IOException e) {
            LOG.error("Cannot answer the hand-off of run {} in {}", run, folder, e);
        }
        PoolHandoff.deleteQuietly(taking);
    }

    private List<Path> list(String glob) throws IOException {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, glob)) {
            files.forEach(found::add);
        }
        found.sort(null);
        return found;
    }
}
