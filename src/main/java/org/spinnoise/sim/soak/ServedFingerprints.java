package org.spinnoise.sim.soak;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A check of the served bytes themselves, independent of the positions the service claims: content-defined anchors
 * (a zero byte followed by one below 16, about one in 4,096 positions, wherever the content puts them) each give a
 * 64-bit fingerprint of the 16 bytes after them. The same pool bytes served twice, to one client or two, at any
 * alignment and split across replies in any way, give the same anchors and so repeated fingerprints once the repeat
 * spans a few KiB; distinct random bytes repeat a fingerprint with odds near n²/2⁶⁵. Fingerprints go to a file, not
 * the heap, so the check does not weigh on the soak's memory figures; {@link #duplicates} sorts them at the end.
 * Normals and raw bytes are separate payload kinds (pool bytes served once as each would not be seen here; the range
 * check sees that).
 */
final class ServedFingerprints implements AutoCloseable {
    private static final int WINDOW_BYTES = 16;

    private final Path file;
    private final DataOutputStream out;
    private long written;

    ServedFingerprints(Path file) throws IOException {
        this.file = file;
        this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /** Adds the anchors of one payload; {@code kind} keeps normals and bytes apart. */
    void add(int kind, byte[] payload) throws IOException {
        long[] found = new long[Math.max(4, payload.length >> 10)];
        int n = 0;
        for (int i = 0; i + 2 + WINDOW_BYTES <= payload.length; i++) {
            if (payload[i] == 0 && (payload[i + 1] & 0xF0) == 0) {
                if (n == found.length) {
                    found = Arrays.copyOf(found, 2 * n);
                }
                found[n++] = fingerprint(kind, payload, i + 2);
            }
        }
        synchronized (this) {
            for (int k = 0; k < n; k++) {
                out.writeLong(found[k]);
            }
            written += n;
        }
    }

    synchronized long fingerprints() {
        return written;
    }

    /** Closes the file, sorts every fingerprint and counts those seen before: 0 when no byte went out twice. */
    synchronized long duplicates() throws IOException {
        out.flush();
        long[] all = new long[(int) written];
        try (InputStream in = Files.newInputStream(file);
             DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in, 1 << 16))) {
            for (int i = 0; i < all.length; i++) {
                all[i] = data.readLong();
            }
        }
        Arrays.sort(all);
        long repeated = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1]) {
                repeated++;
            }
        }
        return repeated;
    }

    private static long fingerprint(int kind, byte[] b, int from) {
        long h = 0x9E3779B97F4A7C15L * (kind + 1);
        for (int i = from; i < from + WINDOW_BYTES; i++) {
            h = mix(h ^ (b[i] & 0xFF));
        }
        return h;
    }

    /** SplitMix64's finaliser: every input bit reaches every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
