package org.spinnoise.faults;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/**
 * A pool whose every byte the test knows: records of seeded random bytes appended in order, so any piece a consumer
 * was handed can be found at its one offset in the pool's byte sequence, and two pieces that share an offset are
 * bytes served twice.
 */
final class KnownPool {
    static final int RECORD_BYTES = 64 << 10;
    /** Bytes of a piece used to find it: 2^-64 odds of a false match per offset. */
    private static final int KEY_BYTES = 8;

    final Path dir;
    final byte[] content;
    private final Map<Long, Integer> offsetByKey = new HashMap<>();

    private KnownPool(Path dir, byte[] content) {
        this.dir = dir;
        this.content = content;
        for (int i = 0; i + KEY_BYTES <= content.length; i++) {
            offsetByKey.put(key(content, i), i);
        }
    }

    /** Creates the pool in {@code dir} with {@code records} records of {@link #RECORD_BYTES} and closes it. */
    static KnownPool create(Path dir, int records, long seed) throws Exception {
        byte[] content = new byte[records * RECORD_BYTES];
        new SplittableRandom(seed).nextBytes(content);
        try (EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults())) {
            for (int r = 0; r < records; r++) {
                pool.append(content, r * RECORD_BYTES, RECORD_BYTES,
                        new IngestCounts(RECORD_BYTES * 8L, 0, RECORD_BYTES * 8.0), "known-" + r);
            }
        }
        return new KnownPool(dir, content);
    }

    /** A piece handed to a consumer: where it sits in the pool, and its length. */
    record Piece(long offset, int length) {
        long end() {
            return offset + length;
        }
    }

    /** Where {@code bytes} sit in the pool's content; fails if they are not the pool's bytes. */
    Piece locate(byte[] bytes, int from, int length) {
        assertTrue(length >= KEY_BYTES, "pieces of at least " + KEY_BYTES + " bytes");
        Integer at = offsetByKey.get(key(bytes, from));
        assertTrue(at != null && at + length <= content.length, "a piece that is not the pool's bytes");
        assertArrayEquals(Arrays.copyOfRange(content, at, at + length), Arrays.copyOfRange(bytes, from, from + length),
                "a piece that is not the pool's bytes at offset " + at);
        return new Piece(at, length);
    }

    /** Fails if any two pieces share a byte of the pool: bytes served twice. Returns them sorted. */
    static List<Piece> assertDisjoint(List<Piece> pieces) {
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        for (int i = 1; i < sorted.size(); i++) {
            Piece before = sorted.get(i - 1);
            Piece piece = sorted.get(i);
            assertTrue(before.end() <= piece.offset(), "bytes served twice: " + before + " and " + piece);
        }
        return sorted;
    }

    private static long key(byte[] b, int at) {
        long k = 0;
        for (int i = 0; i < KEY_BYTES; i++) {
            k = k << 8 | (b[at + i] & 0xFF);
        }
        return k;
    }
}
