package org.spinnoise.bits;

import java.util.Arrays;

/**
 * Whole bytes of bits a board source confirmed while stopping its stream (the bits that arrive between STOP and
 * STOP_ACK), kept in order until the next batches hand them out.
 */
final class BitCarry {
    private byte[] buffer = new byte[0];
    private int head;
    private int tail;

    void add(byte[] from, int bytes) {
        if (tail + bytes > buffer.length) {
            int live = tail - head;
            byte[] grown = new byte[Math.max(live + bytes, 2 * live)];
            System.arraycopy(buffer, head, grown, 0, live);
            buffer = grown;
            head = 0;
            tail = live;
        }
        System.arraycopy(from, 0, buffer, tail, bytes);
        tail += bytes;
    }

    int bytes() {
        return tail - head;
    }

    /** Takes up to {@code maxBytes} bytes, oldest first. */
    byte[] take(int maxBytes) {
        int n = Math.min(maxBytes, bytes());
        byte[] out = Arrays.copyOfRange(buffer, head, head + n);
        head += n;
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return out;
    }
}
