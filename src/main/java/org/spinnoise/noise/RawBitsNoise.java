package org.spinnoise.noise;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Normals from a file of raw bits (a run's {@code bits.bin}, as acquired, before any health test or conditioning),
 * made exactly the way {@code trng} makes them from pool bytes, or by any {@link BitConstruction} (a sum of k raw bits
 * corrected with the run's measured {@link #onesProbability() p̂}, say). The file is split evenly into parts, one per seed in
 * seed order, so seeds never share bits; the account counts the raw hardware bits used. Acquired off V50 such bits
 * are the real degraded noise of a junction, which an evaluation compares with the pool's.
 */
public final class RawBitsNoise {
    private final Path file;
    private final long bits;
    private final int parts;
    private final long bytesPerPart;
    private double onesProbability = -1;

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
        return TrngNoiseSource.over(regionStream(region(part)));
    }

    /**
     * Normals of {@code construction} from part {@code part} (1 .. parts), the bits taken in acquisition order; running
     * past the part's end is an error.
     */
    public ConstructionNoiseSource open(long part, BitConstruction construction) throws IOException {
        return ConstructionNoiseSource.over(regionStream(region(part)), construction);
    }

    /**
     * The fraction of ones among all the file's acquired bits (every part, padding excluded): the p̂ that corrects a
     * sum of these bits, counted once and kept.
     *
     * @throws IOException when the file holds only zeros or only ones (no correction can centre those)
     */
    public double onesProbability() throws IOException {
        if (onesProbability < 0) {
            onesProbability = countOnes() / (double) bits;
            if (!(onesProbability > 0 && onesProbability < 1)) {
                throw new IOException(String.format(java.util.Locale.ROOT, "the %,d raw bits of %s are all %s: no "
                        + "correction can make normals of them; acquire at the calibrated operating point", bits, file,
                        onesProbability == 0 ? "zeros" : "ones"));
            }
        }
        return onesProbability;
    }

    private long countOnes() throws IOException {
        long ones = 0;
        long left = bits;
        byte[] block = new byte[1 << 16];
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            while (left > 0) {
                int n = in.readNBytes(block, 0, (int) Math.min(block.length, (left + 7) / 8));
                if (n == 0) {
                    throw new IOException(file + " ends before its " + bits + " acquired bits");
                }
                for (int i = 0; i < n && left > 0; i++) {
                    int take = (int) Math.min(Byte.SIZE, left);
                    // MSB first: a last partial byte's bits are its high ones.
                    ones += Integer.bitCount((block[i] & 0xff) >>> (Byte.SIZE - take));
                    left -= take;
                }
            }
        }
        return ones;
    }

    private byte[] region(long part) throws IOException {
        if (part < 1 || part > parts) {
            throw new IllegalArgumentException("raw bits of " + file + " take seeds 1 .. " + parts + ", not " + part);
        }
        byte[] region = new byte[Math.toIntExact(bytesPerPart)];
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            in.seek((part - 1) * bytesPerPart);
            in.readFully(region);
        }
        return region;
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
