package org.spinnoise.entropy.drbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PoolSeededDrbgTest {

    /** Hands out seeded bytes and records every request, like a pool consumer. */
    private static final class RecordingSupplier implements EntropySupplier {
        final SplittableRandom random = new SplittableRandom(77);
        final List<Integer> requests = new ArrayList<>();
        int remaining = Integer.MAX_VALUE;

        @Override
        public byte[] take(int byteCount) throws IOException {
            if (byteCount > remaining) {
                throw new IOException("pool exhausted");
            }
            remaining -= byteCount;
            requests.add(byteCount);
            byte[] out = new byte[byteCount];
            random.nextBytes(out);
            return out;
        }
    }

    @Test
    void reseedsFromTheSupplierAtEachIntervalAndCountsTheSeedBytes() throws IOException {
        RecordingSupplier supplier = new RecordingSupplier();
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(supplier, 65_536);
        assertEquals(List.of(48), supplier.requests);
        byte[] out = new byte[200_000];
        drbg.nextBytes(out, 0, out.length);
        // Reseeds before bytes 65,536, 131,072 and 196,608.
        assertEquals(3, drbg.reseeds());
        assertEquals(List.of(48, 48, 48, 48), supplier.requests);
        assertEquals(4 * 48, drbg.seedBytesUsed());
        assertEquals(200_000, drbg.bytesGenerated());
    }

    @Test
    void theSameSeedGivesTheSameStreamHoweverItIsCutUnlessAReseedIntervenes() throws IOException {
        PoolSeededDrbg whole = PoolSeededDrbg.seededFrom(new RecordingSupplier(), 1 << 20);
        PoolSeededDrbg pieces = PoolSeededDrbg.seededFrom(new RecordingSupplier(), 1 << 20);
        byte[] a = new byte[65_536];
        whole.nextBytes(a, 0, a.length);
        byte[] b = new byte[65_536];
        pieces.nextBytes(b, 0, 65_536);
        assertArrayEquals(a, b);
        byte[] next = new byte[64];
        whole.nextBytes(next, 0, next.length);
        assertFalse(Arrays.equals(Arrays.copyOf(a, 64), next), "output moves on");
    }

    @Test
    void aReseedThePoolCannotSupplyFailsAndStaysDue() throws IOException {
        RecordingSupplier supplier = new RecordingSupplier();
        supplier.remaining = 48;
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(supplier, 1000);
        byte[] out = new byte[2000];
        IOException e = assertThrows(IOException.class, () -> drbg.nextBytes(out, 0, out.length));
        assertTrue(e.getMessage().contains("refusing to generate unseeded output"), e.getMessage());
        assertEquals(1000, drbg.bytesGenerated());
        supplier.remaining = 48;
        drbg.nextBytes(out, 0, 10);
        assertEquals(1, drbg.reseeds());
    }
}
