package org.spinnoise.firmware;

/**
 * The host's side of PROTOCOL.md §6 for one stream: the absolute frame limit it has granted, and how many STREAM frames
 * it knows the board has sent (each new STREAM frame received, plus each board frame a sequence gap shows lost, since a
 * lost frame may have been a STREAM frame; nothing else: an ERROR, a STATUS_REPLY or a duplicate is not a STREAM frame
 * the board counted). The limit only ever rises by a grant of frames the host can buffer and needs: at most
 * {@code windowFrames} ahead of the frames accounted for, and with a bit budget no more than the bits still needed would
 * take in full frames, because a board may send every frame full; short frames leave bits still needed, and the next
 * grant covers them. Resends repeat the current limit, never a higher one.
 */
final class CreditWindow {
    private final int windowFrames;
    private final long targetBits;
    private final long bitsPerFullFrame;
    private long limit;
    private long framesAccounted;

    /**
     * @param windowFrames frames the host buffers at most (2 … 65535)
     * @param targetBits   bits wanted from this stream, 0 for no budget
     * @param bitsPerFullFrame bits of a full STREAM frame, 8 × (P − 18)
     */
    CreditWindow(int windowFrames, long targetBits, long bitsPerFullFrame) {
        if (windowFrames < 2 || windowFrames > 65_535) {
            throw new IllegalArgumentException("credit window must be 2..65535 frames, got " + windowFrames);
        }
        if (bitsPerFullFrame < 8) {
            throw new IllegalArgumentException("a full STREAM frame holds at least 8 bits, got " + bitsPerFullFrame);
        }
        this.windowFrames = windowFrames;
        this.targetBits = Math.max(0, targetBits);
        this.bitsPerFullFrame = bitsPerFullFrame;
    }

    /** The limit START carries: the window, or fewer frames if the budget needs fewer (at least one). */
    long initialLimit() {
        limit = Math.max(1, wanted(0));
        return limit;
    }

    /** A new STREAM frame arrived. */
    void frameReceived() {
        framesAccounted++;
    }

    /** A sequence gap showed {@code frames} board frames lost; each may have been a STREAM frame. */
    void framesLost(long frames) {
        framesAccounted += frames;
    }

    /**
     * The limit to send now, or −1 when no grant is due: one is due once fewer than half the window is outstanding and
     * the frames needed reach past the current limit.
     */
    long grant(long bitsReceived) {
        if (outstanding() >= windowFrames / 2) {
            return -1;
        }
        long wanted = wanted(bitsReceived);
        if (wanted <= limit) {
            return -1;
        }
        limit = wanted;
        return limit;
    }

    long bitsPerFullFrame() {
        return bitsPerFullFrame;
    }

    /** The current limit, for a resend. */
    long limit() {
        return limit;
    }

    /** Frames granted that have not arrived (nor shown lost). */
    long outstanding() {
        return Math.max(0, limit - framesAccounted);
    }

    /** Frames the host knows the board has sent since START. */
    long framesAccounted() {
        return framesAccounted;
    }

    /** True when the budget (if any) still needs bits beyond those received. */
    boolean needsMore(long bitsReceived) {
        return targetBits == 0 || bitsReceived < targetBits;
    }

    private long wanted(long bitsReceived) {
        long frames = windowFrames;
        if (targetBits > 0) {
            long stillNeeded = Math.max(0, targetBits - bitsReceived);
            frames = Math.min(frames, (stillNeeded + bitsPerFullFrame - 1) / bitsPerFullFrame);
        }
        return framesAccounted + frames;
    }
}
