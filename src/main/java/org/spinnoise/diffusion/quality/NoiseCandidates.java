package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.noise.ByteStream;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.noise.RawBitsNoise;
import org.spinnoise.noise.TrngNoiseSource;

/**
 * The noise sources {@code evaluate} can compare, by label: {@code trng}, {@code drbg}, {@code prng}; the approximate
 * {@code clt-K} (each normal a centred sum of K pool bits); and {@code biased-P}, deliberately degraded noise made the
 * way {@code trng} makes it but from software-simulated raw bits that are 1 with probability P (uncalibrated junctions
 * off V50), never from the pool, so it is accounted as software ({@code prng} mode, no pool bits); and
 * {@code raw:<run folder>}, a run's own raw bits ({@link RawBitsNoise}, one part of the file per seed). Each label
 * also says roughly how many pool bytes it needs, and whether it is one of the degraded rows of the verdict.
 */
public final class NoiseCandidates {
    private static final long CHUNK_BYTES = 64 << 10;
    private static final String RAW_PREFIX = "raw:";

    /** Finds a run folder's raw bits, split into one part per seed (run folders are not this package's to read). */
    @FunctionalInterface
    public interface RawRuns {
        RawBitsNoise split(Path runFolder, int seeds) throws IOException;
    }

    private NoiseCandidates() {
    }

    /**
     * The candidates named in {@code sources}, comma-separated.
     *
     * @param seeds            seeds each candidate is opened for (1 .. seeds)
     * @param normalsPerSource normals each candidate hands out over all seeds
     * @param rawRuns          how {@code raw:<run folder>} sources find their bits
     */
    public static List<NoiseComparison.Candidate> parse(String sources, EntropyPool pool, String consumer, int seeds,
                                                        long normalsPerSource, RawRuns rawRuns) throws IOException {
        List<NoiseComparison.Candidate> out = new ArrayList<>();
        for (String source : sources.split(",")) {
            String s = source.trim();
            if (isRaw(s)) {
                out.add(new NoiseComparison.Candidate(label(s), rawOpener(s, rawRuns, seeds,
                        normalsPerSource / seeds * Float.BYTES)));
            } else {
                String label = label(s);
                out.add(new NoiseComparison.Candidate(label, opener(label, pool, consumer)));
            }
        }
        return out;
    }

    /**
     * Why {@code sources} (comma-separated) names a source that cannot be, in one line with the valid forms, or null
     * when every one is well formed: checked before any work (no model, data or pool is touched), so {@code clt-0}
     * or {@code biased-2} is refused at once rather than after the reference features are computed.
     */
    public static String problem(String sources) {
        for (String source : sources.split(",", -1)) {
            String s = source.trim();
            if (s.isEmpty()) {
                return "an empty source in '" + sources + "'; " + VALID_FORMS;
            }
            try {
                if (isRaw(s)) {
                    Path dir = Path.of(s.substring(RAW_PREFIX.length()));
                    if (!java.nio.file.Files.isDirectory(dir)) {
                        return "noise source " + s + ": no such run folder " + dir + "; give raw:<run folder>";
                    }
                    continue;
                }
                String label = label(s);
                if (label.startsWith("clt-")) {
                    positive(label, label.substring(4));
                } else if (label.startsWith("biased-")) {
                    probability(label, label.substring(7));
                } else {
                    NoiseMode.parse(label);
                }
            } catch (IllegalArgumentException e) {
                return (e.getMessage().startsWith("unknown noise mode") ? "unknown noise source '" + s + "'"
                        : e.getMessage()) + "; " + VALID_FORMS;
            }
        }
        return null;
    }

    private static final String VALID_FORMS = "the sources are trng, drbg, prng, clt-K (K bits per normal, 1 to "
            + "64), biased-P (0 < P < 1) and raw:<run folder>";

    /**
     * The table's label of a source as given on the command line; {@code raw:<dir>} is {@code raw-<folder name>},
     * also a safe file name for its grid.
     */
    public static String label(String source) {
        String s = source.trim();
        if (isRaw(s)) {
            Path dir = Path.of(s.substring(RAW_PREFIX.length())).toAbsolutePath().normalize();
            return ("raw-" + dir.getFileName()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /** Whether the label is one of the deliberately degraded sources (clt-K, biased-P, raw bits of a run). */
    public static boolean degraded(String label) {
        return label.startsWith("clt-") || label.startsWith("biased-") || label.startsWith("raw-");
    }

    private static NoiseComparison.NoiseOpener opener(String label, EntropyPool pool, String consumer) {
        if (label.startsWith("clt-")) {
            int bits = positive(label, label.substring(4));
            return seed -> NoiseSources.openClt(bits, requirePool(pool, label), consumer);
        }
        if (label.startsWith("biased-")) {
            double p = probability(label, label.substring(7));
            return seed -> softwareBits(TrngNoiseSource.over(ByteStream.of(biasedBits(p, seed))));
        }
        NoiseMode mode;
        try {
            mode = NoiseMode.parse(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown noise source '" + label
                    + "': use trng, drbg, prng, clt-K, biased-P or raw:<run folder>");
        }
        if (mode != NoiseMode.PRNG) {
            requirePool(pool, label);
        }
        return seed -> NoiseSources.open(mode, pool, consumer, seed);
    }

    /** Pool bytes a source needs for {@code normals} samples opened {@code opens} times (an upper estimate). */
    public static long poolBytes(String label, long normals, int opens) {
        if (label.equals("trng")) {
            return normals * Float.BYTES + opens * CHUNK_BYTES;
        }
        if (label.startsWith("clt-")) {
            return (normals * Integer.parseInt(label.substring(4)) + 7) / 8 + opens * CHUNK_BYTES;
        }
        if (label.equals("drbg")) {
            return opens * 48L + ((normals * 2 * Long.BYTES >> 20) + 1) * 48L; // seed, then 48 bytes per MiB of DRBG output
        }
        return 0;
    }

    private static boolean isRaw(String source) {
        return source.regionMatches(true, 0, RAW_PREFIX, 0, RAW_PREFIX.length());
    }

    /**
     * The opener of seed k (1 .. seeds) of the run in {@code source}, after checking now, before any sampling, that
     * the run holds {@code bytesPerSeed} whole bytes of raw bits for every seed.
     */
    private static NoiseComparison.NoiseOpener rawOpener(String source, RawRuns rawRuns, int seeds, long bytesPerSeed)
            throws IOException {
        Path dir = Path.of(source.substring(RAW_PREFIX.length()));
        RawBitsNoise raw = rawRuns.split(dir, seeds);
        if (raw.bytesPerPart() < bytesPerSeed) {
            throw new IOException(String.format(Locale.ROOT, "%s holds %,d raw bits; %d seeds of this evaluation "
                    + "need %,d: acquire a longer run (--bits) or lower --images", dir, raw.bits(), seeds,
                    bytesPerSeed * seeds * Byte.SIZE));
        }
        return raw::open;
    }

    /** The trng generator over software-made bits: its account charges no pool bits and its mode says prng. */
    private static NoiseSource softwareBits(NoiseSource generator) {
        return new NoiseSource() {
            @Override
            public NoiseMode mode() {
                return NoiseMode.PRNG;
            }

            @Override
            public void fillFloats(float[] out, int offset, int length) throws IOException {
                generator.fillFloats(out, offset, length);
            }

            @Override
            public void fillDoubles(double[] out, int offset, int length) throws IOException {
                generator.fillDoubles(out, offset, length);
            }

            @Override
            public void fillBytes(byte[] out, int offset, int length) throws IOException {
                generator.fillBytes(out, offset, length);
            }

            @Override
            public NoiseAccount account() {
                NoiseAccount a = generator.account();
                return new NoiseAccount(a.normals(), a.bytes(), a.streamPosition(), 0);
            }

            @Override
            public void close() {
                generator.close();
            }
        };
    }

    private static ByteStream.Filler biasedBits(double p, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return (out, offset, length) -> {
            for (int i = offset; i < offset + length; i++) {
                int b = 0;
                for (int bit = 0; bit < 8; bit++) {
                    b = (b << 1) | (random.nextDouble() < p ? 1 : 0);
                }
                out[i] = (byte) b;
            }
        };
    }

    private static EntropyPool requirePool(EntropyPool pool, String label) {
        if (pool == null) {
            throw new IllegalArgumentException("noise source " + label + " needs an entropy pool: pass --pool DIR");
        }
        return pool;
    }

    private static int positive(String label, String text) {
        try {
            int v = Integer.parseInt(text);
            if (v >= 1 && v <= 64) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("noise source " + label + ": K must be a number of bits from 1 to 64");
    }

    private static double probability(String label, String text) {
        try {
            double v = Double.parseDouble(text);
            if (v > 0 && v < 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("noise source " + label + ": P must be a probability strictly between 0 and 1");
    }
}
