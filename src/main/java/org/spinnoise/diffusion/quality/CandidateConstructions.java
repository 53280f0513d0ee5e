package org.spinnoise.diffusion.quality;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spinnoise.noise.BitConstruction;
import org.spinnoise.noise.GaussianInversion;

/**
 * The one-line account of how each {@code evaluate} source makes a normal ({@link NoiseCandidates#construction}): bits
 * per normal and where they come from, the exact correction, and what the output is, for the table and the report.
 */
final class CandidateConstructions {
    private static final Pattern RAW_SUM = Pattern.compile("clt-(\\d+)(-fair)?-raw-(.+)");
    private static final String INVERSION = "32-bit inversion: each 32-bit word picks one of 2^32 equiprobable cells "
            + "of N(0,1) and the normal is the quantile of its centre (AS241), no correction needed: N(0,1) to that "
            + "grid, |z| <= " + String.format(Locale.ROOT, "%.3f", GaussianInversion.MAX_ABS_FLOAT) + "; 32 bits/normal";

    private CandidateConstructions() {
    }

    static String describe(String label) {
        switch (label) {
            case "trng":
                return "conditioned pool bits: " + INVERSION;
            case "drbg":
                return "exact ziggurat (1024 layers, 32 bits for 99.6% of float32 normals) over an SP 800-90A "
                        + "CTR_DRBG seeded and reseeded from the pool: about 0.0015 pool bits/normal";
            case "prng":
                return "exact ziggurat (1024 layers) over eight L64X128MixRandom lanes: software baseline, 0 pool "
                        + "bits/normal";
            default:
                break;
        }
        Matcher rawSum = RAW_SUM.matcher(label);
        if (rawSum.matches()) {
            int k = Integer.parseInt(rawSum.group(1));
            String run = rawSum.group(3);
            if (rawSum.group(2) == null) {
                return String.format(Locale.ROOT, "raw bits of run %s as acquired (before health tests and "
                        + "conditioning): sum S of K = %d bits, z = (S - K*p)/sqrt(K*p*(1-p)) with p the run's measured P(1) over "
                        + "all its acquired bits: mean 0 and variance 1 exactly for independent bits with that P(1); "
                        + "%d values; %d bits/normal", run, k, k + 1, k);
            }
            return String.format(Locale.ROOT, "raw bits of run %s as acquired: sum S of K = %d bits, corrected as if fair, "
                    + "z = (S - K/2)/sqrt(K/4): for bits with P(1) = p the mean is sqrt(K)(2p - 1) and the variance "
                    + "4p(1 - p), the cost of ignoring the bias; %d values; %d bits/normal", run, k, k + 1, k);
        }
        if (label.startsWith("raw-")) {
            return "raw bits of run " + label.substring(4) + " as acquired, not corrected for their bias: " + INVERSION;
        }
        if (label.startsWith("biased-")) {
            return "software bits that are 1 with probability " + label.substring(7) + ", not corrected (no pool "
                    + "bits): " + INVERSION;
        }
        BitConstruction construction = NoiseCandidates.poolConstruction(label);
        if (construction == null) {
            throw new IllegalArgumentException("no noise source has the label '" + label + "'");
        }
        return "conditioned pool bits: " + construction.description();
    }
}
