package org.spinnoise.cli;

import static org.spinnoise.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.run.RunFolder;
import org.spinnoise.cli.CliRun.Outcome;
import org.spinnoise.entropy.drbg.EntropySupplier;
import org.spinnoise.entropy.drbg.PoolSeededDrbg;
import org.spinnoise.noise.DrbgNoiseSource;

/** {@code spinnoise pool take} in both modes, {@code pool status} accounting, and {@code export-raw}. */
class PoolCommandTest {
    @TempDir
    Path tmp;

    private byte[] poolWith(Path pool, int bytes) throws Exception {
        byte[] payload = new byte[bytes];
        new SplittableRandom(5).nextBytes(payload);
        try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
            p.append(payload, 0, payload.length, new IngestCounts(bytes * 10L, 0, bytes * 8.0), "test");
        }
        return payload;
    }

    @Test
    void trngBytesComeOutInOrderAndAreNeverServedAgain() throws Exception {
        Path pool = tmp.resolve("pool");
        byte[] payload = poolWith(pool, 5000);
        Path first = tmp.resolve("first.bin");
        Path second = tmp.resolve("second.bin");
        assertEquals(0, run("pool", "take", "--pool", pool.toString(), "--bytes", "3000", "--out", first.toString())
                .code());
        Outcome o = run("pool", "take", "--pool", pool.toString(), "--bytes", "2000", "--consumer", "b",
                "--out", second.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("mode trng"), o.err());
        assertArrayEquals(Arrays.copyOfRange(payload, 0, 3000), Files.readAllBytes(first));
        assertArrayEquals(Arrays.copyOfRange(payload, 3000, 5000), Files.readAllBytes(second));

        Path third = tmp.resolve("third.bin");
        Outcome empty = run("pool", "take", "--pool", pool.toString(), "--bytes", "1", "--out", third.toString());
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("holds 0 bytes"), empty.err());
        assertFalse(Files.exists(third), "nothing is written when the pool cannot serve");

        Outcome status = run("pool", "status", "--pool", pool.toString());
        assertTrue(status.out().contains("bytes taken           5,000"), status.out());
        assertTrue(status.out().contains("taken by b             2,000 bytes"), status.out());
    }

    /** Issue 18, defect 4: a negative count, a mistyped pool path and a failed drbg take. */
    @Test
    void takeRefusesWhatItCannotDoWithoutSpendingOrLeavingAnything() throws Exception {
        Path pool = tmp.resolve("pool");
        poolWith(pool, 100);
        Path out = tmp.resolve("out.bin");
        for (String mode : new String[] {"trng", "drbg"}) {
            Outcome negative = run("pool", "take", "--pool", pool.toString(), "--mode", mode, "--bytes", "-5",
                    "--out", out.toString());
            assertEquals(2, negative.code(), negative.err());
            assertTrue(negative.err().contains("--bytes must be at least 1, not -5"), negative.err());
        }
        Outcome status = run("pool", "status", "--pool", pool.toString());
        assertTrue(status.out().contains("bytes taken           0"), status.out());

        Path mistyped = tmp.resolve("pooll");
        Outcome missing = run("pool", "take", "--pool", mistyped.toString(), "--bytes", "10", "--out",
                out.toString());
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("no entropy pool at " + mistyped), missing.err());
        assertFalse(Files.exists(mistyped), "a mistyped path became a pool");

        // the DRBG needs 48 seed bytes; a pool of 20 cannot seed it, and no output file may be left behind
        Path small = tmp.resolve("small");
        poolWith(small, 20);
        Outcome failed = run("pool", "take", "--pool", small.toString(), "--mode", "drbg", "--bytes", "64", "--out",
                out.toString());
        assertEquals(1, failed.code(), failed.err());
        assertFalse(Files.exists(out), "a failed take left " + out);
        assertFalse(Files.exists(tmp.resolve("out.bin.partial")), "a failed take left its partial file");
        assertFalse(failed.err().contains("\n\tat "), failed.err());
    }

    /**
     * Issue 18, defect 9: {@code pool take --mode drbg} is the very generator of the {@code drbg} noise mode that
     * {@code serve}, {@code sample} and {@code evaluate} use (it was HMAC_DRBG here and CTR_DRBG there): the same
     * pool bytes give the same output, and the command names the generator.
     */
    @Test
    void drbgTakeIsTheSameGeneratorAsTheDrbgNoiseMode() throws Exception {
        Path pool = tmp.resolve("pool");
        byte[] payload = poolWith(pool, 1000);
        Path out = tmp.resolve("drbg.bin");
        Outcome o = run("pool", "take", "--pool", pool.toString(), "--mode", "drbg", "--bytes", "2500000",
                "--out", out.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.err().contains("mode drbg") && o.err().contains("2 reseeds")
                && o.err().contains(PoolSeededDrbg.GENERATOR), o.err());
        assertEquals(2_500_000, Files.size(out));
        Outcome status = run("pool", "status", "--pool", pool.toString(), "--json");
        assertTrue(status.out().contains("\"cli-drbg-seed\":144"), status.out());

        int[] next = {0};
        EntropySupplier samePoolBytes = n -> {
            byte[] seed = Arrays.copyOfRange(payload, next[0], next[0] + n);
            next[0] += n;
            return seed;
        };
        byte[] expected = new byte[2_500_000];
        try (DrbgNoiseSource noiseMode = DrbgNoiseSource.seededFrom(samePoolBytes)) {
            noiseMode.fillBytes(expected, 0, expected.length);
        }
        assertArrayEquals(expected, Files.readAllBytes(out));
    }

    @Test
    void exportRawWritesOneSamplePerByte() throws Exception {
        RunFolder run = RunFolder.create(tmp, "bits");
        run.update(m -> m.withAcquisition(org.spinnoise.run.manifest.Acquisition.starting("test", null, "bits.bin",
                null, null, null, 12).withCounts(12, 6, 1, null, 0, 0, true)));
        run.saveManifest();
        Files.write(run.file("bits.bin"), new byte[] {(byte) 0b1010_0011, (byte) 0b1100_0000});
        Path out = tmp.resolve("nist.bin");
        assertEquals(0, run("export-raw", "--run", run.dir().toString(), "--out", out.toString()).code());
        assertArrayEquals(new byte[] {1, 0, 1, 0, 0, 0, 1, 1, 1, 1, 0, 0}, Files.readAllBytes(out));
    }
}
