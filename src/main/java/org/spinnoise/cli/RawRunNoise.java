package org.spinnoise.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.spinnoise.diffusion.quality.NoiseComparison;
import org.spinnoise.noise.ByteStream;
import org.spinnoise.noise.NoiseExhaustedException;
import org.spinnoise.noise.TrngNoiseSource;
import org.spinnoise.run.RunFolder;

/**
 * The {@code evaluate} source {@code raw:<run folder>}: a run's raw bits ({@code bits.bin}, as acquired, before any
 * health test or conditioning) turned into normals exactly the way {@code trng} turns pool bytes into them. Acquired
 * at an uncalibrated amplitude (e.g. {@code spinnoise board --emulate --write-volts 0.625 --no-pool}), it is the
 * real degraded noise of a junction off V50. Each seed reads its own part of the file (the file split evenly, in
 * seed order), so seeds never share bits; the account counts the raw hardware bits used.
 */
final class RawRunNoise {
    static final String PREFIX = "raw:";

    private RawRunNoise() {
    }

    static boolean isRaw(String source) {
        return source.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    /** The table's label of {@code raw:<dir>}: {@code raw-<folder name>}, also a safe file name for its grid. */
    static String label(String source) {
        Path dir = Path.of(source.substring(PREFIX.length())).toAbsolutePath().normalize();
        return ("raw-" + dir.getFileName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /**
     * The opener of seed k (1 .. seeds) of the run in {@code source}, after checking now, before any sampling, that
     * the run holds {@code bytesPerSeed} whole bytes of raw bits for every seed.
     */
    static NoiseComparison.NoiseOpener opener(String source, int seeds, long bytesPerSeed) throws IOException {
        Path dir = Path.of(source.substring(PREFIX.length()));
        RunFolder run = RunFolder.open(dir);
        Path bitsFile = run.file("bits.bin");
        long bits = run.manifest().bits();
        if (bits <= 0 || !Files.isRegularFile(bitsFile)) {
            throw new IOException(dir + " has no acquired bits (bits.bin and acquisition.bits in the manifest)");
        }
        long part = Math.min(bits / Byte.SIZE, Files.size(bitsFile)) / seeds;
        if (part < bytesPerSeed) {
            throw new IOException(String.format(Locale.ROOT, "%s holds %,d raw bits; %d seeds of this evaluation "
                    + "need %,d: acquire a longer run (--bits) or lower --images", dir, bits, seeds,
                    bytesPerSeed * seeds * Byte.SIZE));
        }
        return seed -> {
            if (seed < 1 || seed > seeds) {
                throw new IllegalArgumentException("raw run sources take seeds 1 .. " + seeds + ", not " + seed);
            }
            byte[] region = new byte[Math.toIntExact(part)];
            try (RandomAccessFile file = new RandomAccessFile(bitsFile.toFile(), "r")) {
                file.seek((seed - 1) * part);
                file.readFully(region);
            }
            return TrngNoiseSource.over(regionStream(region, bitsFile));
        };
    }

    private static ByteStream regionStream(byte[] region, Path file) {
        return new ByteStream() {
            private int position;

            @Override
            public void reserve(long byteCount) throws NoiseExhaustedException {
                if (byteCount > region.length - position) {
                    throw new NoiseExhaustedException("the raw bits of " + file + " set aside for this seed ran out "
                            + "after " + position + " bytes: acquire a longer run", null);
                }
            }

            @Override
            public void read(byte[] out, int offset, int length) throws IOException {
                reserve(length);
                System.arraycopy(region, position, out, offset, length);
                position += length;
            }

            @Override
            public long position() {
                return position;
            }
        };
    }
}
