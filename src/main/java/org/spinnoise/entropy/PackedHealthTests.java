package org.spinnoise.entropy;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;

/**
 * The SP 800-90B §4.4.1 repetition count test and §4.4.2 adaptive proportion test (binary, W = 1024) on packed bits,
 * 64 at a time, with exactly the results of feeding every bit in order to {@link RepetitionCountTest} and
 * {@link AdaptiveProportionTest}: the same failures at the same bits, the same longest run, the same largest window
 * count, windows aligned to the first bit ever accepted whatever the call boundaries. The adaptive proportion test
 * counts a window's reference value with {@code Long.bitCount}, splitting a word where a window ends. The repetition
 * count test finds, with shifts and ANDs over the equal-neighbour mask, whether a word (with the run carried in from
 * the previous one) holds a run that could set a new longest run or reach the cutoff; only such rare words are
 * counted bit by bit. {@link #acceptBlock(byte[], int, int)} says how many failures a block caused, so the pool can
 * quarantine it. Not thread-safe: one instance per bit stream.
 */
public final class PackedHealthTests {

    private static final VarHandle BIG_ENDIAN_LONG = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.BIG_ENDIAN);
    private static final int WINDOW = HealthTestCutoffs.BINARY_WINDOW;

    private final int repetitionCutoff;
    private final int proportionCutoff;

    private long bitsSeen;
    private long firstFailureBitIndex = -1;
    private long lastFailureBitIndex = -1;
    // Repetition count state, named as in RepetitionCountTest: run restarts at 0 after a failure.
    private int previousBit;
    private int run;
    private int longestRun;
    private long repetitionFailures;
    // Adaptive proportion state, named as in AdaptiveProportionTest.
    private int reference;
    private int count;
    private int position;
    private int maxCountSeen;
    private long proportionFailures;
    private long windowsCompleted;

    private PackedHealthTests(int repetitionCutoff, int proportionCutoff) {
        this.repetitionCutoff = repetitionCutoff;
        this.proportionCutoff = proportionCutoff;
    }

    /**
     * Tests with the cutoffs {@link ContinuousHealthTests#binary(double, double)} uses.
     *
     * @param claimedEntropyPerBit min-entropy per raw bit, 0 &lt; H ≤ 1
     * @param alpha                false-positive probability of each test, e.g. 2^−30
     */
    public static PackedHealthTests binary(double claimedEntropyPerBit, double alpha) {
        if (!(claimedEntropyPerBit > 0 && claimedEntropyPerBit <= 1)) {
            throw new IllegalArgumentException("a bit carries between 0 (exclusive) and 1 bit of min-entropy, claimed "
                    + claimedEntropyPerBit);
        }
        return new PackedHealthTests(HealthTestCutoffs.repetitionCount(claimedEntropyPerBit, alpha),
                HealthTestCutoffs.adaptiveProportion(claimedEntropyPerBit, alpha, WINDOW));
    }

    /** Feeds {@code lengthWords} words of 64 bits, most significant bit of each word first. */
    public void accept(long[] wordsMsbFirst, int offsetWords, int lengthWords) {
        Objects.checkFromIndexSize(offsetWords, lengthWords, wordsMsbFirst.length);
        for (int i = offsetWords, end = offsetWords + lengthWords; i < end; i++) {
            acceptBits(wordsMsbFirst[i], Long.SIZE);
        }
    }

    /** Feeds {@code lengthBytes} bytes of packed bits, most significant bit of each byte first. */
    public void acceptBytes(byte[] packedMsbFirst, int offsetBytes, int lengthBytes) {
        Objects.checkFromIndexSize(offsetBytes, lengthBytes, packedMsbFirst.length);
        int end = offsetBytes + lengthBytes;
        int i = offsetBytes;
        for (; i + Long.BYTES <= end; i += Long.BYTES) {
            acceptBits((long) BIG_ENDIAN_LONG.get(packedMsbFirst, i), Long.SIZE);
        }
        if (i < end) {
            long tail = 0;
            for (int shift = 56; i < end; i++, shift -= 8) {
                tail |= (packedMsbFirst[i] & 0xFFL) << shift;
            }
            acceptBits(tail, (lengthBytes % Long.BYTES) * Byte.SIZE);
        }
    }

    /**
     * Feeds the first {@code bitCount} bits of {@code packedMsbFirst} (a batch whose last byte may be partly used);
     * the bits of the next call follow them, whatever the byte boundaries.
     */
    public void acceptBits(byte[] packedMsbFirst, int bitCount) {
        Objects.checkFromIndexSize(0, (bitCount + 7) / 8, packedMsbFirst.length);
        acceptBytes(packedMsbFirst, 0, bitCount / 8);
        if (bitCount % 8 != 0) {
            acceptBits((packedMsbFirst[bitCount / 8] & 0xFFL) << 56, bitCount % 8);
        }
    }

    /**
     * Feeds one block as {@link #acceptBytes(byte[], int, int)} does and returns how many failures (of either test)
     * fell on its bits; a non-zero answer means the block must not be used.
     */
    public int acceptBlock(byte[] packedMsbFirst, int offsetBytes, int lengthBytes) {
        long before = repetitionFailures + proportionFailures;
        acceptBytes(packedMsbFirst, offsetBytes, lengthBytes);
        return Math.toIntExact(repetitionFailures + proportionFailures - before);
    }

    /** The top {@code bitCount} bits of {@code bits}, first bit in bit 63; 1 ≤ bitCount ≤ 64. */
    private void acceptBits(long bits, int bitCount) {
        if (bitCount != Long.SIZE || !repetitionWordIsQuiet(bits)) {
            repetitionBitByBit(bits, bitCount);
        }
        adaptiveProportion(bits, bitCount);
        bitsSeen += bitCount;
    }

    /**
     * Settles a whole word of the repetition count test without visiting its bits, when no run in it (the run carried
     * in included) reaches min(longest run + 1, cutoff): then neither the longest run nor the failures change, and
     * only the run carried out needs computing. Returns false, changing nothing, when the word needs the exact path.
     */
    private boolean repetitionWordIsQuiet(long word) {
        int threshold = Math.min(longestRun + 1, repetitionCutoff);
        int lead = Long.numberOfLeadingZeros(word ^ -(long) previousBit);
        if (threshold < 2 || run + lead >= threshold) {
            return false;
        }
        if (threshold <= Long.SIZE) {
            // Bit p of equalNext says stream bits at p and p−1 agree; a run of L bits is L−1 consecutive ones.
            long equalNext = ~(word ^ (word << 1)) & ~1L;
            int need = threshold - 1;
            long runs = equalNext;
            for (int have = 1; have < need; ) {
                int step = Math.min(have, need - have);
                runs &= runs << step;
                have += step;
            }
            if (runs != 0) {
                return false;
            }
        }
        int lastBit = (int) word & 1;
        int trail = Long.numberOfTrailingZeros(lastBit == 1 ? ~word : word);
        run = lead == Long.SIZE ? run + Long.SIZE : trail;
        previousBit = lastBit;
        return true;
    }

    /** Exactly {@link RepetitionCountTest#accept(int)} on each of the top {@code bitCount} bits. */
    private void repetitionBitByBit(long bits, int bitCount) {
        for (int i = 0; i < bitCount; i++) {
            int bit = (int) (bits >>> (63 - i)) & 1;
            run = bit == previousBit ? run + 1 : 1;
            previousBit = bit;
            longestRun = Math.max(longestRun, run);
            if (run >= repetitionCutoff) {
                repetitionFailures++;
                run = 0;
                noteFailure(bitsSeen + i);
            }
        }
    }

    /** {@link AdaptiveProportionTest#accept(int)} on the top {@code bitCount} bits, one bitCount per window piece. */
    private void adaptiveProportion(long bits, int bitCount) {
        int done = 0;
        while (done < bitCount) {
            long rest = bits << done;
            if (position == 0) {
                reference = (int) (rest >>> 63);
                count = 0;
            }
            int take = Math.min(bitCount - done, WINDOW - position);
            long piece = take == Long.SIZE ? rest : rest >>> (Long.SIZE - take);
            int ones = Long.bitCount(piece);
            int hits = reference == 1 ? ones : take - ones;
            int before = count;
            count += hits;
            // Only the hit that lifts the count onto the cutoff fails, so a window fails at most once.
            if (before < proportionCutoff && count >= proportionCutoff) {
                proportionFailures++;
                noteFailure(bitsSeen + done + offsetOfHit(rest, take, proportionCutoff - before));
            }
            maxCountSeen = Math.max(maxCountSeen, count);
            position += take;
            if (position == WINDOW) {
                position = 0;
                windowsCompleted++;
            }
            done += take;
        }
    }

    /** Offset of the {@code nth} bit equal to the reference among the top {@code take} bits of {@code rest}. */
    private int offsetOfHit(long rest, int take, int nth) {
        int remaining = nth;
        for (int i = 0; i < take; i++) {
            if (((int) (rest >>> (63 - i)) & 1) == reference && --remaining == 0) {
                return i;
            }
        }
        throw new IllegalStateException("adaptive proportion hit count and bit scan disagree");
    }

    private void noteFailure(long bitIndex) {
        if (firstFailureBitIndex < 0 || bitIndex < firstFailureBitIndex) {
            firstFailureBitIndex = bitIndex;
        }
        lastFailureBitIndex = Math.max(lastFailureBitIndex, bitIndex);
    }

    /** One report per test, repetition count first, equal to those of {@link ContinuousHealthTests#reports()}. */
    public List<HealthTestReport> reports() {
        return List.of(new HealthTestReport(RepetitionCountTest.NAME, repetitionCutoff, bitsSeen, repetitionFailures,
                        longestRun),
                new HealthTestReport(AdaptiveProportionTest.NAME, proportionCutoff, bitsSeen, proportionFailures,
                        maxCountSeen));
    }

    public boolean anyFailure() {
        return repetitionFailures + proportionFailures > 0;
    }

    /** Failures of both tests together. */
    public long failures() {
        return repetitionFailures + proportionFailures;
    }

    /** Index, counted from the first bit accepted, of the first bit either test failed on; −1 if none. */
    public long firstFailureBitIndex() {
        return firstFailureBitIndex;
    }

    /** Index of the latest bit either test failed on; −1 if none. */
    public long lastFailureBitIndex() {
        return lastFailureBitIndex;
    }

    public long bitsSeen() {
        return bitsSeen;
    }

    public long windowsCompleted() {
        return windowsCompleted;
    }

    /** Forgets everything, as if newly built; the next bit opens a window. */
    public void reset() {
        bitsSeen = 0;
        firstFailureBitIndex = -1;
        lastFailureBitIndex = -1;
        previousBit = 0;
        run = 0;
        longestRun = 0;
        repetitionFailures = 0;
        reference = 0;
        count = 0;
        position = 0;
        maxCountSeen = 0;
        proportionFailures = 0;
        windowsCompleted = 0;
    }
}
