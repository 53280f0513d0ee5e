package org.spinnoise.entropy.assess;

import java.util.HashMap;
import java.util.Map;

/** Tuple counting the slow, obvious way: the oracle for {@link TupleCounts}. */
final class BruteForceTuples {

    private BruteForceTuples() {
    }

    static Map<String, Long> counts(byte[] bits, int length) {
        Map<String, Long> counts = new HashMap<>();
        StringBuilder text = new StringBuilder(bits.length);
        for (byte bit : bits) {
            text.append((char) ('0' + bit));
        }
        for (int i = 0; i + length <= bits.length; i++) {
            counts.merge(text.substring(i, i + length), 1L, Long::sum);
        }
        return counts;
    }

    static long maxCount(byte[] bits, int length) {
        return counts(bits, length).values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    static long equalPairs(byte[] bits, int length) {
        return counts(bits, length).values().stream().mapToLong(c -> c * (c - 1) / 2).sum();
    }

    static int longestRepeat(byte[] bits) {
        int length = 0;
        while (length + 1 < bits.length && maxCount(bits, length + 1) >= 2) {
            length++;
        }
        return length;
    }
}
