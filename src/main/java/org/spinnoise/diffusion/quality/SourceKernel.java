package org.spinnoise.diffusion.quality;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * One noise source's images in kernel form, against a {@link ReferenceKernel}: their feature vectors (extracted once,
 * kept in memory), the m × m kernel matrix among them (float, filled as images arrive, dropped by {@link #release}),
 * each image's mean kernel value to the reference r_i, and each reference image's mean kernel value to the source
 * q_j. From these the unbiased KID, its value over any range of images (one seed's), and bootstrap replicates cost only
 * sums over the kept blocks: a replicate is O(m²) additions, never a kernel evaluation. Memory: 4·m² bytes while the
 * matrix is kept (144 MB at m = 6,000).
 */
public final class SourceKernel {
    /** The most images whose m × m matrix one Java array can index. */
    public static final int MAX_IMAGES = 46_340;

    private final ReferenceKernel reference;
    private final int capacity;
    private final int dims;
    private final float[] features;
    private float[] kernel;
    private final double[] meanToReference;
    private final double[] referenceSums;
    private double[] rowSums;
    private int count;
    private int processed;

    /** Room for {@code capacity} images' features of {@code reference.dims()} values each. */
    public SourceKernel(ReferenceKernel reference, int capacity) {
        if (capacity < 2 || capacity > MAX_IMAGES) {
            throw new IllegalArgumentException("KID here takes 2 to " + MAX_IMAGES + " images per source (its "
                    + "kernel matrix is one float array), got " + capacity);
        }
        this.reference = reference;
        this.capacity = capacity;
        this.dims = reference.dims();
        this.features = new float[capacity * dims];
        this.kernel = new float[capacity * capacity];
        this.meanToReference = new double[capacity];
        this.referenceSums = new double[reference.count()];
    }

    /** Adds {@code n} feature vectors stored one after another in {@code batchFeatures}. */
    public void add(float[] batchFeatures, int n) {
        if (count + n > capacity) {
            throw new IllegalStateException("source kernel full: " + capacity + " images, " + (count + n) + " added");
        }
        System.arraycopy(batchFeatures, 0, features, count * dims, n * dims);
        count += n;
    }

    public int count() {
        return count;
    }

    public int dims() {
        return dims;
    }

    float[] features() {
        return features;
    }

    ReferenceKernel reference() {
        return reference;
    }

    /** Kernel values of the images added since the last call: their rows of the matrix and their reference sums. */
    private void update() {
        if (processed == count) {
            return;
        }
        requireKernel();
        int from = processed;
        int to = count;
        int n = capacity;
        float[] k = kernel;
        // Each new row up to the diagonal only, mirrored: half the kernel evaluations of the square.
        IntStream.range(from, to).parallel().forEach(i -> {
            for (int j = 0; j <= i; j++) {
                float v = (float) CubicKernel.value(features, i, features, j, dims);
                k[i * n + j] = v;
                k[j * n + i] = v;
            }
        });
        double[] rowSums = new double[to - from];
        CubicKernel.blockSums(features, from, to, reference.features(), 0, reference.count(), dims, rowSums,
                referenceSums);
        for (int i = from; i < to; i++) {
            meanToReference[i] = rowSums[i - from] / reference.count();
        }
        processed = to;
    }

    /** The unbiased KID of all images added so far against the reference. */
    public double kid() {
        return kid(0, count);
    }

    /** The unbiased KID of images {@code from .. to} (e.g. one seed's) against the reference. */
    public double kid(int from, int to) {
        if (to - from < 2) {
            throw new IllegalArgumentException("KID needs at least 2 images, got " + (to - from));
        }
        update();
        double xx = 0;
        double xr = 0;
        if (kernel == null && from == 0 && to == count) {
            xx = Arrays.stream(rowSums).sum();
            xr = Arrays.stream(meanToReference, 0, count).sum();
        } else {
            requireKernel();
            for (int i = from; i < to; i++) {
                xr += meanToReference[i];
                for (int j = from; j < to; j++) {
                    if (j != i) {
                        xx += kernel[i * capacity + j];
                    }
                }
            }
        }
        int m = to - from;
        return xx / ((double) m * (m - 1)) - 2 * xr / m + reference.selfTerm();
    }

    /**
     * {@code replicates} bootstrap values of the KID: the images resampled with replacement (stream
     * {@code sourceStream}; pairs of the same image are left out of the self term, as in the unbiased estimate), and
     * the reference resampled to first order (its weights from {@code seed} alone, so every source of one evaluation
     * sees the same reference replicates and a difference between two sources is bootstrapped with the reference
     * shared, as it is in the comparison). Runs on every core.
     */
    public double[] bootstrap(int replicates, long seed, long sourceStream) {
        update();
        requireKernel();
        int m = count;
        int n = reference.count();
        double[] referencePart = new double[n];
        for (int j = 0; j < n; j++) {
            referencePart[j] = 2 * (reference.meanToOthers(j) - referenceSums[j] / m) / n;
        }
        double[] out = new double[replicates];
        IntStream.range(0, replicates).parallel().forEach(b -> {
            int[] referenceCounts = referenceWeights(seed, b, n);
            double shift = 0;
            for (int j = 0; j < n; j++) {
                shift += (referenceCounts[j] - 1) * referencePart[j];
            }
            SplittableRandom random = new SplittableRandom(mix(mix(seed, sourceStream), b));
            double[] c = new double[m];
            for (int draw = 0; draw < m; draw++) {
                c[random.nextInt(m)]++;
            }
            double xx = 0;
            double sameImage = 0;
            double xr = 0;
            for (int i = 0; i < m; i++) {
                double ci = c[i];
                if (ci == 0) {
                    continue;
                }
                int row = i * capacity;
                double s = 0;
                for (int j = 0; j < m; j++) {
                    s += c[j] * kernel[row + j];
                }
                xx += ci * (s - ci * kernel[row + i]);
                sameImage += ci * ci;
                xr += ci * meanToReference[i];
            }
            out[b] = xx / ((double) m * m - sameImage) - 2 * xr / m + reference.selfTerm() + shift;
        });
        return out;
    }

    /** Multinomial counts of the reference images in replicate {@code b}: the same for every source. */
    static int[] referenceWeights(long seed, int b, int n) {
        SplittableRandom random = new SplittableRandom(mix(seed, -1 - b));
        int[] counts = new int[n];
        for (int draw = 0; draw < n; draw++) {
            counts[random.nextInt(n)]++;
        }
        return counts;
    }

    /**
     * Drops the m × m matrix; the KID of the whole set, the features, the row sums the two-sample test needs and the
     * reference sums stay.
     */
    public void release() {
        rowSumsWithoutSelf();
        kernel = null;
    }

    /** Σ_{j ≠ i} k(x_i, x_j) over this source's images, from the matrix (kept once computed). */
    double[] rowSumsWithoutSelf() {
        if (rowSums == null || rowSums.length != count) {
            update();
            double[] sums = new double[count];
            for (int i = 0; i < count; i++) {
                double s = 0;
                for (int j = 0; j < count; j++) {
                    s += j == i ? 0 : kernel[i * capacity + j];
                }
                sums[i] = s;
            }
            rowSums = sums;
        }
        return rowSums;
    }

    double meanToReference(int i) {
        return meanToReference[i];
    }

    private void requireKernel() {
        if (kernel == null) {
            throw new IllegalStateException("the kernel matrix of this source was released");
        }
    }

    private static long mix(long a, long b) {
        long z = a * 0x9e3779b97f4a7c15L + b;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The {@code q} quantile (0 … 1) of {@code values}, interpolated between order statistics. */
    static double quantile(double[] values, double q) {
        double[] s = values.clone();
        Arrays.sort(s);
        double position = q * (s.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(s.length - 1, low + 1);
        return s[low] + (position - low) * (s[high] - s[low]);
    }
}
