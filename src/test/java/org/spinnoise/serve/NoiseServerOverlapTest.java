package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.testing.Python;

/**
 * Exactly-once across clients: three Java and two Python clients draw trng bytes at the same time from the real trng
 * source over a pool of known content. Every reply's bytes must be the pool's bytes at the reply's stream position
 * (the service's trng stream is the pool's byte order, the pool having no other consumer here), and no two replies,
 * of the same client or of different ones, may share a position. Once with the socket thread generating every reply
 * (no workers), once with two workers sharing the busy clients.
 */
class NoiseServerOverlapTest {
    private static final int POOL_BYTES = 3 << 20;
    private static final int PER_CLIENT = 384 << 10;
    private static final int CHUNK = 16 << 10;

    @TempDir
    Path tmp;

    /** One reply: its stream position and its bytes. */
    private record Piece(String client, long position, byte[] bytes) {
    }

    @ParameterizedTest(name = "{0} workers")
    @ValueSource(ints = {0, 2})
    void noByteGoesToTwoClientsAndEveryByteIsThePoolsOwn(int workers) throws Exception {
        byte[] content = new byte[POOL_BYTES];
        new SplittableRandom(0x0E1A9).nextBytes(content);
        try (EntropyPool pool = EntropyPool.open(tmp.resolve("pool"), PoolConfig.defaults())) {
            pool.append(content, 0, content.length, new IngestCounts(content.length * 10L, 0, content.length * 8.0),
                    "known");
            try (NoiseServer server = NoiseServer.start(ServerConfig.loopback().withWorkers(workers),
                    (mode, consumer, seed) -> NoiseSources.open(mode, pool, consumer, seed), pool::status)) {
                List<Piece> pieces = drawFromAll(server.endpoint());
                assertEquals(5L * PER_CLIENT, pieces.stream().mapToLong(p -> p.bytes().length).sum());
                pieces.sort((a, b) -> Long.compare(a.position(), b.position()));
                long end = 0;
                for (Piece p : pieces) {
                    assertTrue(p.position() >= end, "reply to " + p.client() + " at " + p.position()
                            + " overlaps the one before, which ends at " + end);
                    assertArrayEquals(Arrays.copyOfRange(content, (int) p.position(),
                            (int) p.position() + p.bytes().length), p.bytes(), "bytes of " + p.client() + " at "
                            + p.position() + " are not the pool's");
                    end = p.position() + p.bytes().length;
                }
                assertEquals(5L * PER_CLIENT * 8, server.stats().hardwareBitsServed());
            }
            long servedByPool = pool.status().bytesOutByConsumer().get("serve");
            assertTrue(servedByPool >= 5L * PER_CLIENT && servedByPool <= 5L * PER_CLIENT + (64 << 10),
                    "the pool served " + servedByPool + " bytes: what went out plus at most one buffered chunk");
        }
    }

    private List<Piece> drawFromAll(String endpoint) throws Exception {
        List<Process> pythons = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pythons.add(Python.start(Python.clientScript("tests/draw_bytes.py"), endpoint,
                    String.valueOf(PER_CLIENT), String.valueOf(CHUNK), tmp.resolve("py" + i + ".bin").toString()));
        }
        ExecutorService javaClients = Executors.newFixedThreadPool(3);
        List<Future<List<Piece>>> futures = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String name = "java" + i;
            futures.add(javaClients.submit(() -> javaDraw(endpoint, name)));
        }
        List<Piece> pieces = new ArrayList<>();
        for (Future<List<Piece>> f : futures) {
            pieces.addAll(f.get());
        }
        javaClients.shutdown();
        for (int i = 0; i < pythons.size(); i++) {
            Python.finish(pythons.get(i), 120);
            pieces.addAll(pythonPieces("py" + i, tmp.resolve("py" + i + ".bin")));
        }
        return pieces;
    }

    private static List<Piece> javaDraw(String endpoint, String name) throws Exception {
        List<Piece> pieces = new ArrayList<>();
        try (NoiseClient client = NoiseClient.connect(endpoint,
                NoiseClient.Options.defaults().withPipeline(4, CHUNK))) {
            byte[] out = new byte[PER_CLIENT];
            NoiseDraw draw = client.fillBytes(NoiseMode.TRNG, out);
            int offset = 0;
            for (ReplyHeader h : draw.replies()) {
                assertEquals(NoiseMode.TRNG, h.mode());
                assertEquals(8L * h.count(), h.hardwareBits());
                pieces.add(new Piece(name, h.streamPosition(), Arrays.copyOfRange(out, offset, offset + h.count())));
                offset += h.count();
            }
        }
        return pieces;
    }

    private static List<Piece> pythonPieces(String name, Path bin) throws Exception {
        byte[] all = Files.readAllBytes(bin);
        List<Piece> pieces = new ArrayList<>();
        int offset = 0;
        for (String line : Files.readAllLines(Path.of(bin + ".replies"))) {
            String[] f = line.trim().split(" ");
            int count = Integer.parseInt(f[1]);
            pieces.add(new Piece(name, Long.parseLong(f[0]), Arrays.copyOfRange(all, offset, offset + count)));
            offset += count;
        }
        assertEquals(all.length, offset);
        return pieces;
    }
}
