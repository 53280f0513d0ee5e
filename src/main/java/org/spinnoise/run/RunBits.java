package org.spinnoise.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a run folder keeps its acquired raw bits ({@code bits.bin}, MSB first) and how many it holds (the manifest's
 * {@code acquisition.bits}), for readers that use a run's bits as they were acquired, before any conditioning.
 */
public record RunBits(Path file, long bits) {
    /** The bits of the run in {@code runFolder}; refuses a run that holds none. */
    public static RunBits of(Path runFolder) throws IOException {
        RunFolder run = RunFolder.open(runFolder);
        Path file = run.file(AcquisitionEngine.BITS_FILE);
        long bits = run.manifest().bits();
        if (bits <= 0 || !Files.isRegularFile(file)) {
            throw new IOException(runFolder + " has no acquired bits (bits.bin and acquisition.bits in the manifest)");
        }
        return new RunBits(file, bits);
    }
}
