package org.spinnoise.cli;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import org.spinnoise.entropy.drbg.PoolSeededDrbg;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.PoolConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise pool take}: draws bytes as a raw stream (for dieharder or PractRand, or a file), either straight
 * from the pool ({@code trng}: each byte served once) or from a DRBG seeded and reseeded from the pool ({@code drbg}).
 */
@Command(name = "take", description = "Draw bytes from the pool as a raw stream (trng) or through a pool-seeded DRBG (drbg).",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise pool take --bytes 4096 --out noise.bin",
                "  spinnoise pool take --mode drbg --bytes 64 --out - | od -t x1"})
final class PoolTakeCommand implements Callable<Integer> {
    private static final int CHUNK_BYTES = 1 << 16;

    @Spec
    CommandSpec spec;

    @Mixin
    PoolDirOption pool;

    @OptionRange(min = 1)
    @Option(names = "--bytes", paramLabel = "N", required = true, description = "How many bytes.")
    long byteCount;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "trng",
            description = "trng (pool bytes) or drbg (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--consumer", paramLabel = "NAME", defaultValue = "cli",
            description = "Name the pool accounts the bytes to (default: ${DEFAULT-VALUE}).")
    String consumer;

    @Option(names = "--out", paramLabel = "FILE", required = true,
            description = "Output file, or - for standard output.")
    String outPath;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("trng") && !mode.equals("drbg")) {
            throw new ParameterException(spec.commandLine(), "--mode must be trng or drbg, not '" + mode + "'");
        }
        if (byteCount < 1) {
            throw new ParameterException(spec.commandLine(), "--bytes must be at least 1, not " + byteCount);
        }
        // taking must not create a pool: a mistyped --pool would otherwise leave an empty one there
        if (!EntropyPool.exists(pool.poolDir)) {
            throw new IllegalArgumentException("no entropy pool at " + pool.poolDir + ": check --pool, or fill one "
                    + "with 'spinnoise pool ingest', 'spinnoise acquire' or 'spinnoise demo'");
        }
        PrintWriter err = spec.commandLine().getErr();
        CatalogRegistration.Draw registered = CatalogRegistration.draw(pool.poolDir, consumer);
        try (EntropyPool p = EntropyPool.open(pool.poolDir, PoolConfig.defaults())) {
            long available = p.status().bytesAvailable();
            if (mode.equals("trng") && available < byteCount) {
                throw new IllegalStateException("the pool at " + p.status().dir() + " holds " + available
                        + " bytes, fewer than the " + byteCount
                        + " asked for; ingest more runs first, or use --mode drbg");
            }
            draw(p, err);
        }
        registered.end(mode);
        err.flush();
        return 0;
    }

    /**
     * Draws into the output; a file is written beside its final name and moved there only when every byte is in it,
     * so a failed take leaves no empty or partial file that looks like a result.
     */
    private void draw(EntropyPool p, PrintWriter err) throws IOException {
        if (outPath.equals("-")) {
            try (OutputStream out = unclosable(System.out)) {
                write(p, err, out);
            }
            return;
        }
        Path target = Path.of(outPath).toAbsolutePath();
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(partial))) {
                write(p, err, out);
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private void write(EntropyPool p, PrintWriter err, OutputStream out) throws IOException {
        if (mode.equals("trng")) {
            for (long done = 0; done < byteCount; ) {
                int n = (int) Math.min(CHUNK_BYTES, byteCount - done);
                out.write(p.take(consumer, n));
                done += n;
            }
            err.printf("mode trng: %,d bytes, every one served once from %s (consumer %s)%n", byteCount,
                    pool.poolDir, consumer);
        } else {
            PoolSeededDrbg drbg = PoolSeededDrbg.seededFrom(n -> p.take(consumer + "-drbg-seed", n));
            byte[] buffer = new byte[CHUNK_BYTES];
            for (long done = 0; done < byteCount; ) {
                int n = (int) Math.min(CHUNK_BYTES, byteCount - done);
                byte[] chunk = n == CHUNK_BYTES ? buffer : new byte[n];
                drbg.nextBytes(chunk, 0, n);
                out.write(chunk);
                done += n;
            }
            err.printf("mode drbg: %,d bytes from %s; seeded with %,d pool bytes, %d reseeds%n",
                    byteCount, PoolSeededDrbg.GENERATOR, drbg.seedBytesUsed(), drbg.reseeds());
        }
        out.flush();
    }

    /** Standard output stays open for whatever runs after the command. */
    private static OutputStream unclosable(OutputStream stream) {
        return new FilterOutputStream(stream) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
