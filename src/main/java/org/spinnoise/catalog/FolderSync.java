package org.spinnoise.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;

/**
 * Brings the catalog's run and ingest entries in line with the run folders: a folder is read again only when its
 * manifest is new or its modification time or size changed, and the entries of folders that are gone are dropped, so
 * a sync over an unchanged runs directory costs one directory listing and one stat per folder.
 */
final class FolderSync {
    /** What a sync did. */
    record Counts(int read, int removed, int unreadable, List<String> problems) {
    }

    private record Stamp(long mtimeMs, long bytes) {
    }

    private final Connection c;
    private final Path runsDir;
    /** Statements prepared once per sync: a rebuild runs each of them once per folder. */
    private final Map<String, PreparedStatement> prepared = new HashMap<>();

    FolderSync(Connection c, Path runsDir) {
        this.c = c;
        this.runsDir = runsDir;
    }

    /** Reads new and changed folders (every folder when {@code all}) and drops vanished ones. */
    Counts sync(boolean all) throws SQLException {
        Map<String, Stamp> known = all ? Map.of() : known();
        Map<String, Stamp> onDisk = onDisk();
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, Stamp> e : onDisk.entrySet()) {
            if (!e.getValue().equals(known.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        Set<String> vanished = new HashSet<>(all ? Set.of() : known.keySet());
        vanished.removeAll(onDisk.keySet());
        if (changed.isEmpty() && vanished.isEmpty() && !all) {
            return new Counts(0, 0, 0, List.of());
        }
        List<String> problems = new ArrayList<>();
        inTransaction(() -> {
            if (all) {
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM health WHERE entry_id IN (SELECT id FROM entries WHERE kind <> 'draw')");
                    st.execute("DELETE FROM entries WHERE kind <> 'draw'");
                    st.execute("DELETE FROM folders");
                }
            }
            for (String name : vanished) {
                forget(name);
            }
            for (String name : changed) {
                String problem = read(name, onDisk.get(name));
                if (problem != null) {
                    problems.add(problem);
                }
            }
            return null;
        });
        return new Counts(changed.size(), vanished.size(), problems.size(), problems);
    }

    /** Reads one folder now (a run that just ended); returns null, or why its manifest could not be read. */
    String register(Path folder) throws SQLException {
        Path manifest = folder.resolve(RunFolder.MANIFEST);
        Stamp stamp;
        try {
            stamp = stamp(Files.readAttributes(manifest, BasicFileAttributes.class));
        } catch (IOException e) {
            return folder + " has no readable " + RunFolder.MANIFEST;
        }
        return inTransaction(() -> read(folder.getFileName().toString(), stamp));
    }

    /** A unit of catalog work that may fail with a database error. */
    @FunctionalInterface
    private interface Work<T> {
        T run() throws SQLException;
    }

    /** Runs {@code work} as one transaction: all of it is in the catalog, or none of it. */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            T result = work.run();
            c.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            closeStatements();
            c.setAutoCommit(auto);
        }
    }

    /** Replaces the folder's entries by what its manifest says now; returns the problem when it cannot be read. */
    private String read(String name, Stamp stamp) throws SQLException {
        forget(name);
        Path dir = runsDir.resolve(name);
        String problem = null;
        try {
            RunManifest manifest = RunFolder.open(dir).manifest();
            ManifestEntries.Folder folder = ManifestEntries.of(dir, manifest, stamp.mtimeMs());
            insert(folder);
        } catch (IOException | RuntimeException e) {
            problem = e.getMessage() == null ? e.toString() : e.getMessage();
        }
        PreparedStatement st = statement(
                "INSERT INTO folders (name, manifest_mtime_ms, manifest_bytes, problem) VALUES (?, ?, ?, ?)");
        st.setString(1, name);
        st.setLong(2, stamp.mtimeMs());
        st.setLong(3, stamp.bytes());
        st.setString(4, problem);
        st.executeUpdate();
        return problem;
    }

    private void insert(ManifestEntries.Folder folder) throws SQLException {
        PreparedStatement entries = statement("INSERT OR REPLACE INTO entries (" + EntryColumns.names()
                + ") VALUES (" + EntryColumns.placeholders() + ")");
        for (CatalogEntry e : folder.entries()) {
            EntryColumns.bind(entries, e);
            entries.executeUpdate();
        }
        for (CatalogEntry e : folder.entries()) {
            if (e.pool() != null) {
                PreparedStatement note = statement(PoolDraws.NOTE_POOL);
                note.setString(1, PoolDraws.canonical(Path.of(e.pool())));
                note.executeUpdate();
            }
        }
        if (folder.health().isEmpty()) {
            return;
        }
        PreparedStatement st = statement(
                "INSERT INTO health (entry_id, test, cutoff, samples, failures, worst) VALUES (?, ?, ?, ?, ?, ?)");
        for (ManifestEntries.Health h : folder.health()) {
            st.setString(1, h.entryId());
            st.setString(2, h.report().test());
            st.setInt(3, h.report().cutoff());
            st.setLong(4, h.report().samples());
            st.setLong(5, h.report().failures());
            st.setLong(6, h.report().worstObserved());
            st.executeUpdate();
        }
    }

    private void forget(String name) throws SQLException {
        String ingest = name + ManifestEntries.INGEST_SUFFIX;
        for (String sql : List.of("DELETE FROM health WHERE entry_id IN (?, ?)",
                "DELETE FROM entries WHERE id IN (?, ?)")) {
            PreparedStatement st = statement(sql);
            st.setString(1, name);
            st.setString(2, ingest);
            st.executeUpdate();
        }
        PreparedStatement f = statement("DELETE FROM folders WHERE name = ?");
        f.setString(1, name);
        f.executeUpdate();
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement st = prepared.get(sql);
        if (st == null) {
            st = c.prepareStatement(sql);
            prepared.put(sql, st);
        }
        return st;
    }

    private void closeStatements() throws SQLException {
        for (PreparedStatement st : prepared.values()) {
            st.close();
        }
        prepared.clear();
    }

    private Map<String, Stamp> known() throws SQLException {
        Map<String, Stamp> known = new HashMap<>();
        // One text value per row (see RunCatalog.rows): the folder table has a row per run.
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT name || char(31) || manifest_mtime_ms || char(31) || manifest_bytes FROM folders")) {
            while (rs.next()) {
                String row = rs.getString(1);
                int b = row.lastIndexOf('\u001f');
                int a = row.lastIndexOf('\u001f', b - 1);
                known.put(row.substring(0, a), new Stamp(Long.parseLong(row.substring(a + 1, b)),
                        Long.parseLong(row.substring(b + 1))));
            }
        }
        return known;
    }

    /** Every sub-folder of the runs directory that holds a manifest, with the manifest's stamp. */
    private Map<String, Stamp> onDisk() throws SQLException {
        Map<String, Stamp> found = new HashMap<>();
        try (DirectoryStream<Path> list = Files.newDirectoryStream(runsDir)) {
            for (Path dir : list) {
                try {
                    BasicFileAttributes a = Files.readAttributes(dir.resolve(RunFolder.MANIFEST),
                            BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        found.put(dir.getFileName().toString(), stamp(a));
                    }
                } catch (NoSuchFileException | java.nio.file.NotDirectoryException notARun) {
                    // a file, or a folder without a manifest (a run being created): not a run yet
                } catch (IOException unreadable) {
                    // unreadable folder: left out, as a folder without a manifest
                }
            }
        } catch (NoSuchFileException noRunsYet) {
            return found;
        } catch (IOException e) {
            throw new SQLException("cannot list the runs folder " + runsDir + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static Stamp stamp(BasicFileAttributes a) {
        return new Stamp(a.lastModifiedTime().toMillis(), a.size());
    }
}
