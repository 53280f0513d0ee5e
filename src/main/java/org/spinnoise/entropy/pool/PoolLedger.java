package org.spinnoise.entropy.pool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The pool's own record of what went out to whom: bytes served per consumer name, read from the {@code cursor} file
 * alone. Cheap (one small file, no segment scan), read-only and safe while another process holds the pool; while a
 * holder is serving, its counts include the chunk it has reserved ahead (see the package notes), after a clean close
 * they are exact. The run catalog reads it to account pool draws without keeping a ledger of its own.
 */
public final class PoolLedger {
    private PoolLedger() {
    }

    /** True when {@code dir} holds a pool (it has a cursor file). */
    public static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(CursorFile.NAME));
    }

    /** The cursor file, whose change says the ledger may have changed. */
    public static Path cursorFile(Path dir) {
        return dir.resolve(CursorFile.NAME);
    }

    /** Bytes served per consumer, as of the pool's last cursor write; empty for a pool that has served nothing. */
    public static Map<String, Long> servedByConsumer(Path dir) throws PoolException {
        return CursorFile.read(dir).orElse(CursorState.fresh()).bytesOutByConsumer();
    }
}
