package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.entropy.pool.IngestCounts;
import org.spinnoise.entropy.pool.PoolConfig;

/** Fixtures for the diffusion command tests: a U-Net trained for a few steps on stand-in data, and a filled pool. */
final class TinyTraining {
    private TinyTraining() {
    }

    /** The stand-in data folder under {@code dir}, made once. */
    static Path data(Path dir) throws Exception {
        Path data = dir.resolve("data");
        if (!Files.isDirectory(data)) {
            StandInFashionMnist.write(Files.createDirectories(data), 20, 10);
        }
        return data;
    }

    /** Trains 3 steps of 2 images with T = 50 into {@code dir/run} and returns its checkpoint. */
    static Path checkpoint(Path dir) throws Exception {
        Path runDir = dir.resolve("run");
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "train", "--out", runDir.toString(),
                "--data", data(dir).toString(), "--steps", "3", "--batch", "2", "--timesteps", "50", "--images", "0");
        assertEquals(0, code, err.toString());
        return runDir.resolve(TrainCommand.CHECKPOINT);
    }

    /** A pool in {@code dir} holding {@code bytes} seeded bytes. */
    static Path pool(Path dir, int bytes) throws Exception {
        byte[] payload = new byte[bytes];
        new SplittableRandom(3).nextBytes(payload);
        try (EntropyPool pool = EntropyPool.open(dir, PoolConfig.defaults())) {
            pool.append(payload, 0, payload.length, new IngestCounts(payload.length * 10L, 0, payload.length * 8.0), "t");
        }
        return dir;
    }
}
