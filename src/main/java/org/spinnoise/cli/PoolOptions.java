package org.spinnoise.cli;

import java.util.Optional;
import org.spinnoise.entropy.pool.PoolException;
import org.spinnoise.entropy.pool.PoolHolder;
import org.spinnoise.run.PoolHandoff;
import picocli.CommandLine.Option;

/**
 * The pool options of a command that acquires bits and would otherwise ingest them ({@code demo}, {@code acquire},
 * {@code board}): which pool, and {@code --no-pool} to keep the run out of it.
 */
final class PoolOptions extends PoolDirOption {
    @Option(names = "--no-pool", description = "Do not ingest the run's bits into the pool (they stay in the run "
            + "folder: spinnoise pool ingest --run RUN takes them later).")
    boolean noPool;

    /**
     * Checked before the first pulse: a pool another process holds is fine when that process is a service taking
     * runs in (the run is handed to it), and refused in one line naming the pool and the holder otherwise, instead
     * of failing at the ingest after minutes of acquisition.
     *
     * @param needsPoolItself the command opens the pool itself after the run (demo's sample grid), so even a
     *                        service that takes runs in is in its way
     */
    void checkAvailable(boolean needsPoolItself, String withoutIt) throws PoolException {
        if (noPool) {
            return;
        }
        Optional<PoolHolder> holder = PoolHolder.live(poolDir);
        if (holder.isEmpty()) {
            return;
        }
        boolean takesRuns = PoolHandoff.acceptingOwner(poolDir).isPresent();
        if (takesRuns && !needsPoolItself) {
            return;
        }
        throw new PoolException("entropy pool " + poolDir + " is in use by " + holder.get().describe() + "; "
                + (takesRuns ? "it takes runs in, but " + withoutIt + " needs the pool itself: stop it first or use "
                + "another --pool" : "it does not take runs in: wait for it to finish, use another --pool, or add "
                + "--no-pool (the run stays in its folder for 'spinnoise pool ingest --run')"));
    }
}
