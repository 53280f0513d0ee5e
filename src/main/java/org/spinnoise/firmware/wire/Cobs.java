package org.spinnoise.firmware.wire;

/**
 * Consistent Overhead Byte Stuffing (Cheshire and Baker), the canonical form PROTOCOL.md §1 fixes: each block is a code
 * byte {@code c} followed by {@code c − 1} non-zero bytes; a block with {@code c < 0xFF} stands for its bytes and one
 * zero, except the last block of a frame, whose zero is implied by the delimiter. A frame that ends right after a full
 * 0xFF block gets no empty trailing block. Encoded data never contains 0x00, so 0x00 delimits frames.
 */
public final class Cobs {
    private Cobs() {
    }

    /** Worst-case encoded size of {@code n} bytes, delimiter excluded: one extra byte per 254, at least one. */
    public static int maxEncodedBytes(int n) {
        return n + Math.max(1, (n + 253) / 254);
    }

    /**
     * Encodes {@code src[srcOff, srcOff + len)} into {@code dst} from {@code dstOff}, without a delimiter.
     *
     * @return the number of bytes written, at most {@link #maxEncodedBytes(int)}
     */
    public static int encode(byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        int out = dstOff + 1;
        int codeAt = dstOff;
        int code = 1;
        int end = srcOff + len;
        for (int i = srcOff; i < end; i++) {
            byte b = src[i];
            if (b == 0) {
                dst[codeAt] = (byte) code;
                codeAt = out++;
                code = 1;
            } else {
                dst[out++] = b;
                code++;
                if (code == 0xFF) {
                    dst[codeAt] = (byte) code;
                    code = 1;
                    if (i + 1 == end) {
                        // Canonical form: no empty block after a full one at the end of the frame.
                        return out - dstOff;
                    }
                    codeAt = out++;
                }
            }
        }
        dst[codeAt] = (byte) code;
        return out - dstOff;
    }

    /**
     * Decodes one frame's encoded bytes (delimiter excluded) into {@code dst}.
     *
     * @return the decoded size, or −1 when the bytes are not valid COBS (a 0x00 inside, or a block that runs past the
     *     end), or −2 when the decoded frame would not fit in {@code dst}
     */
    public static int decode(byte[] src, int srcOff, int len, byte[] dst, int dstOff) {
        int i = srcOff;
        int end = srcOff + len;
        int out = dstOff;
        int dstEnd = dst.length;
        while (i < end) {
            int code = src[i++] & 0xFF;
            if (code == 0 || i + code - 1 > end) {
                return -1;
            }
            int run = code - 1;
            if (out + run > dstEnd) {
                return -2;
            }
            for (int k = 0; k < run; k++) {
                byte b = src[i + k];
                if (b == 0) {
                    return -1;
                }
                dst[out + k] = b;
            }
            i += run;
            out += run;
            if (code != 0xFF && i < end) {
                if (out == dstEnd) {
                    return -2;
                }
                dst[out++] = 0;
            }
        }
        return out - dstOff;
    }
}
