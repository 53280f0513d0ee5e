package org.spinnoise.link;

import java.util.Arrays;

/**
 * A link whose instrument side is a fixed byte string: reads hand it out in chunks of the sizes given (as a socket
 * might), writes are dropped, and once the bytes are used up the instrument "closes the connection". Lets the fuzz
 * targets drive the real buffering, line and block reading of {@link StreamLink} with any reply bytes, no socket.
 */
public final class ScriptedReplyLink extends StreamLink {
    private final byte[] replies;
    private final int[] chunkSizes;
    private int next;
    private int chunk;

    /** {@code chunkSizes} cycle (each at least 1 byte); reopening keeps the position, as a stale byte would stay. */
    public ScriptedReplyLink(byte[] replies, int... chunkSizes) {
        super(InstrumentAddress.parse("TCPIP::127.0.0.1::5025::SOCKET?timeout_ms=50"));
        this.replies = replies.clone();
        this.chunkSizes = chunkSizes.length == 0 ? new int[] {Integer.MAX_VALUE} : chunkSizes.clone();
    }

    @Override
    int readSome(byte[] into, int offset, int length, int timeoutMillis) {
        if (next >= replies.length) {
            return -1;
        }
        int size = Math.max(1, chunkSizes[chunk++ % chunkSizes.length]);
        int n = Math.min(Math.min(size, length), replies.length - next);
        System.arraycopy(replies, next, into, offset, n);
        next += n;
        return n;
    }

    @Override
    void writeAll(byte[] bytes) {
        // the scripted instrument answers the same whatever is asked
    }

    @Override
    void openConnection() {
        // nothing to open
    }

    @Override
    void closeConnection() {
        // nothing to close
    }

    @Override
    public boolean reopenDropsStaleBytes() {
        return false;
    }

    /** Bytes not yet read by the session. */
    public byte[] unread() {
        return Arrays.copyOfRange(replies, next, replies.length);
    }
}
