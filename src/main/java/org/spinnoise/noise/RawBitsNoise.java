package org.spinnoise.noise;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Normals from a file of raw bits (a run's {@code bits.bin}, as acquired, before any health test or conditioning),
 * made exactly the way {@code trng} makes them from pool bytes. The file is split evenly into parts, one per seed in
 * seed order, so seeds never share bits; the account counts the raw hardware bits used. Acquired off V50 such bits
 * are the real degraded noise of a junction, which an evaluation compares with the pool's.
 */
public final class RawBitsNoise {
    private final Path file;
    private final long bits;
    private final int parts;
    private final long bytesPerPart;

    private RawBitsNoise(Path file, long bits, int parts, long bytesPerPart) {
        this.file = file;
        this.bits = bits;
        this.parts = parts;
        this.bytesPerPart = bytesPerPart;
    }

    /**
     * The whole bytes of {@code file} that hold its {@code bits} acquired bits, split into {@code parts} parts.
     *
     * @param bits how many bits the file holds (a run's manifest says; a last byte may be padding)
     */
    public static RawBitsNoise split(Path file, long bits, int parts) throws IOException {
        if (parts < 1) {
            throw new IllegalArgumentException("raw bits split into " + parts + " parts");
        }
        long usableBytes = Math.min(bits / Byte.SIZE, Files.size(file));
        return new RawBitsNoise(file, bits, parts, usableBytes / parts);
    }

    /** The file the bits come from. */
    public Path file() {
        return file;
    }

    /** The acquired bits the file holds. */
    public long bits() {
        return bits;
    }

    /** Whole bytes each part (each seed) may use. */
    public long bytesPerPart() {
        return bytesPerPart;
    }

    /** Normals from part {@code part} (1 .. parts), read into memory now; running past its end is an error. */
    public NoiseSource open(long part) throws IOException {
        if (part < 1 || part > parts) {
            throw new IllegalArgumentException("raw bits of " + file + " take seeds 1 .. " + parts + ", not " + part);
        }
        byte[] region = new byte[Math.toIntExact(bytesPerPart)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek((part - 1) * bytesPerPart);
            in.readFully(region);
        }
        return TrngNoiseSource.over(regionStream(region));
    }

    private ByteStream regionStream(byte[] region) {
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
