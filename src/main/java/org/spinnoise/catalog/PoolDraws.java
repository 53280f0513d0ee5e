package org.spinnoise.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spinnoise.entropy.pool.PoolException;
import org.spinnoise.entropy.pool.PoolLedger;

/**
 * Pool draws in the catalog, accounted on the pool's own consumer ledger ({@link PoolLedger}) rather than a ledger of
 * the catalog's: a draw notes the ledger's count for its consumer when it begins and takes the difference when it
 * ends. A draw's consumer covers the ledger names {@code consumer} and {@code consumer-drbg-seed} (what a drbg draw
 * seeds under). Reconciling a pool gives every ledger byte that no draw holds to the draw still running under that
 * consumer (its bytes so far), or else to an entry of source "pool ledger": bytes drawn by a command that did not
 * register (a crash, an older spinnoise, a lost catalog), so the catalog's draws always add up to the pool's ledger.
 */
final class PoolDraws {
    static final String DRBG_SEED_SUFFIX = "-drbg-seed";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Connection c;

    PoolDraws(Connection c) {
        this.c = c;
    }

    /** Registers a draw that is beginning now; returns its entry id. */
    String begin(Path pool, String consumer, long pid, long nowMs) throws SQLException, PoolException {
        String poolPath = canonical(pool);
        Map<String, Long> ledger = PoolLedger.exists(pool) ? PoolLedger.servedByConsumer(pool) : Map.of();
        String[] id = new String[1];
        transaction(() -> {
            reconcile(poolPath, ledger);
            id[0] = uniqueId("draw-" + STAMP.format(LocalDateTime.now()) + "-" + consumer + "-" + pid);
            insertEntry(new CatalogEntry(id[0], CatalogEntry.Kind.DRAW.word(), "running", nowMs, null, null, null,
                    "registered", null, null, null, null, null, null, null, null, null, null, null, null, null,
                    poolPath, 0L, consumer, null, null, null, null));
            for (String name : List.of(consumer, consumer + DRBG_SEED_SUFFIX)) {
                try (PreparedStatement st = c.prepareStatement("INSERT INTO draw_ledger (entry_id, pool, consumer, "
                        + "before_bytes, bytes) VALUES (?, ?, ?, ?, 0)")) {
                    st.setString(1, id[0]);
                    st.setString(2, poolPath);
                    st.setString(3, name);
                    st.setLong(4, ledger.getOrDefault(name, 0L));
                    st.executeUpdate();
                }
            }
            try (PreparedStatement st = c.prepareStatement(
                    "INSERT INTO running_draws (entry_id, pid, pool, consumer) VALUES (?, ?, ?, ?)")) {
                st.setString(1, id[0]);
                st.setLong(2, pid);
                st.setString(3, poolPath);
                st.setString(4, consumer);
                st.executeUpdate();
            }
        });
        return id[0];
    }

    /** Ends a draw: its bytes are the ledger's growth for its consumer since it began. */
    void end(String id, String mode, String error, long nowMs) throws SQLException, PoolException {
        String poolPath;
        try (PreparedStatement st = c.prepareStatement("SELECT pool FROM entries WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                if (!rs.next()) {
                    return; // the catalog was rebuilt meanwhile; the ledger reconciliation accounts the bytes
                }
                poolPath = rs.getString(1);
            }
        }
        Path pool = Path.of(poolPath);
        Map<String, Long> ledger = PoolLedger.exists(pool) ? PoolLedger.servedByConsumer(pool) : Map.of();
        transaction(() -> {
            long total = 0;
            Map<String, Long> before = new HashMap<>();
            try (PreparedStatement st = c.prepareStatement(
                    "SELECT consumer, before_bytes FROM draw_ledger WHERE entry_id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        before.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            for (Map.Entry<String, Long> b : before.entrySet()) {
                long bytes = Math.max(0, ledger.getOrDefault(b.getKey(), 0L) - b.getValue());
                total += bytes;
                try (PreparedStatement st = c.prepareStatement(
                        "UPDATE draw_ledger SET bytes = ? WHERE entry_id = ? AND consumer = ?")) {
                    st.setLong(1, bytes);
                    st.setString(2, id);
                    st.setString(3, b.getKey());
                    st.executeUpdate();
                }
            }
            finish(id, error == null ? "ok" : "failed", mode, total, error, nowMs);
            // Anything else the ledger gained meanwhile (other consumers) is accounted now, as a sync would.
            reconcile(poolPath, ledger);
            rememberCursor(pool, poolPath);
        });
    }

    /**
     * Reconciles each pool whose cursor file changed since last time (every pool when {@code force}), and closes
     * running draws whose process is gone.
     */
    int reconcileChanged(List<Path> pools, boolean force) throws SQLException, PoolException {
        int done = 0;
        for (Path pool : pools) {
            String poolPath = canonical(pool);
            if (!PoolLedger.exists(pool) || !force && !cursorChanged(pool, poolPath)) {
                continue;
            }
            Map<String, Long> ledger = PoolLedger.servedByConsumer(pool);
            transaction(() -> {
                reconcile(poolPath, ledger);
                rememberCursor(pool, poolPath);
            });
            done++;
        }
        closeOrphans();
        return done;
    }

    /** The pools the catalog knows of: those its ingests fed and its draws used ({@link #NOTE_POOL}). */
    List<Path> knownPools() throws SQLException {
        List<Path> pools = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT path FROM pools");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                pools.add(Path.of(rs.getString(1)));
            }
        }
        return pools;
    }

    /** Adds a pool (its canonical path the one parameter) to the known pools, to be reconciled at the next sync. */
    static final String NOTE_POOL = "INSERT OR IGNORE INTO pools (path, cursor_mtime_ms, cursor_bytes) VALUES (?, -1, -1)";

    private void reconcile(String poolPath, Map<String, Long> ledger) throws SQLException {
        Map<String, Long> covered = new HashMap<>();
        try (PreparedStatement st = c.prepareStatement(
                "SELECT consumer, sum(bytes) FROM draw_ledger WHERE pool = ? GROUP BY consumer")) {
            st.setString(1, poolPath);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    covered.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Long> e : ledger.entrySet()) {
            String consumer = e.getKey();
            long residual = e.getValue() - covered.getOrDefault(consumer, 0L);
            if (residual <= 0) {
                continue;
            }
            String running = runningDrawOf(poolPath, consumer);
            if (running != null) {
                addTo(running, consumer, residual);
            } else {
                String id = uniqueId("ledger-" + STAMP.format(LocalDateTime.now()) + "-" + consumer);
                insertEntry(new CatalogEntry(id, CatalogEntry.Kind.DRAW.word(), "ok", now, now, null,
                        null, "pool ledger", null, null, null, null, null, null, null, null, null, null, null, null,
                        null, poolPath, residual, consumer,
                        consumer.endsWith(DRBG_SEED_SUFFIX) ? "drbg" : null, null,
                        "bytes found in the pool's consumer ledger that no registered draw accounts for", null));
                try (PreparedStatement st = c.prepareStatement("INSERT INTO draw_ledger (entry_id, pool, consumer, "
                        + "before_bytes, bytes) VALUES (?, ?, ?, 0, ?)")) {
                    st.setString(1, id);
                    st.setString(2, poolPath);
                    st.setString(3, consumer);
                    st.setLong(4, residual);
                    st.executeUpdate();
                }
            }
        }
    }

    private String uniqueId(String id) throws SQLException {
        String candidate = id;
        for (int i = 2; exists(candidate); i++) {
            candidate = id + "-" + i;
        }
        return candidate;
    }

    private boolean exists(String id) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT 1 FROM entries WHERE id = ?")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next();
            }
        }
    }

    private String runningDrawOf(String poolPath, String ledgerConsumer) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT r.entry_id FROM running_draws r JOIN draw_ledger d "
                + "ON d.entry_id = r.entry_id WHERE r.pool = ? AND d.consumer = ? ORDER BY r.entry_id DESC LIMIT 1")) {
            st.setString(1, poolPath);
            st.setString(2, ledgerConsumer);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private void addTo(String id, String consumer, long bytes) throws SQLException {
        try (PreparedStatement d = c.prepareStatement(
                "UPDATE draw_ledger SET bytes = bytes + ? WHERE entry_id = ? AND consumer = ?");
             PreparedStatement e = c.prepareStatement(
                     "UPDATE entries SET pool_bytes = pool_bytes + ? WHERE id = ?")) {
            d.setLong(1, bytes);
            d.setString(2, id);
            d.setString(3, consumer);
            d.executeUpdate();
            e.setLong(1, bytes);
            e.setString(2, id);
            e.executeUpdate();
        }
    }

    /** Running draws whose process has ended without ending the draw: interrupted, with the bytes accounted so far. */
    private void closeOrphans() throws SQLException {
        List<String> orphans = new ArrayList<>();
        try (PreparedStatement st = c.prepareStatement("SELECT entry_id, pid FROM running_draws");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                boolean alive = ProcessHandle.of(rs.getLong(2)).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    orphans.add(rs.getString(1));
                }
            }
        }
        for (String id : orphans) {
            transaction(() -> finish(id, "interrupted", null, null,
                    "the drawing process ended without registering the draw's end", System.currentTimeMillis()));
        }
    }

    private void finish(String id, String outcome, String mode, Long totalBytes, String error, long nowMs)
            throws SQLException {
        try (PreparedStatement st = c.prepareStatement("UPDATE entries SET outcome = ?, mode = coalesce(?, mode), "
                + "pool_bytes = coalesce(?, pool_bytes), error = ?, finished_ms = ? WHERE id = ?");
             PreparedStatement r = c.prepareStatement("DELETE FROM running_draws WHERE entry_id = ?")) {
            st.setString(1, outcome);
            st.setString(2, mode);
            if (totalBytes == null) {
                st.setNull(3, java.sql.Types.INTEGER);
            } else {
                st.setLong(3, totalBytes);
            }
            st.setString(4, error);
            st.setLong(5, nowMs);
            st.setString(6, id);
            st.executeUpdate();
            r.setString(1, id);
            r.executeUpdate();
        }
    }

    private void insertEntry(CatalogEntry e) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO entries (" + EntryColumns.names() + ") VALUES ("
                + EntryColumns.placeholders() + ")")) {
            EntryColumns.bind(st, e);
            st.executeUpdate();
        }
    }

    private boolean cursorChanged(Path pool, String poolPath) throws SQLException {
        long[] now = cursorStamp(pool);
        try (PreparedStatement st = c.prepareStatement(
                "SELECT cursor_mtime_ms, cursor_bytes FROM pools WHERE path = ?")) {
            st.setString(1, poolPath);
            try (ResultSet rs = st.executeQuery()) {
                return !rs.next() || rs.getLong(1) != now[0] || rs.getLong(2) != now[1];
            }
        }
    }

    private void rememberCursor(Path pool, String poolPath) throws SQLException {
        long[] now = cursorStamp(pool);
        try (PreparedStatement st = c.prepareStatement(
                "INSERT OR REPLACE INTO pools (path, cursor_mtime_ms, cursor_bytes) VALUES (?, ?, ?)")) {
            st.setString(1, poolPath);
            st.setLong(2, now[0]);
            st.setLong(3, now[1]);
            st.executeUpdate();
        }
    }

    private static long[] cursorStamp(Path pool) {
        try {
            BasicFileAttributes a = Files.readAttributes(PoolLedger.cursorFile(pool), BasicFileAttributes.class);
            return new long[] {a.lastModifiedTime().toMillis(), a.size()};
        } catch (IOException e) {
            return new long[] {-1, -1};
        }
    }

    static String canonical(Path pool) {
        return pool.toAbsolutePath().normalize().toString();
    }

    private interface Work {
        void run() throws SQLException;
    }

    private void transaction(Work work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            work.run();
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }
}
