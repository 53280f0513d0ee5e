package org.spinnoise.catalog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * The catalog's SQLite file: opened in WAL mode (readers never wait for a writer; a run registering while someone
 * lists is fine) with a busy timeout for concurrent writers, its schema versioned by {@code PRAGMA user_version}. A
 * file that is not a readable catalog (damaged, not SQLite, or an older schema) is moved aside, never deleted, and a
 * new one is created, which the caller then fills from the run folders.
 */
final class CatalogDatabase {
    /** The schema this code writes and reads. */
    static final int SCHEMA_VERSION = 1;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    /** An open catalog connection, whether the file was new, and what was done with an unreadable one. */
    record Opened(Connection connection, boolean fresh, String notice) {
    }

    private CatalogDatabase() {
    }

    static Opened open(Path file) throws CatalogException {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new CatalogException("cannot create the folder of the run catalog " + file + ": " + e.getMessage(), e);
        }
        String notice = null;
        try {
            return attempt(file, null);
        } catch (SQLException e) {
            if (!unreadable(e)) {
                throw new CatalogException("cannot open the run catalog " + file + ": " + e.getMessage(), e);
            }
            notice = e.getMessage();
        } catch (OldSchema e) {
            notice = e.getMessage();
        }
        Path aside = moveAside(file);
        String said = "run catalog " + file + " was unreadable (" + firstLine(notice) + "); moved it to "
                + aside.getFileName() + " and rebuilt the catalog from the run folders";
        try {
            return attempt(file, said);
        } catch (SQLException | OldSchema e) {
            throw new CatalogException("cannot create the run catalog " + file + " (" + e.getMessage()
                    + "); check the folder's permissions and free space, or use --catalog FILE", e);
        }
    }

    /** A catalog of an older schema: it is moved aside and rebuilt. */
    private static final class OldSchema extends Exception {
        OldSchema(String message) {
            super(message);
        }
    }

    private static Opened attempt(Path file, String notice) throws SQLException, OldSchema, CatalogException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(15_000);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            int version;
            int tables;
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                    version = rs.getInt(1);
                }
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
                    tables = rs.getInt(1);
                }
            }
            if (version > SCHEMA_VERSION) {
                throw new CatalogException("run catalog " + file + " has schema " + version + ", newer than this "
                        + "spinnoise reads (" + SCHEMA_VERSION + "): use the newer spinnoise, or --catalog FILE");
            }
            if (version == SCHEMA_VERSION) {
                return new Opened(c, false, notice);
            }
            if (tables > 0) {
                throw new OldSchema("schema " + version + ", this spinnoise writes " + SCHEMA_VERSION);
            }
            create(c);
            return new Opened(c, true, notice);
        } catch (SQLException | OldSchema | CatalogException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static void create(Connection c) throws SQLException {
        StringBuilder columns = new StringBuilder();
        for (EntryColumns.Column col : EntryColumns.ALL) {
            columns.append(columns.length() == 0 ? "" : ", ").append(col.name()).append(' ').append(col.sqlType());
        }
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE entries (" + columns + ")");
            // One index per filter, each ending in the order of the listing (start time, then id), so a listing
            // is read in order without a sort.
            st.execute("CREATE INDEX entries_started ON entries (started_ms, id)");
            st.execute("CREATE INDEX entries_kind ON entries (kind, started_ms, id)");
            st.execute("CREATE INDEX entries_device ON entries (device, started_ms, id)");
            st.execute("CREATE INDEX entries_outcome ON entries (outcome, started_ms, id)");
            st.execute("CREATE TABLE health (entry_id TEXT NOT NULL, test TEXT NOT NULL, cutoff INTEGER, "
                    + "samples INTEGER, failures INTEGER, worst INTEGER)");
            st.execute("CREATE INDEX health_entry ON health (entry_id)");
            // What each catalogued folder's manifest looked like when read: a sync re-reads only changed ones.
            st.execute("CREATE TABLE folders (name TEXT PRIMARY KEY, manifest_mtime_ms INTEGER NOT NULL, "
                    + "manifest_bytes INTEGER NOT NULL, problem TEXT)");
            // The pool ledger's share each draw holds, per ledger consumer, and the ledger's count when it began.
            st.execute("CREATE TABLE draw_ledger (entry_id TEXT NOT NULL, pool TEXT NOT NULL, consumer TEXT NOT NULL, "
                    + "before_bytes INTEGER NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (entry_id, consumer))");
            st.execute("CREATE INDEX draw_ledger_pool ON draw_ledger (pool, consumer)");
            st.execute("CREATE TABLE running_draws (entry_id TEXT PRIMARY KEY, pid INTEGER NOT NULL, "
                    + "pool TEXT NOT NULL, consumer TEXT NOT NULL)");
            // The pools ingests fed and draws used, each with its cursor file as last reconciled: an unchanged
            // cursor needs no ledger read.
            st.execute("CREATE TABLE pools (path TEXT PRIMARY KEY, cursor_mtime_ms INTEGER NOT NULL, "
                    + "cursor_bytes INTEGER NOT NULL)");
            st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
        }
    }

    private static boolean unreadable(SQLException e) {
        if (e instanceof SQLiteException s) {
            // Extended codes (SQLITE_CORRUPT_INDEX, …) share the primary code in their low byte.
            int primary = s.getResultCode().code & 0xFF;
            return primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code;
        }
        return false;
    }

    /** Moves the file and its WAL companions to {@code <name>.unreadable-<stamp>}; returns the new path. */
    private static Path moveAside(Path file) throws CatalogException {
        String suffix = ".unreadable-" + STAMP.format(LocalDateTime.now());
        Path aside = file.resolveSibling(file.getFileName() + suffix);
        for (int i = 2; Files.exists(aside); i++) {
            aside = file.resolveSibling(file.getFileName() + suffix + "-" + i);
        }
        try {
            for (String companion : new String[] {"-wal", "-shm"}) {
                Path side = file.resolveSibling(file.getFileName() + companion);
                if (Files.exists(side)) {
                    Files.move(side, aside.resolveSibling(aside.getFileName() + companion),
                            StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, aside);
        } catch (IOException e) {
            throw new CatalogException("run catalog " + file + " is unreadable and could not be moved aside ("
                    + e.getMessage() + "); move it away by hand, or use --catalog FILE", e);
        }
        return aside;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
