package org.spinnoise.entropy.pool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.spinnoise.entropy.pool.PoolAssertions.assertAccountingBalances;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real pool process with SIGKILL at random moments, five times, and checks what the pool promises: no
 * offset is served twice across all rounds, every served byte is the one appended at its offset, and no
 * acknowledged append is lost.
 */
class PoolCrashTest {
    private static final int ROUNDS = 5;
    private static final long KEY = 0xC0FFEE;

    @TempDir
    Path dir;

    private record Served(long start, int length, String sha256) {
        long end() {
            return start + length;
        }
    }

    @Test
    void killMinusNineNeverLosesAcknowledgedBytesNorServesAnyTwice() throws Exception {
        Path pool = dir.resolve("pool");
        Random random = new Random();
        List<Served> served = new ArrayList<>();
        long lastAck = 0;
        int acks = 0;
        for (int round = 0; round < ROUNDS; round++) {
            Path log = dir.resolve("round-" + round + ".log");
            Process child = startChild(pool, log);
            try {
                awaitLine(log, child, "OPEN ");
                Thread.sleep(300 + random.nextInt(700));
            } finally {
                child.destroyForcibly(); // SIGKILL on Unix
                child.waitFor(10, TimeUnit.SECONDS);
            }
            assertTrue(child.exitValue() != 3 && child.exitValue() != 4 && child.exitValue() != 5,
                    "the child saw the pool misbehave, exit " + child.exitValue() + ": " + childErrors(log));
            for (String line : completeLines(log)) {
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "OPEN" -> assertTrue(Long.parseLong(f[1]) >= lastAck,
                            "round " + round + " reopened at " + f[1] + " but offset " + lastAck + " was ACKed");
                    case "ACK" -> {
                        lastAck = Math.max(lastAck, Long.parseLong(f[1]));
                        acks++;
                    }
                    case "SERVED" -> served.add(new Served(Long.parseLong(f[1]), Integer.parseInt(f[2]), f[3]));
                    default -> fail("unexpected log line " + line);
                }
            }
        }
        assertTrue(acks > 20 && served.size() > 20, "the child did work: " + acks + " acks, " + served.size()
                + " takes");
        served.sort(Comparator.comparingLong(Served::start));
        for (int i = 0; i < served.size(); i++) {
            Served s = served.get(i);
            assertEquals(OffsetPattern.sha256(OffsetPattern.bytes(KEY, s.start(), s.length())), s.sha256(),
                    "bytes served as offsets " + s.start() + ".." + s.end() + " are not the ones appended there");
            if (i > 0) {
                assertTrue(served.get(i - 1).end() <= s.start(), "offsets served twice: " + served.get(i - 1)
                        + " and " + s);
            }
        }
        try (EntropyPool reopened = EntropyPool.open(pool, PoolConfig.defaults())) {
            PoolStatus status = reopened.status();
            assertTrue(status.bytesAppended() >= lastAck, "acknowledged " + lastAck + ", pool holds "
                    + status.bytesAppended());
            assertEquals(0, status.corruptBytes(), () -> "kill -9 damages no acknowledged record: " + status);
            assertAccountingBalances(status);
            long next = status.bytesAppended() - status.bytesAvailable();
            assertTrue(next >= served.get(served.size() - 1).end(), "the rest starts after everything served");
            byte[] rest = reopened.takeUpTo("final", (int) status.bytesAvailable());
            assertEquals(OffsetPattern.sha256(OffsetPattern.bytes(KEY, next, rest.length)),
                    OffsetPattern.sha256(rest), "the unserved rest is intact");
        }
    }

    private static Process startChild(Path pool, Path log) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), PoolCrashChild.class.getName(), pool.toString(),
                log.toString(), Long.toString(KEY));
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.redirectError(log.resolveSibling(log.getFileName() + ".err").toFile());
        return builder.start();
    }

    private static void awaitLine(Path log, Process child, String prefix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            if (completeLines(log).stream().anyMatch(l -> l.startsWith(prefix))) {
                return;
            }
            if (!child.isAlive()) {
                fail("the child exited with " + child.exitValue() + " before opening the pool: " + childErrors(log));
            }
            Thread.sleep(20);
        }
        fail("the child did not open the pool within 15 s: " + childErrors(log));
    }

    /** Lines ending in a newline; a line the kill cut short is ignored. */
    private static List<String> completeLines(Path log) throws IOException {
        if (!Files.exists(log)) {
            return List.of();
        }
        String text = Files.readString(log, StandardCharsets.US_ASCII);
        int end = text.lastIndexOf('\n');
        return end < 0 ? List.of() : List.of(text.substring(0, end).split("\n"));
    }

    private static String childErrors(Path log) throws IOException {
        Path err = log.resolveSibling(log.getFileName() + ".err");
        return Files.exists(err) ? Files.readString(err) : "";
    }
}
