package org.spinnoise.diffusion.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * An unsigned-byte array in the IDX format of the MNIST family: two zero bytes, the element type (0x08 for unsigned
 * bytes, the only type these data sets use), the number of dimensions, each dimension as a big-endian 32-bit integer,
 * then the elements in row-major order. Files may be gzip-compressed, as distributed; the reader tells by the gzip
 * magic number, not the file name.
 *
 * @param dims the sizes, outermost first (count × rows × columns for images, count for labels)
 * @param data the elements, row-major
 */
public record IdxFile(int[] dims, byte[] data) {
    static final int UNSIGNED_BYTE = 0x08;

    /** Elements in one entry of the outermost dimension (one image: rows × columns). */
    public int entrySize() {
        int size = 1;
        for (int i = 1; i < dims.length; i++) {
            size *= dims[i];
        }
        return size;
    }

    /** Reads an IDX file of unsigned bytes, gzip-compressed or not. */
    public static IdxFile read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (DataInputStream in = new DataInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw)) {
                return read(in, file);
            }
        } catch (NoSuchFileException e) {
            throw new DatasetException(file + " does not exist", e);
        } catch (EOFException e) {
            throw new DatasetException(file + " ends before its header says it should: the file is truncated", e);
        } catch (java.util.zip.ZipException e) {
            throw new DatasetException(file + " is not a valid gzip file: " + e.getMessage(), e);
        }
    }

    private static IdxFile read(DataInputStream in, Path file) throws IOException {
        int zero0 = in.readUnsignedByte();
        int zero1 = in.readUnsignedByte();
        int type = in.readUnsignedByte();
        int rank = in.readUnsignedByte();
        if (zero0 != 0 || zero1 != 0) {
            throw new DatasetException(file + " is not an IDX file (its first two bytes are not zero)");
        }
        if (type != UNSIGNED_BYTE) {
            throw new DatasetException(String.format("%s holds IDX element type 0x%02x; only unsigned bytes (0x08) are read",
                    file, type));
        }
        if (rank < 1) {
            throw new DatasetException(file + " declares no dimensions");
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = in.readInt();
            if (dims[i] < 0) {
                throw new DatasetException(file + " declares a negative size " + dims[i] + " for dimension " + i);
            }
            total *= dims[i];
            if (total > Integer.MAX_VALUE - 8) {
                throw new DatasetException(file + " declares more elements than one array holds: " + Arrays.toString(dims));
            }
        }
        byte[] data = new byte[(int) total];
        in.readFully(data);
        if (in.read() != -1) {
            throw new DatasetException(file + " has bytes after the " + total + " elements its header declares "
                    + Arrays.toString(dims));
        }
        return new IdxFile(dims, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxFile f && Arrays.equals(dims, f.dims) && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxFile" + Arrays.toString(dims);
    }
}
