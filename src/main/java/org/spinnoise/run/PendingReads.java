package org.spinnoise.run;

import java.util.Arrays;
import java.util.function.Consumer;
import org.spinnoise.bits.RawRead;

/**
 * The reads made since the instruments last confirmed they had reported no error. A bench fires and reads without
 * checking each exchange (that would double the round trips per bit), so a refused trigger shows only at the next
 * error check; until then the reads wait here, and only a clean check hands them on. On an error they are discarded,
 * because any of them may have been made without its write pulse.
 */
final class PendingReads {
    private final RawRead[] reads;
    private int size;

    PendingReads(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a batch holds at least one read, not " + capacity);
        }
        this.reads = new RawRead[capacity];
    }

    /** Adds a read; true when the batch is now full and must be confirmed before the next. */
    boolean add(RawRead read) {
        reads[size++] = read;
        return size == reads.length;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /**
     * Hands every read on, in order, and empties the batch; call only after a clean error check. If {@code next}
     * throws (a recorder that cannot write), the reads not yet handed on stay in the batch.
     */
    void confirm(Consumer<RawRead> next) {
        int handed = 0;
        try {
            for (; handed < size; handed++) {
                next.accept(reads[handed]);
            }
        } finally {
            int left = size - handed;
            System.arraycopy(reads, handed, reads, 0, left);
            Arrays.fill(reads, left, size, null);
            size = left;
        }
    }

    /** Drops every read; returns how many there were. */
    int discard() {
        int dropped = size;
        Arrays.fill(reads, 0, size, null);
        size = 0;
        return dropped;
    }
}
