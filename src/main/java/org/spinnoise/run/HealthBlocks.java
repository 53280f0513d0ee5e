package org.spinnoise.run;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spinnoise.entropy.HealthTestCutoffs;

/**
 * {@value #FILE}: the continuous health tests' statistics per block of a run's bits, for plots that show how close
 * each block came to its cutoff. The engine keeps only each test's totals and worst count (the manifest's
 * health_tests); this file replays {@code bits.bin} in blocks of the SP 800-90B binary window
 * ({@value HealthTestCutoffs#BINARY_WINDOW} bits, counted from the file's first bit) and writes for each block its
 * ones, the adaptive proportion count (occurrences of the block's first bit, which the test compares with its
 * cutoff) and the longest run of equal bits ending in it (the repetition count test's statistic; a run that crosses
 * from one block into the next is counted whole, where it ends). Written after the run, so acquisition pays nothing.
 */
public final class HealthBlocks {
    public static final String FILE = "health-blocks.csv";
    public static final String HEADER = "block,first_bit,bits,ones,apt_count,longest_run";

    private HealthBlocks() {
    }

    /**
     * Writes {@value #FILE} into {@code runFolder} from the first {@code bits} bits of its {@code bits.bin}, replacing
     * an earlier one; returns the file, or null when the folder has no bits.
     */
    public static Path write(Path runFolder, long bits) throws IOException {
        Path bitsFile = runFolder.resolve(AcquisitionEngine.BITS_FILE);
        if (bits <= 0 || !Files.isRegularFile(bitsFile)) {
            return null;
        }
        long usable = Math.min(bits, Files.size(bitsFile) * 8L);
        int window = HealthTestCutoffs.BINARY_WINDOW;
        Path file = runFolder.resolve(FILE);
        // streamed a byte at a time, so a board run of billions of bits needs no more memory than a short one
        try (InputStream in = new BufferedInputStream(Files.newInputStream(bitsFile), 1 << 16);
             BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            out.write(HEADER);
            out.write('\n');
            int previous = -1;
            long run = 0;
            int current = 0;
            for (long first = 0, block = 0; first < usable; first += window, block++) {
                long end = Math.min(usable, first + window);
                int reference = -1;
                long ones = 0;
                long aptCount = 0;
                long longest = 0;
                for (long i = first; i < end; i++) {
                    if ((i & 7) == 0) {
                        current = in.read();
                        if (current < 0) {
                            throw new IOException(bitsFile + " ended before bit " + i + " of " + usable);
                        }
                    }
                    int b = (current >>> (7 - (int) (i & 7))) & 1;
                    reference = reference < 0 ? b : reference;
                    ones += b;
                    aptCount += b == reference ? 1 : 0;
                    run = b == previous ? run + 1 : 1;
                    previous = b;
                    longest = Math.max(longest, run);
                }
                out.write(block + "," + first + "," + (end - first) + "," + ones + "," + aptCount + "," + longest
                        + "\n");
            }
        }
        return file;
    }
}
