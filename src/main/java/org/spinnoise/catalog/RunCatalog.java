package org.spinnoise.catalog;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.entropy.pool.PoolException;

/**
 * The run catalog: every run, ingest and pool draw of one runs directory in a SQLite file (by default
 * {@code <runs>/catalog.sqlite}), to find runs by device, date, outcome and kind months later. It is derived data: the
 * run folders' manifests are the truth for runs and ingests, the pools' consumer ledgers for draws, so a lost,
 * stale or damaged catalog is rebuilt from them ({@link #sync}, {@link #rebuild}); only the detail of individual
 * draws (each one's time and mode) lives in the catalog alone, and a rebuild keeps the bytes of lost draws as one
 * "pool ledger" entry per consumer. Commands register what they did as they end ({@link #register},
 * {@link #beginDraw}); a query first syncs, which costs one stat per run folder when nothing changed.
 */
public final class RunCatalog implements AutoCloseable {
    /** The catalog's file name inside the runs directory. */
    public static final String FILE_NAME = "catalog.sqlite";

    private final Path runsDir;
    private final Path file;
    private final Connection connection;
    private final String notice;
    private final FolderSync folders;
    private final PoolDraws draws;

    private RunCatalog(Path runsDir, Path file, CatalogDatabase.Opened opened) {
        this.runsDir = runsDir;
        this.file = file;
        this.connection = opened.connection();
        this.notice = opened.notice();
        this.folders = new FolderSync(connection, runsDir);
        this.draws = new PoolDraws(connection);
    }

    /** Opens (creating if needed) the catalog of {@code runsDir}, in {@code runsDir/catalog.sqlite}. */
    public static RunCatalog open(Path runsDir) throws CatalogException {
        return open(runsDir, runsDir.resolve(FILE_NAME));
    }

    /**
     * Opens (creating if needed) the catalog of {@code runsDir} kept in {@code file}. A file that is not a readable
     * catalog is moved aside and a new one created ({@link #notice()} says so); the next sync fills it.
     */
    public static RunCatalog open(Path runsDir, Path file) throws CatalogException {
        return new RunCatalog(runsDir, file, CatalogDatabase.open(file));
    }

    public Path file() {
        return file;
    }

    public Path runsDir() {
        return runsDir;
    }

    /** One line to show the user when the file was unreadable and has been moved aside; null otherwise. */
    public String notice() {
        return notice;
    }

    /** What a sync did: folders read, entries of vanished folders dropped, unreadable manifests, pools reconciled. */
    public record SyncReport(int foldersRead, int foldersRemoved, int foldersUnreadable, List<String> problems,
                             int poolsReconciled) {
    }

    /**
     * Brings the catalog up to date: reads run folders that are new or whose manifest changed, drops vanished ones,
     * reconciles the draws of every pool whose cursor changed (the pools the catalog knows of, plus {@code pools}).
     */
    public SyncReport sync(List<Path> pools) throws CatalogException {
        return sync(pools, false);
    }

    /** Reads every run folder again and reconciles every pool, whatever the catalog held. */
    public SyncReport rebuild(List<Path> pools) throws CatalogException {
        return sync(pools, true);
    }

    private SyncReport sync(List<Path> pools, boolean all) throws CatalogException {
        try {
            FolderSync.Counts counts = folders.sync(all);
            Set<Path> every = new LinkedHashSet<>(draws.knownPools());
            for (Path p : pools) {
                every.add(p.toAbsolutePath().normalize());
            }
            int reconciled = draws.reconcileChanged(new ArrayList<>(every), all);
            return new SyncReport(counts.read(), counts.removed(), counts.unreadable(), counts.problems(), reconciled);
        } catch (SQLException | PoolException e) {
            throw failure("sync", e);
        }
    }

    /**
     * Catalogues one run folder now (a run, calibration or ingest that has just ended). The folder must sit in this
     * catalog's runs directory; returns null, or why its manifest could not be read.
     */
    public String register(Path runFolder) throws CatalogException {
        Path parent = runFolder.toAbsolutePath().normalize().getParent();
        if (parent == null || !parent.equals(runsDir.toAbsolutePath().normalize())) {
            throw new CatalogException(runFolder + " is not in the runs folder " + runsDir
                    + " of the catalog " + file + "; open the catalog of its own runs folder");
        }
        try {
            return folders.register(runFolder);
        } catch (SQLException e) {
            throw failure("register " + runFolder + " in", e);
        }
    }

    /**
     * Registers a draw beginning now from {@code pool} under {@code consumer}, noting the pool ledger's count, and
     * returns its entry id for {@link #endDraw}. Call it before the command takes its first byte (the pool may be
     * open in this process already, not yet drawn from).
     */
    public String beginDraw(Path pool, String consumer) throws CatalogException {
        return beginDraw(pool, consumer, ProcessHandle.current().pid());
    }

    /** As {@link #beginDraw(Path, String)}, for the process {@code pid}. */
    String beginDraw(Path pool, String consumer, long pid) throws CatalogException {
        try {
            return draws.begin(pool, consumer, pid, System.currentTimeMillis());
        } catch (SQLException | PoolException e) {
            throw failure("register a draw from " + pool + " in", e);
        }
    }

    /**
     * Registers the end of draw {@code id}: its mode (trng, drbg, …), why it failed (null when it did not), and its
     * bytes, the growth of the pool ledger's count for its consumer. Call it once the pool is closed, when the
     * ledger's counts are exact.
     */
    public void endDraw(String id, String mode, String error) throws CatalogException {
        try {
            draws.end(id, mode, error, System.currentTimeMillis());
        } catch (SQLException | PoolException e) {
            throw failure("register the end of draw " + id + " in", e);
        }
    }

    /** The matching entries, oldest first. */
    public List<CatalogEntry> list(CatalogFilter filter) throws CatalogException {
        List<CatalogEntry> out = new ArrayList<>();
        select(EntryColumns.names(), filter, false, rs -> out.add(EntryColumns.read(rs)));
        return out;
    }

    /**
     * The matching entries' listing fields, oldest first (what {@code runs list} shows). An ingest is shown in its
     * run's row (the pool bytes it produced), so ingests have rows of their own only when asked for by kind.
     */
    public List<CatalogRow> rows(CatalogFilter filter) throws CatalogException {
        List<CatalogRow> out = new ArrayList<>();
        // One text value per row, its fields joined by the unit separator: a native call per cell would cost more
        // than the query itself on ten thousand rows.
        select("id || char(31) || kind || char(31) || ifnull(started_ms, '') || char(31) || outcome || char(31) "
                + "|| ifnull(device, '') || char(31) || ifnull(bits, '') || char(31) || ifnull(bias, '') || char(31) "
                + "|| ifnull(v50_volts, '') || char(31) || ifnull(pool_bytes, '')", filter, filter.kind() == null,
                rs -> {
                    String[] f = rs.getString(1).split("\u001f", -1);
                    out.add(new CatalogRow(f[0], f[1], parseLong(f[2]), f[3], f[4].isEmpty() ? null : f[4],
                            parseLong(f[5]), parseDouble(f[6]), parseDouble(f[7]), parseLong(f[8])));
                });
        return out;
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void select(String columns, CatalogFilter filter, boolean withoutIngests, RowReader reader)
            throws CatalogException {
        StringBuilder where = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (withoutIngests) {
            where.append(" WHERE kind <> 'ingest'");
        }
        clause(where, args, "device = ?", filter.device());
        clause(where, args, "started_ms >= ?", filter.sinceMs());
        clause(where, args, "started_ms <= ?", filter.untilMs());
        clause(where, args, "outcome = ?", filter.outcome());
        clause(where, args, "kind = ?", filter.kind());
        boolean newest = filter.newest() > 0;
        // The newest N are the last N in start order: skip the others rather than sort twice.
        String order = " ORDER BY started_ms, id";
        String sql = "SELECT " + columns + " FROM entries" + where + order
                + (newest ? " LIMIT " + filter.newest() + " OFFSET max(0, (SELECT count(*) FROM entries" + where
                + ") - " + filter.newest() + ")" : "");
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            int n = 1;
            for (int pass = 0; pass < (newest ? 2 : 1); pass++) {
                for (Object arg : args) {
                    st.setObject(n++, arg);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    private static Long parseLong(String s) {
        return s.isEmpty() ? null : Long.valueOf(s);
    }

    private static Double parseDouble(String s) {
        return s.isEmpty() ? null : Double.valueOf(s);
    }

    private static void clause(StringBuilder where, List<Object> args, String condition, Object value) {
        if (value != null) {
            where.append(where.length() == 0 ? " WHERE " : " AND ").append(condition);
            args.add(value);
        }
    }

    /**
     * The entry a user names: its id, its run folder's path or name, or a piece of an id that only one entry has
     * (the run rather than its ingest when both match).
     */
    public Optional<CatalogEntry> find(String name) throws CatalogException {
        String key = name;
        Path asPath = Path.of(name);
        if (Files.isDirectory(asPath) && asPath.getFileName() != null) {
            key = asPath.toAbsolutePath().normalize().getFileName().toString();
        }
        try {
            List<CatalogEntry> exact = query("SELECT " + EntryColumns.names() + " FROM entries WHERE id = ?", key);
            if (!exact.isEmpty()) {
                return Optional.of(exact.get(0));
            }
            List<CatalogEntry> some = query("SELECT " + EntryColumns.names()
                    + " FROM entries WHERE instr(id, ?) > 0 AND kind <> 'ingest' ORDER BY started_ms LIMIT 2", key);
            if (some.size() > 1) {
                throw new CatalogException("'" + name + "' names more than one catalogued run (" + some.get(0).id()
                        + ", " + some.get(1).id() + ", …); give more of the name");
            }
            return some.stream().findFirst();
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** The health-test reports catalogued for an entry (a run's continuous tests, an ingest's). */
    public List<HealthTestReport> health(String entryId) throws CatalogException {
        List<HealthTestReport> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT test, cutoff, samples, failures, worst FROM health WHERE entry_id = ? ORDER BY rowid")) {
            st.setString(1, entryId);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(new HealthTestReport(rs.getString(1), rs.getInt(2), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return out;
    }

    /** Folders whose manifest could not be read, with why (they are left out of the entries). */
    public List<String> unreadableFolders() throws CatalogException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT name, problem FROM folders WHERE problem IS NOT NULL ORDER BY name");
             ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1) + ": " + rs.getString(2));
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return out;
    }

    private List<CatalogEntry> query(String sql, String arg) throws SQLException {
        List<CatalogEntry> out = new ArrayList<>();
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, arg);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    out.add(EntryColumns.read(rs));
                }
            }
        }
        return out;
    }

    private CatalogException failure(String what, Exception e) {
        if (e instanceof PoolException p) {
            return new CatalogException(p.getMessage(), p);
        }
        return new CatalogException("cannot " + what + " the run catalog " + file + " (" + e.getMessage()
                + "); 'spinnoise runs rebuild' recreates it from the run folders", e);
    }

    @Override
    public void close() throws CatalogException {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
