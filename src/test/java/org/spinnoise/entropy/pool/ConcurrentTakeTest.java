package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer and four takers at once. Payloads are consecutive big-endian ints, records and takes are whole ints,
 * so every taken int names the slot it came from: a slot served twice or skipped is detected.
 */
class ConcurrentTakeTest {
    private static final int RECORDS = 400;
    private static final int TAKERS = 4;

    @TempDir
    Path dir;

    @Test
    void concurrentTakersNeverReceiveTheSameBytes() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(TAKERS + 1);
        try (EntropyPool pool = EntropyPool.open(dir, new PoolConfig(64 << 20, 16 << 10, 256))) {
            AtomicBoolean writerDone = new AtomicBoolean();
            Future<Integer> writer = threads.submit(() -> {
                Random random = new Random(5);
                int next = 0;
                for (int r = 0; r < RECORDS; r++) {
                    int ints = 1 + random.nextInt(200);
                    ByteBuffer payload = ByteBuffer.allocate(4 * ints);
                    for (int i = 0; i < ints; i++) {
                        payload.putInt(next++);
                    }
                    pool.append(payload.array(), 0, payload.capacity(), new IngestCounts(0, 0, 0), "w");
                }
                writerDone.set(true);
                return next;
            });
            List<Future<List<int[]>>> takers = new ArrayList<>();
            for (int t = 0; t < TAKERS; t++) {
                String consumer = "taker-" + t;
                long seed = t;
                takers.add(threads.submit(() -> takeUntilDrained(pool, consumer, new Random(seed), writerDone)));
            }
            int total = writer.get(60, TimeUnit.SECONDS);
            BitSet seen = new BitSet(total);
            for (Future<List<int[]>> taker : takers) {
                for (int[] chunk : taker.get(60, TimeUnit.SECONDS)) {
                    for (int i = 0; i < chunk.length; i++) {
                        assertTrue(!seen.get(chunk[i]), "slot " + chunk[i] + " served twice");
                        seen.set(chunk[i]);
                        assertTrue(i == 0 || chunk[i] == chunk[i - 1] + 1, "a take is contiguous and in order");
                    }
                }
            }
            assertEquals(total, seen.cardinality(), "every slot served once");
            PoolStatus status = pool.status();
            assertEquals(4L * total, status.bytesServed());
            assertEquals(TAKERS, status.bytesOutByConsumer().size());
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<int[]> takeUntilDrained(EntropyPool pool, String consumer, Random random,
                                                AtomicBoolean writerDone) throws PoolException {
        List<int[]> chunks = new ArrayList<>();
        while (true) {
            boolean finalPass = writerDone.get(); // read before taking: an empty take after this means drained
            byte[] bytes = pool.takeUpTo(consumer, 4 * (1 + random.nextInt(64)));
            if (bytes.length == 0) {
                if (finalPass) {
                    return chunks;
                }
                Thread.onSpinWait();
                continue;
            }
            ByteBuffer in = ByteBuffer.wrap(bytes);
            int[] ints = new int[bytes.length / 4];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = in.getInt();
            }
            chunks.add(ints);
        }
    }
}
