package org.spinnoise.firmware;

/**
 * The receiver's side of PROTOCOL.md §3: compares each valid frame's sequence number with the one expected and says
 * whether it is in order, a repeat of the previous frame, or the first after a gap (and how many frames the gap
 * lost).
 */
final class SequenceCheck {
    static final int IN_ORDER = 0;
    static final int DUPLICATE = -1;

    private int expected;

    /** The next frame should carry {@code seq}. */
    void expect(int seq) {
        expected = seq & 0xFFFF;
    }

    /** The next sequence number expected. */
    int expected() {
        return expected;
    }

    /**
     * Checks one valid frame.
     *
     * @return {@link #IN_ORDER}, {@link #DUPLICATE}, or the number of frames lost before this one (> 0)
     */
    int check(int seq) {
        int gap = (seq - expected) & 0xFFFF;
        if (gap == 0xFFFF) {
            return DUPLICATE;
        }
        expected = (seq + 1) & 0xFFFF;
        return gap;
    }
}
