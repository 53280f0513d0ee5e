package org.spinnoise.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The fuzzing that runs in every build: a fixed number of inputs made from a target's corpus by a seeded mutator
 * (bit flips, byte changes, inserted, deleted and repeated runs, splices of two seeds, and tokens that parsers of this
 * project care about: '#', digit runs, separators, quotes, 0x00 and 0xFF). Deterministic, so a failure reproduces from
 * the seed; the coverage-guided Jazzer runs of {@code bin/fuzz} explore further.
 */
public final class SeededMutation {
    private static final byte[][] TOKENS = {
            "#".getBytes(StandardCharsets.US_ASCII), "#9".getBytes(StandardCharsets.US_ASCII),
            "999999999".getBytes(StandardCharsets.US_ASCII), "\n".getBytes(StandardCharsets.US_ASCII),
            "\r\n".getBytes(StandardCharsets.US_ASCII), ";".getBytes(StandardCharsets.US_ASCII),
            ",".getBytes(StandardCharsets.US_ASCII), ":".getBytes(StandardCharsets.US_ASCII),
            "\"".getBytes(StandardCharsets.US_ASCII), "'".getBytes(StandardCharsets.US_ASCII),
            "?".getBytes(StandardCharsets.US_ASCII), "*".getBytes(StandardCharsets.US_ASCII),
            "-1".getBytes(StandardCharsets.US_ASCII), "1e308".getBytes(StandardCharsets.US_ASCII),
            "NaN".getBytes(StandardCharsets.US_ASCII), "null".getBytes(StandardCharsets.US_ASCII),
            "{}".getBytes(StandardCharsets.US_ASCII), "[]".getBytes(StandardCharsets.US_ASCII),
            "2147483648".getBytes(StandardCharsets.US_ASCII), {0}, {(byte) 0xFF}, {(byte) 0x80, 0, 0, 0},
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}};

    private final SplittableRandom random;
    private final List<byte[]> seeds;
    private final int maxBytes;

    public SeededMutation(long seed, List<byte[]> seeds, int maxBytes) {
        this.random = new SplittableRandom(seed);
        this.seeds = List.copyOf(seeds);
        this.maxBytes = maxBytes;
    }

    /** Hands {@code executions} inputs to {@code target}: each seed once as it is, then mutants. */
    public void run(int executions, Consumer<byte[]> target) {
        for (byte[] seed : seeds) {
            target.accept(seed.clone());
        }
        for (int i = seeds.size(); i < executions; i++) {
            target.accept(next());
        }
    }

    /** One mutant: a seed with one to four mutations stacked. */
    public byte[] next() {
        byte[] input = seeds.get(random.nextInt(seeds.size())).clone();
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations; m++) {
            input = mutate(input);
        }
        return input.length > maxBytes ? Arrays.copyOf(input, maxBytes) : input;
    }

    private byte[] mutate(byte[] in) {
        int n = in.length;
        switch (random.nextInt(8)) {
            case 0 -> {
                if (n > 0) {
                    in[random.nextInt(n)] ^= (byte) (1 << random.nextInt(8));
                }
                return in;
            }
            case 1 -> {
                if (n > 0) {
                    in[random.nextInt(n)] = (byte) random.nextInt(256);
                }
                return in;
            }
            case 2 -> {
                byte[] run = new byte[1 + random.nextInt(8)];
                for (int i = 0; i < run.length; i++) {
                    run[i] = (byte) random.nextInt(256);
                }
                return insert(in, random.nextInt(n + 1), run);
            }
            case 3 -> {
                if (n == 0) {
                    return in;
                }
                int from = random.nextInt(n);
                int to = Math.min(n, from + 1 + random.nextInt(Math.min(n - from, 16)));
                byte[] out = new byte[n - (to - from)];
                System.arraycopy(in, 0, out, 0, from);
                System.arraycopy(in, to, out, from, n - to);
                return out;
            }
            case 4 -> {
                if (n == 0) {
                    return in;
                }
                int from = random.nextInt(n);
                int len = 1 + random.nextInt(Math.min(n - from, 64));
                return insert(in, random.nextInt(n + 1), Arrays.copyOfRange(in, from, from + len));
            }
            case 5 -> {
                byte[] other = seeds.get(random.nextInt(seeds.size()));
                int cut = random.nextInt(n + 1);
                int otherCut = random.nextInt(other.length + 1);
                byte[] out = Arrays.copyOf(in, cut + other.length - otherCut);
                System.arraycopy(other, otherCut, out, cut, other.length - otherCut);
                return out;
            }
            case 6 -> {
                return n == 0 ? in : Arrays.copyOf(in, random.nextInt(n));
            }
            default -> {
                byte[] token = TOKENS[random.nextInt(TOKENS.length)];
                if (n > token.length && random.nextBoolean()) {
                    int at = random.nextInt(n - token.length + 1);
                    System.arraycopy(token, 0, in, at, token.length);
                    return in;
                }
                return insert(in, random.nextInt(n + 1), token);
            }
        }
    }

    private static byte[] insert(byte[] in, int at, byte[] run) {
        byte[] out = new byte[in.length + run.length];
        System.arraycopy(in, 0, out, 0, at);
        System.arraycopy(run, 0, out, at, run.length);
        System.arraycopy(in, at, out, at + run.length, in.length - at);
        return out;
    }
}
