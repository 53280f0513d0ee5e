package org.spinnoise.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes catalog entries as CSV (RFC 4180, one header line of the column names) or JSON (an array of objects with
 * the same keys), both with {@code started} and {@code finished} as ISO-8601 instants beside the epoch milliseconds,
 * for spreadsheets, pandas or the Python reader.
 */
public final class CatalogExport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The export formats. */
    public enum Format {
        CSV, JSON;

        public static Format parse(String word) {
            return switch (word) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("--format must be csv or json, not '" + word + "'");
            };
        }
    }

    private CatalogExport() {
    }

    /** The column names of an export, in order. */
    public static List<String> columns() {
        List<String> names = new ArrayList<>();
        for (EntryColumns.Column c : EntryColumns.ALL) {
            names.add(c.name());
            if (c.name().equals("finished_ms")) {
                names.add("started");
                names.add("finished");
            }
        }
        return names;
    }

    public static void write(List<CatalogEntry> entries, Format format, Path out) throws IOException {
        List<Map<String, Object>> rows = new ArrayList<>(entries.size());
        for (CatalogEntry e : entries) {
            rows.add(row(e));
        }
        if (format == Format.JSON) {
            JSON.writeValue(out.toFile(), rows);
            return;
        }
        List<String> columns = columns();
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            w.write(String.join(",", columns));
            w.write("\r\n");
            for (Map<String, Object> row : rows) {
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        w.write(',');
                    }
                    w.write(csv(row.get(columns.get(i))));
                }
                w.write("\r\n");
            }
        }
    }

    private static Map<String, Object> row(CatalogEntry e) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (Map.Entry<String, Object> c : EntryColumns.asMap(e).entrySet()) {
            row.put(c.getKey(), c.getValue());
            if (c.getKey().equals("finished_ms")) {
                row.put("started", iso(e.startedMs()));
                row.put("finished", iso(e.finishedMs()));
            }
        }
        return row;
    }

    private static String iso(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static String csv(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
