package org.spinnoise.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;

class TrngNoiseSourceTest {
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path tmp;

    @Test
    void floatsAndDoublesFromThePoolAreStandardNormal() throws Exception {
        int n = NormalityCheck.SAMPLES;
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), n * 12, 11, null);
             NoiseSource trng = NoiseSources.open(NoiseMode.TRNG, pool, "dist", 0)) {
            float[] floats = new float[n];
            trng.fillFloats(floats, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(floats));
            double[] doubles = new double[n];
            trng.fillDoubles(doubles, 0, n);
            NormalityCheck.assertNormal(NormalityCheck.of(doubles));
        }
    }

    @Test
    void eachFloatIsTheInversionOfFourPoolBytesInOrder() throws Exception {
        byte[][] payload = new byte[1][];
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 100_000, 3, payload);
             TrngNoiseSource trng = TrngNoiseSource.fromPool(pool, "order")) {
            float[] out = new float[5000];
            trng.fillFloats(out, 0, 2000);
            trng.fillFloats(out, 2000, 3000);
            for (int i = 0; i < out.length; i++) {
                assertEquals(GaussianInversion.floatOf((int) INT_LE.get(payload[0], 4 * i)), out[i], "sample " + i);
            }
            byte[] raw = new byte[10];
            trng.fillBytes(raw, 0, raw.length);
            assertArrayEquals(Arrays.copyOfRange(payload[0], 20_000, 20_010), raw);
        }
    }

    @Test
    void accountsExactlyThirtyTwoBitsPerFloatAndSixtyFourPerDouble() throws Exception {
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 1 << 20, 4, null);
             TrngNoiseSource trng = TrngNoiseSource.fromPool(pool, "acct")) {
            trng.fillFloats(new float[1000], 0, 1000);
            assertEquals(new NoiseAccount(1000, 0, 4000, 32_000), trng.account());
            trng.fillDoubles(new double[100], 0, 100);
            assertEquals(new NoiseAccount(1100, 0, 4800, 38_400), trng.account());
            trng.fillBytes(new byte[7], 0, 7);
            assertEquals(new NoiseAccount(1100, 7, 4807, 38_456), trng.account());
            // Issue 18, defect 5: the pool hands over exactly what the requests used; 64 KiB blocks taken whole
            // lost their unused rest on every stop.
            long served = pool.status().bytesOutByConsumer().get("acct");
            assertEquals(4807, served);
            assertEquals(4807, trng.poolBytesTaken());
        }
    }

    @Test
    void aRequestThePoolCannotCoverFailsAndHandsOutNothing() throws Exception {
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 1000, 5, null);
             TrngNoiseSource trng = TrngNoiseSource.fromPool(pool, "dry")) {
            float[] out = new float[300];
            NoiseExhaustedException e = assertThrows(NoiseExhaustedException.class,
                    () -> trng.fillFloats(out, 0, 300));
            assertTrue(e.getMessage().contains("1200 pool bytes") && e.getMessage().contains("spinnoise acquire"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("or use drbg mode"), "1000 bytes can seed a DRBG: " + e.getMessage());
            assertArrayEquals(new float[300], out, "no partial handout");
            assertEquals(1000, pool.status().bytesAvailable(), "the pool is untouched");
            assertEquals(new NoiseAccount(0, 0, 0, 0), trng.account());

            trng.fillFloats(out, 0, 250);
            assertEquals(0, pool.status().bytesAvailable());
            assertEquals(new NoiseAccount(250, 0, 1000, 8000), trng.account());
            NoiseExhaustedException dry = assertThrows(NoiseExhaustedException.class,
                    () -> trng.fillDoubles(new double[1], 0, 1));
            // issue 18, defect 10: an empty pool cannot seed a DRBG either, so drbg mode is not suggested
            assertTrue(dry.getMessage().contains("drbg mode cannot help"), dry.getMessage());
            assertThrows(NoiseExhaustedException.class, () -> trng.fillBytes(new byte[1], 0, 1));
            assertEquals(8000, trng.account().hardwareBits());
        }
    }

    @Test
    void twoConsumersNeverSeeTheSameBytes() throws Exception {
        byte[][] payload = new byte[1][];
        try (EntropyPool pool = TestPools.filled(tmp.resolve("pool"), 3 * 65_536, 6, payload);
             TrngNoiseSource a = TrngNoiseSource.fromPool(pool, "a");
             TrngNoiseSource b = TrngNoiseSource.fromPool(pool, "b")) {
            byte[] fromA = new byte[100];
            byte[] fromB = new byte[100];
            a.fillBytes(fromA, 0, 100);
            b.fillBytes(fromB, 0, 100);
            assertArrayEquals(Arrays.copyOfRange(payload[0], 0, 100), fromA);
            assertArrayEquals(Arrays.copyOfRange(payload[0], 100, 200), fromB, "b follows on from a, nothing skipped");
        }
    }
}
