package org.spinnoise.diffusion.quality;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinnoise.entropy.pool.EntropyPool;
import org.spinnoise.noise.BitConstruction;
import org.spinnoise.noise.BitSum;
import org.spinnoise.noise.ByteStream;
import org.spinnoise.noise.InversionTable;
import org.spinnoise.noise.NoiseAccount;
import org.spinnoise.noise.NoiseMode;
import org.spinnoise.noise.NoiseSource;
import org.spinnoise.noise.NoiseSources;
import org.spinnoise.noise.RawBitsNoise;
import org.spinnoise.noise.TrngNoiseSource;

/**
 * The noise sources {@code evaluate} can compare, by label: {@code trng}, {@code drbg}, {@code prng}; the approximate
 * Gaussian-from-bits constructions a hardware design would use, over conditioned pool bits: {@code clt-K} (each normal
 * a centred sum of K bits), {@code irwin-hall-KxB} (a sum of K uniform B-bit words) and {@code inv-B} (a 2^B-entry
 * inversion table); {@code biased-P}, deliberately degraded noise made the way {@code trng} makes it but from
 * software-simulated raw bits that are 1 with probability P (uncalibrated junctions off V50), never from the pool, so
 * it is accounted as software ({@code prng} mode, no pool bits); {@code raw:<run folder>}, a run's own raw bits made
 * into normals like {@code trng} ({@link RawBitsNoise}, one part of the file per seed); and the sums of K raw bits of
 * a run, {@code clt-K:raw:<run folder>} corrected exactly with the run's measured P(1) p̂ and
 * {@code clt-K-fair:raw:<run folder>} corrected as if the bits were fair. Each label also says roughly how many pool
 * bytes it needs, whether it is one of the degraded rows of the verdict, and, in one line, how it makes a normal
 * ({@link #construction}).
 */
public final class NoiseCandidates {
    private static final String RAW_PREFIX = "raw:";
    private static final Pattern CLT = Pattern.compile("clt-([^:]*)");
    private static final Pattern IRWIN_HALL = Pattern.compile("irwin-hall-([^:]*)");
    private static final Pattern INVERSION = Pattern.compile("inv-([^:]*)");
    private static final Pattern RAW_SUM = Pattern.compile("clt-([^:]*?)(-fair)?:raw:(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RAW_SUM_LABEL = Pattern.compile("clt-(\\d+)(-fair)?-raw-.*");

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
     * @param rawRuns          how {@code raw:<run folder>} and {@code clt-K:raw:<run folder>} sources find their bits
     */
    public static List<NoiseComparison.Candidate> parse(String sources, EntropyPool pool, String consumer, int seeds,
                                                        long normalsPerSource, RawRuns rawRuns) throws IOException {
        List<NoiseComparison.Candidate> out = new ArrayList<>();
        for (String source : sources.split(",")) {
            String s = source.trim();
            Matcher rawSum = RAW_SUM.matcher(s);
            if (isRaw(s)) {
                out.add(new NoiseComparison.Candidate(label(s), rawOpener(Path.of(s.substring(RAW_PREFIX.length())),
                        rawRuns, seeds, normalsPerSource / seeds * Float.BYTES, null), construction(s)));
            } else if (rawSum.matches()) {
                int bits = cltBits(s, rawSum.group(1));
                long bytesPerSeed = (normalsPerSource / seeds * bits + Byte.SIZE - 1) / Byte.SIZE;
                out.add(new NoiseComparison.Candidate(label(s), rawOpener(Path.of(rawSum.group(3)), rawRuns, seeds,
                        bytesPerSeed, raw -> rawSum.group(2) != null ? BitSum.fairBits(bits)
                                : BitSum.biasedBits(bits, raw.onesProbability())), construction(s)));
            } else {
                String label = label(s);
                out.add(new NoiseComparison.Candidate(label, opener(label, pool, consumer), construction(s)));
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
                Matcher rawSum = RAW_SUM.matcher(s);
                String folder = null;
                if (isRaw(s)) {
                    folder = s.substring(RAW_PREFIX.length());
                } else if (rawSum.matches()) {
                    cltBits(s, rawSum.group(1));
                    folder = rawSum.group(3);
                } else if (s.toLowerCase(Locale.ROOT).contains(":raw:")) {
                    throw new IllegalArgumentException("noise source " + s + ": only clt-K and clt-K-fair sum raw bits "
                            + "(raw:<run folder> alone makes them into normals like trng)");
                }
                if (folder != null) {
                    Path dir = Path.of(folder);
                    if (!java.nio.file.Files.isDirectory(dir)) {
                        return "noise source " + s + ": no such run folder " + dir + "; give "
                                + (isRaw(s) ? "" : "clt-K:raw:<run folder> or clt-K-fair:") + "raw:<run folder>";
                    }
                    continue;
                }
                String label = label(s);
                if (label.matches("clt-\\d+-fair")) {
                    String k = label.substring(4, label.length() - 5);
                    throw new IllegalArgumentException("noise source " + s + ": the fair-coin correction is for raw "
                            + "bits; give clt-" + k + "-fair:raw:<run folder> (pool bits are conditioned: use clt-" + k
                            + ")");
                }
                if (poolConstruction(label) == null && !label.startsWith("biased-")) {
                    NoiseMode.parse(label);
                } else if (label.startsWith("biased-")) {
                    probability(label, label.substring(7));
                }
            } catch (IllegalArgumentException e) {
                return (e.getMessage().startsWith("unknown noise mode") ? "unknown noise source '" + s + "'"
                        : e.getMessage()) + "; " + VALID_FORMS;
            }
        }
        return null;
    }

    private static final String VALID_FORMS = "the sources are trng, drbg, prng, clt-K (K bits per normal, 1 to "
            + "64), irwin-hall-KxB (K words of B bits, K 1 to 64, B 2 to 16), inv-B (a 2^B-entry inversion table, B 1 "
            + "to 16), biased-P (0 < P < 1), raw:<run folder>, and clt-K:raw:<run folder> or "
            + "clt-K-fair:raw:<run folder> (K raw bits of a run, corrected by its measured P(1) or as if fair)";

    /**
     * The table's label of a source as given on the command line; {@code raw:<dir>} is {@code raw-<folder name>},
     * {@code clt-K:raw:<dir>} is {@code clt-K-raw-<folder name>} and {@code clt-K-fair:raw:<dir>} is
     * {@code clt-K-fair-raw-<folder name>}, also safe file names for their grids.
     */
    public static String label(String source) {
        String s = source.trim();
        if (isRaw(s)) {
            return "raw-" + folderName(s.substring(RAW_PREFIX.length()));
        }
        Matcher rawSum = RAW_SUM.matcher(s);
        if (rawSum.matches()) {
            return ("clt-" + rawSum.group(1) + (rawSum.group(2) == null ? "" : "-fair")).toLowerCase(Locale.ROOT)
                    + "-raw-" + folderName(rawSum.group(3));
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the label is one of the deliberately degraded or approximate sources, whose normals are not N(0, 1) by
     * construction: every clt-K, irwin-hall-KxB and inv-B (however large K or B), biased-P and the raw bits of a run.
     */
    public static boolean degraded(String label) {
        return label.startsWith("clt-") || label.startsWith("irwin-hall-") || label.startsWith("inv-")
                || label.startsWith("biased-") || label.startsWith("raw-");
    }

    /**
     * How the source with this label (or given as on the command line) makes a normal, in one line: the bits it takes
     * per normal and from where, the exact mean and variance correction, and what its output is; for the
     * approximate constructions this is {@link BitConstruction#description()}.
     *
     * @throws IllegalArgumentException for a label no source has
     */
    public static String construction(String label) {
        return CandidateConstructions.describe(label(label));
    }

    private static NoiseComparison.NoiseOpener opener(String label, EntropyPool pool, String consumer) {
        BitConstruction construction = poolConstruction(label);
        if (construction != null) {
            return seed -> NoiseSources.openConstruction(construction, requirePool(pool, label), consumer);
        }
        if (label.startsWith("biased-")) {
            double p = probability(label, label.substring(7));
            return seed -> softwareBits(TrngNoiseSource.over(ByteStream.of(biasedBits(p, seed))));
        }
        NoiseMode mode;
        try {
            mode = NoiseMode.parse(label);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown noise source '" + label + "'; " + VALID_FORMS);
        }
        if (mode != NoiseMode.PRNG) {
            requirePool(pool, label);
        }
        return seed -> NoiseSources.open(mode, pool, consumer, seed);
    }

    /**
     * Pool bytes a source needs for {@code normals} samples opened {@code opens} times. The pool streams take exactly
     * the bytes their requests need (the pool's own reservation ahead is capped at what it holds and given back), so
     * this is exact for trng; a construction over bits may leave up to 7 bits unused at the end of each open, counted
     * here as a byte each.
     */
    public static long poolBytes(String label, long normals, int opens) {
        if (label.equals("trng")) {
            return normals * Float.BYTES;
        }
        BitConstruction construction = RAW_SUM_LABEL.matcher(label).matches() ? null : poolConstruction(label);
        if (construction != null) {
            return (normals * construction.bitsPerNormal() + 7) / 8 + opens;
        }
        if (label.equals("drbg")) {
            return opens * 48L + ((normals * 2 * Long.BYTES >> 20) + 1) * 48L; // seed, then 48 bytes per MiB of DRBG output
        }
        return 0;
    }

    /**
     * The construction over pool bits that {@code label} names ({@code clt-K}, {@code irwin-hall-KxB},
     * {@code inv-B}), or null when it names none of them.
     *
     * @throws IllegalArgumentException when it has one of their forms with numbers out of range
     */
    static BitConstruction poolConstruction(String label) {
        Matcher m = CLT.matcher(label);
        if (m.matches()) {
            return BitSum.fairBits(cltBits(label, m.group(1)));
        }
        m = IRWIN_HALL.matcher(label);
        if (m.matches()) {
            String[] kb = m.group(1).split("x", -1);
            if (kb.length != 2) {
                throw new IllegalArgumentException("noise source " + label + ": give K words of B bits as "
                        + "irwin-hall-KxB, e.g. irwin-hall-12x8");
            }
            int words = number(label, kb[0], "K must be a number of words", 1, BitSum.MAX_TERMS);
            int bits = number(label, kb[1], "B must be a number of bits", 2, BitSum.MAX_BITS_PER_TERM);
            return BitSum.uniformWords(words, bits);
        }
        m = INVERSION.matcher(label);
        if (m.matches()) {
            return InversionTable.ofBits(number(label, m.group(1), "B must be a number of bits", 1,
                    InversionTable.MAX_BITS));
        }
        return null;
    }

    private static boolean isRaw(String source) {
        return source.regionMatches(true, 0, RAW_PREFIX, 0, RAW_PREFIX.length());
    }

    private static String folderName(String dir) {
        Path name = Path.of(dir).toAbsolutePath().normalize().getFileName();
        return String.valueOf(name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /** What a raw-bits source makes normals with: null for trng's 32-bit inversion, else a construction. */
    @FunctionalInterface
    private interface RawConstruction {
        BitConstruction of(RawBitsNoise raw) throws IOException;
    }

    /**
     * The opener of seed k (1 .. seeds) of the run in {@code dir}, after checking now, before any sampling, that the
     * run holds {@code bytesPerSeed} whole bytes of raw bits for every seed (and, for a p̂-corrected sum, measuring p̂).
     */
    private static NoiseComparison.NoiseOpener rawOpener(Path dir, RawRuns rawRuns, int seeds, long bytesPerSeed,
                                                         RawConstruction construction) throws IOException {
        RawBitsNoise raw = rawRuns.split(dir, seeds);
        if (raw.bytesPerPart() < bytesPerSeed) {
            throw new IOException(String.format(Locale.ROOT, "%s holds %,d raw bits; %d seeds of this evaluation "
                    + "need %,d: acquire a longer run (--bits) or lower --images", dir, raw.bits(), seeds,
                    bytesPerSeed * seeds * Byte.SIZE));
        }
        if (construction == null) {
            return raw::open;
        }
        BitConstruction c = construction.of(raw);
        return part -> raw.open(part, c);
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

    private static int cltBits(String label, String text) {
        return number(label, text, "K must be a number of bits", 1, BitSum.MAX_TERMS);
    }

    private static int number(String label, String text, String what, int min, int max) {
        try {
            int v = Integer.parseInt(text);
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("noise source " + label + ": " + what + " from " + min + " to " + max);
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
