package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spinnoise.cli.CliRun.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.cli.CliRun.Outcome;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/**
 * Issue 18, defect 3, as a user sees it: {@code pool status} after the last, unserved record of the newest segment
 * was damaged on disk showed "corrupt bytes 0" while 103,008 of 168,544 bytes had vanished.
 */
class PoolStatusDamageTest {
    @TempDir
    Path tmp;

    @Test
    void statusCountsDamageToTheLastUnservedRecordAsCorrupt() throws Exception {
        Path pool = tmp.resolve("pool");
        SplittableRandom random = new SplittableRandom(18);
        try (EntropyPool p = EntropyPool.open(pool, PoolConfig.defaults())) {
            for (int bytes : new int[] {65_536, 103_008}) {
                byte[] payload = new byte[bytes];
                random.nextBytes(payload);
                p.append(payload, 0, bytes, new IngestCounts(8L * bytes, 0, 8.0 * bytes), "run-a");
            }
        }
        Path segment = pool.resolve("segments/00000001.seg");
        byte[] data = Files.readAllBytes(segment);
        data[data.length - 1000] ^= 0x01; // inside the second (last) record's payload
        Files.write(segment, data);

        Outcome status = run("pool", "status", "--pool", pool.toString());
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("corrupt bytes         103,008 [offsets 65536..168544"), status.out());
        assertTrue(status.out().contains("bytes available       65,536"), status.out());
        assertTrue(status.out().contains("bytes appended        168,544"), status.out());
        assertTrue(status.out().contains("torn appends          0 "), status.out());
        Outcome take = run("pool", "take", "--pool", pool.toString(), "--bytes", "65537", "--out",
                tmp.resolve("out.bin").toString());
        assertEquals(1, take.code(), "the damaged bytes are never served: " + take.err());
    }
}
