package org.spinnoise.entropy.drbg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PoolSeededDrbgTest {

    /** Hands out a counting byte sequence and remembers each take; fails once its budget is spent. */
    private static final class ScriptedPool implements EntropySupplier {
        final List<byte[]> taken = new ArrayList<>();
        long budgetBytes;
        int next;

        ScriptedPool(long budgetBytes) {
            this.budgetBytes = budgetBytes;
        }

        @Override
        public byte[] take(int byteCount) throws IOException {
            if (byteCount > budgetBytes) {
                throw new IOException("pool exhausted");
            }
            budgetBytes -= byteCount;
            byte[] out = new byte[byteCount];
            for (int i = 0; i < byteCount; i++) {
                out[i] = (byte) next++;
            }
            taken.add(out.clone());
            return out;
        }
    }

    @Test
    void instantiatesFromFortyEightPoolBytes() throws IOException {
        ScriptedPool pool = new ScriptedPool(1000);
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(pool);
        assertEquals(48, drbg.seedBytesUsed());
        assertEquals(List.of(48), pool.taken.stream().map(b -> b.length).toList());
        assertEquals("drbg", drbg.mode());
        assertEquals(1L << 20, drbg.reseedIntervalBytes());
    }

    @Test
    void outputIsTheHmacDrbgsSplitIntoRequestsWithReseedsExactlyOnTheInterval() throws IOException {
        long interval = 100_000;
        ScriptedPool pool = new ScriptedPool(10_000);
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(pool, interval);
        byte[] out = new byte[250_000];
        drbg.nextBytes(out);

        // The same schedule by hand: requests of ≤ 65,536 bytes, a reseed after every 100,000 bytes.
        HmacDrbg reference = new HmacDrbg();
        byte[] seed = pool.taken.get(0);
        reference.instantiate(Arrays.copyOf(seed, 32), Arrays.copyOfRange(seed, 32, 48),
                "spinnoise pool-seeded HMAC_DRBG v1".getBytes(StandardCharsets.US_ASCII));
        int[] requests = {65_536, 34_464, 65_536, 34_464, 50_000};
        byte[] expected = new byte[out.length];
        int filled = 0;
        int reseedIndex = 1;
        for (int size : requests) {
            if (filled > 0 && filled % interval == 0) {
                reference.reseed(pool.taken.get(reseedIndex++), null);
            }
            byte[] request = new byte[size];
            reference.generate(request, null);
            System.arraycopy(request, 0, expected, filled, size);
            filled += size;
        }
        assertArrayEquals(expected, out);
        assertEquals(2, drbg.reseeds());
        assertEquals(48 + 2 * 32, drbg.seedBytesUsed());
        assertEquals(250_000, drbg.bytesGenerated());
    }

    @Test
    void smallRequestsReseedOnlyWhenTheIntervalIsUsedUp() throws IOException {
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(new ScriptedPool(10_000), 64);
        byte[] out = new byte[10];
        for (int i = 0; i < 13; i++) {
            drbg.nextBytes(out);
        }
        // 130 bytes: reseeds due at 64 and 128.
        assertEquals(2, drbg.reseeds());
        assertEquals(130, drbg.bytesGenerated());
    }

    @Test
    void anExhaustedPoolStopsOutputInsteadOfContinuingUnseeded() throws IOException {
        ScriptedPool pool = new ScriptedPool(48 + 32);
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(pool, 1000);
        drbg.nextBytes(new byte[2000]);
        assertEquals(1, drbg.reseeds());
        IOException failure = assertThrows(IOException.class, () -> drbg.nextBytes(new byte[1]));
        assertTrue(failure.getMessage().contains("refusing to generate unseeded output"), failure.getMessage());
        assertEquals(2000, drbg.bytesGenerated());
        // Still due: a later call tries the pool again rather than generating on the old seed.
        assertThrows(IOException.class, () -> drbg.nextBytes(new byte[1]));
        pool.budgetBytes = 32;
        drbg.nextBytes(new byte[1]);
        assertEquals(2, drbg.reseeds());
        assertEquals(48 + 64, drbg.seedBytesUsed());
    }

    @Test
    void aShortAnswerFromThePoolIsAFailure() {
        assertThrows(IOException.class, () -> PoolSeededDrbg.seededFrom(n -> new byte[n - 1]));
        assertThrows(IOException.class, () -> PoolSeededDrbg.seededFrom(n -> {
            throw new IOException("no device");
        }));
    }

    @Test
    void consecutiveOutputsDiffer() throws IOException {
        PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(new ScriptedPool(1000));
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        drbg.nextBytes(a);
        drbg.nextBytes(b);
        assertFalse(Arrays.equals(a, b));
        assertThrows(IllegalArgumentException.class, () -> PoolSeededDrbg.seededFrom(new ScriptedPool(100), 0));
    }
}
