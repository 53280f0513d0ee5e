package org.spinnoise.serve;

/**
 * What a request asks for: float32 normals, raw bytes, or a ping (the heartbeat that keeps a client's session and
 * streams alive, and whose pong carries the server's limits). Byte 3 of request and reply headers; error replies
 * carry {@link #ERROR}.
 */
public enum RequestType {
    NORMALS(1, Float.BYTES),
    BYTES(2, 1),
    PING(3, 0),
    ERROR(0x7F, 0);

    private final int wire;
    private final int bytesPerItem;

    RequestType(int wire, int bytesPerItem) {
        this.wire = wire;
        this.bytesPerItem = bytesPerItem;
    }

    public int wire() {
        return wire;
    }

    /** Payload bytes per requested item (4 for a float32 normal, 1 for a byte, 0 for a ping). */
    public int bytesPerItem() {
        return bytesPerItem;
    }

    /** The type of a wire byte, or null if there is none. */
    public static RequestType ofWire(int value) {
        for (RequestType t : values()) {
            if (t.wire == value) {
                return t;
            }
        }
        return null;
    }
}
