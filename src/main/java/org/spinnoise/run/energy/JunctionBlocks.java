package org.spinnoise.run.energy;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads an array run's {@code junction-blocks.csv} ({@code first_bit,bits,junction}: bits
 * {@code [first_bit, first_bit + bits)} of the run were made by {@code junction}) alongside the run's bits, one bit at
 * a time, so a walk over reads.csv of any length knows each row's junction holding one block in memory. The blocks
 * must cover the bits from 0 without gaps, as the array writes them.
 */
final class JunctionBlocks implements BenchReadsWalk.Owners, Closeable {
    private final Path file;
    private final BufferedReader in;
    private final Map<Integer, Integer> positions;
    private long nextFirst;
    private long remaining;
    private int position;
    private int lineNumber = 1;

    private JunctionBlocks(Path file, BufferedReader in, Map<Integer, Integer> positions) {
        this.file = file;
        this.in = in;
        this.positions = positions;
    }

    /**
     * Opens {@code file}; {@code positions} maps each junction id the walk knows to its position in the walk's list.
     *
     * @throws IOException when the file cannot be read or has no header
     */
    static JunctionBlocks open(Path file, Map<Integer, Integer> positions) throws IOException {
        BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        if (in.readLine() == null) {
            in.close();
            throw new IOException(file + " is empty (no header)");
        }
        return new JunctionBlocks(file, in, positions);
    }

    /** The position of the junction that made the next bit. */
    @Override
    public int next() throws IOException {
        while (remaining == 0) {
            String line = in.readLine();
            lineNumber++;
            if (line == null) {
                throw new IOException(file + " ends at bit " + nextFirst + ", but the run's reads go on");
            }
            if (line.isEmpty()) {
                continue;
            }
            long bits = block(line);
            Integer at = positions.get(junctionOf(line));
            if (at == null) {
                throw new IOException(file + " line " + lineNumber + " names junction " + junctionOf(line)
                        + ", which the manifest's array says kept no bits");
            }
            position = at;
            remaining = bits;
        }
        remaining--;
        return position;
    }

    /** Bits the file still covers past those taken (0 when it ends with the reads). */
    long rest() throws IOException {
        long rest = remaining;
        for (String line; (line = in.readLine()) != null; ) {
            lineNumber++;
            if (!line.isEmpty()) {
                rest += block(line);
            }
        }
        return rest;
    }

    /** Checks a row follows the one before; returns its bit count. */
    private long block(String line) throws IOException {
        String[] f = line.split(",", -1);
        try {
            if (f.length != 3) {
                throw new NumberFormatException("expected 3 fields, found " + f.length);
            }
            long first = Long.parseLong(f[0]);
            long bits = Long.parseLong(f[1]);
            Integer.parseInt(f[2]);
            if (first != nextFirst || bits < 0) {
                throw new NumberFormatException("block of " + bits + " bits at " + first + " where bit " + nextFirst
                        + " was next");
            }
            nextFirst += bits;
            return bits;
        } catch (NumberFormatException e) {
            throw new IOException(file + " line " + lineNumber + " is not a block (" + e.getMessage() + ")");
        }
    }

    private static int junctionOf(String line) {
        return Integer.parseInt(line.substring(line.lastIndexOf(',') + 1));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
