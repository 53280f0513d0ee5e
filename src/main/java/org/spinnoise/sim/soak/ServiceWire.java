package org.spinnoise.sim.soak;

import java.nio.ByteBuffer;

/**
 * The noise service's wire format as serve/PROTOCOL.md states it, written again from the document rather than taken
 * from the service's own classes, so the soak's clients check the service against its contract: a 16-byte request
 * and the 40-byte reply header, big-endian.
 */
final class ServiceWire {
    static final int TYPE_NORMALS = 1;
    static final int TYPE_BYTES = 2;
    static final int TYPE_PING = 3;
    static final int TYPE_ERROR = 0x7F;
    static final int MODE_TRNG = 1;
    static final int ERROR_POOL_EXHAUSTED = 7;
    static final int HEADER_BYTES = 40;

    private ServiceWire() {
    }

    /** One request frame: "SN", version 1, type, mode, three zero bytes, request id, count. */
    static byte[] request(int type, int mode, long requestId, long count) {
        return ByteBuffer.allocate(16).put((byte) 0x53).put((byte) 0x4E).put((byte) 1).put((byte) type)
                .put((byte) mode).put(new byte[3]).putInt((int) requestId).putInt((int) count).array();
    }

    /** A reply header as the document lays it out. */
    record Header(int type, int mode, int error, long requestId, long count, long position, long advance,
                  long hardwareBits) {
        static Header decode(byte[] frame) {
            if (frame == null || frame.length != HEADER_BYTES || frame[0] != 0x53 || frame[1] != 0x4E
                    || frame[2] != 1) {
                throw new IllegalStateException("the noise service sent a reply header that is not version 1 "
                        + "of PROTOCOL.md (" + (frame == null ? "none" : frame.length + " bytes") + ")");
            }
            ByteBuffer b = ByteBuffer.wrap(frame);
            return new Header(b.get(3) & 0xFF, b.get(4) & 0xFF, b.get(5) & 0xFF, b.getInt(8) & 0xFFFF_FFFFL,
                    b.getInt(12) & 0xFFFF_FFFFL, b.getLong(16), b.getLong(24), b.getLong(32));
        }
    }
}
