package org.spinnoise.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A run-folder CSV file as numbers: a header line naming the columns, then one row of numbers per line (blank lines
 * skipped). Columns are looked up by name, so a file with more columns than a plot needs, or in another order, reads
 * the same; a plot asks for optional columns and treats the missing ones as absent. Every problem is a
 * {@link PlotInputException} naming the file and line.
 */
final class CsvTable {
    private final Path file;
    private final List<String> header;
    private final List<double[]> rows;
    private final List<Integer> lines;

    private CsvTable(Path file, List<String> header, List<double[]> rows, List<Integer> lines) {
        this.file = file;
        this.header = header;
        this.rows = rows;
        this.lines = lines;
    }

    static CsvTable read(Path file) throws IOException {
        List<String> header = null;
        List<double[]> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
            int lineNumber = 0;
            for (String line; (line = in.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (header == null) {
                    header = new ArrayList<>();
                    for (String f : fields) {
                        header.add(f.trim());
                    }
                    continue;
                }
                if (fields.length != header.size()) {
                    throw new PlotInputException(file + " line " + lineNumber + ": " + fields.length
                            + " fields, but the header names " + header.size() + " columns");
                }
                double[] row = new double[fields.length];
                for (int i = 0; i < fields.length; i++) {
                    try {
                        row[i] = Double.parseDouble(fields[i].trim());
                    } catch (NumberFormatException e) {
                        throw new PlotInputException(file + " line " + lineNumber + ": " + header.get(i) + " '"
                                + fields[i] + "' is not a number");
                    }
                }
                rows.add(row);
                lines.add(lineNumber);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new PlotInputException(file + " is not US-ASCII text; it is not a run-folder CSV file");
        }
        if (header == null) {
            throw new PlotInputException(file + " line 1: the file is empty; a header line was expected");
        }
        return new CsvTable(file, header, rows, lines);
    }

    int size() {
        return rows.size();
    }

    boolean has(String column) {
        return header.contains(column);
    }

    /** A column every row must have; its absence is an error naming the header. */
    double[] column(String name) throws PlotInputException {
        if (!has(name)) {
            throw new PlotInputException(file + " line 1: no column " + name + " (the header names "
                    + String.join(",", header) + ")");
        }
        return optional(name);
    }

    /** A column if the header names it, else null. */
    double[] optional(String name) {
        int index = header.indexOf(name);
        if (index < 0) {
            return null;
        }
        double[] values = new double[rows.size()];
        for (int r = 0; r < values.length; r++) {
            values[r] = rows.get(r)[index];
        }
        return values;
    }

    /** Requires the data to have at least one row. */
    CsvTable nonEmpty() throws PlotInputException {
        if (rows.isEmpty()) {
            throw new PlotInputException(file + " line 2: no data rows after the header");
        }
        return this;
    }

    /** Refuses row {@code row} with a reason, naming its line. */
    PlotInputException bad(int row, String reason) {
        return new PlotInputException(file + " line " + lines.get(row) + ": " + reason);
    }

    /** Checks that every value of a column is finite and at least {@code min}. */
    void requireAtLeast(String name, double[] values, double min) throws PlotInputException {
        for (int r = 0; r < values.length; r++) {
            if (!Double.isFinite(values[r]) || values[r] < min) {
                throw bad(r, name + " " + values[r] + " must be a finite number of at least " + min);
            }
        }
    }

    @Override
    public String toString() {
        return file + " " + Arrays.toString(header.toArray());
    }
}
