package org.spinnoise.firmware;

import java.util.Arrays;

/**
 * Bits waiting between the frames they came in and the reader, packed most significant bit first. Frames whose bit
 * count is a whole number of bytes (every full frame) are appended with one array copy; any other count is appended
 * bit by bit, so the bits stay contiguous. The reader takes whole bytes only.
 */
final class BitQueue {
    private byte[] buffer = new byte[1 << 18];
    private int head;
    private int tail;
    private int tailBits;
    private long addedBits;
    private long takenBits;

    void add(byte[] source, int offset, int bitCount) {
        ensureRoom((bitCount >>> 3) + 2);
        if (tailBits == 0) {
            int whole = bitCount >>> 3;
            System.arraycopy(source, offset, buffer, tail, whole);
            tail += whole;
            int rest = bitCount & 7;
            if (rest != 0) {
                buffer[tail] = (byte) (source[offset + whole] & (0xFF << (8 - rest)));
                tailBits = rest;
            }
        } else {
            for (int i = 0; i < bitCount; i++) {
                int bit = (source[offset + (i >>> 3)] >>> (7 - (i & 7))) & 1;
                buffer[tail] = (byte) (buffer[tail] | bit << (7 - tailBits));
                if (++tailBits == 8) {
                    tail++;
                    buffer[tail] = 0;
                    tailBits = 0;
                }
            }
        }
        addedBits += bitCount;
    }

    /** Copies up to {@code length} whole bytes out; returns how many (0 when fewer than 8 bits wait). */
    int take(byte[] into, int offset, int length) {
        int n = Math.min(length, tail - head);
        if (n <= 0) {
            return 0;
        }
        System.arraycopy(buffer, head, into, offset, n);
        head += n;
        takenBits += 8L * n;
        return n;
    }

    long queuedBits() {
        return addedBits - takenBits;
    }

    long handedOutBits() {
        return takenBits;
    }

    private void ensureRoom(int bytes) {
        if (tail + bytes < buffer.length) {
            return;
        }
        int live = tail - head + 1; // the partial byte at tail moves too
        if (head > 0) {
            System.arraycopy(buffer, head, buffer, 0, live);
            tail -= head;
            head = 0;
        }
        if (tail + bytes >= buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, tail + bytes + 1));
        }
    }
}
