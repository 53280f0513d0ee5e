package org.spinnoise.catalog;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of the catalog's {@code entries} table, in {@link CatalogEntry}'s order: one list that the schema, the
 * insert, the select and both exports (CSV header, JSON keys) are made from, so they cannot drift apart.
 */
final class EntryColumns {
    /** One column: its name (snake case, also the export's), SQL type and the entry's field. */
    record Column(String name, String sqlType, Function<CatalogEntry, Object> value) {
    }

    static final List<Column> ALL = List.of(
            new Column("id", "TEXT PRIMARY KEY", CatalogEntry::id),
            new Column("kind", "TEXT NOT NULL", CatalogEntry::kind),
            new Column("outcome", "TEXT NOT NULL", CatalogEntry::outcome),
            new Column("started_ms", "INTEGER", CatalogEntry::startedMs),
            new Column("finished_ms", "INTEGER", CatalogEntry::finishedMs),
            new Column("folder", "TEXT", CatalogEntry::folder),
            new Column("device", "TEXT", CatalogEntry::device),
            new Column("source", "TEXT", CatalogEntry::source),
            new Column("instruments", "TEXT", CatalogEntry::instruments),
            new Column("simulated", "INTEGER", CatalogEntry::simulated),
            new Column("v50_volts", "REAL", CatalogEntry::v50Volts),
            new Column("delta_volts", "REAL", CatalogEntry::deltaVolts),
            new Column("threshold_ohms", "REAL", CatalogEntry::thresholdOhms),
            new Column("threshold_code", "INTEGER", CatalogEntry::thresholdCode),
            new Column("write_volts", "REAL", CatalogEntry::writeVolts),
            new Column("bits", "INTEGER", CatalogEntry::bits),
            new Column("bias", "REAL", CatalogEntry::bias),
            new Column("bits_per_second", "REAL", CatalogEntry::bitsPerSecond),
            new Column("health_passed", "INTEGER", CatalogEntry::healthPassed),
            new Column("source_events", "INTEGER", CatalogEntry::sourceEvents),
            new Column("health_failures", "INTEGER", CatalogEntry::healthFailures),
            new Column("pool", "TEXT", CatalogEntry::pool),
            new Column("pool_bytes", "INTEGER", CatalogEntry::poolBytes),
            new Column("consumer", "TEXT", CatalogEntry::consumer),
            new Column("mode", "TEXT", CatalogEntry::mode),
            new Column("entropy_per_bit", "REAL", CatalogEntry::entropyPerBit),
            new Column("error", "TEXT", CatalogEntry::error),
            new Column("code_version", "TEXT", CatalogEntry::codeVersion));

    private EntryColumns() {
    }

    static String names() {
        return String.join(", ", ALL.stream().map(Column::name).toList());
    }

    static String placeholders() {
        return String.join(", ", ALL.stream().map(c -> "?").toList());
    }

    /** The entry as column name to value, in column order (for the JSON export). */
    static Map<String, Object> asMap(CatalogEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Column c : ALL) {
            m.put(c.name(), c.value().apply(e));
        }
        return m;
    }

    static void bind(PreparedStatement st, CatalogEntry e) throws SQLException {
        for (int i = 0; i < ALL.size(); i++) {
            Object v = ALL.get(i).value().apply(e);
            if (v == null) {
                st.setNull(i + 1, Types.NULL);
            } else if (v instanceof Boolean b) {
                st.setInt(i + 1, b ? 1 : 0);
            } else {
                st.setObject(i + 1, v);
            }
        }
    }

    /** Reads the entry at the result set's current row, whose first columns are {@link #names()}. */
    static CatalogEntry read(ResultSet rs) throws SQLException {
        int i = 1;
        return new CatalogEntry(rs.getString(i++), rs.getString(i++), rs.getString(i++), longOrNull(rs, i++),
                longOrNull(rs, i++), rs.getString(i++), rs.getString(i++), rs.getString(i++), rs.getString(i++),
                boolOrNull(rs, i++), doubleOrNull(rs, i++), doubleOrNull(rs, i++), doubleOrNull(rs, i++),
                intOrNull(rs, i++), doubleOrNull(rs, i++), longOrNull(rs, i++), doubleOrNull(rs, i++),
                doubleOrNull(rs, i++), boolOrNull(rs, i++), longOrNull(rs, i++), longOrNull(rs, i++),
                rs.getString(i++), longOrNull(rs, i++), rs.getString(i++), rs.getString(i++), doubleOrNull(rs, i++),
                rs.getString(i++), rs.getString(i));
    }

    private static Long longOrNull(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Integer intOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v;
    }

    private static Double doubleOrNull(ResultSet rs, int i) throws SQLException {
        double v = rs.getDouble(i);
        return rs.wasNull() ? null : v;
    }

    private static Boolean boolOrNull(ResultSet rs, int i) throws SQLException {
        int v = rs.getInt(i);
        return rs.wasNull() ? null : v != 0;
    }
}
