package org.spinnoise.scpi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * IEEE 488.2 arbitrary block data: definite length {@code #<n><len><bytes>} (n digits of length) and indefinite
 * length {@code #0<bytes>} ended by a newline. Instruments use it for waveforms and readings buffers.
 */
public final class BlockData {
    private BlockData() {
    }

    /** Encodes bytes as a definite-length block. */
    public static byte[] encode(byte[] payload) {
        String length = Integer.toString(payload.length);
        if (length.length() > 9) {
            throw new IllegalArgumentException("block of " + payload.length + " bytes is too long for IEEE 488.2");
        }
        byte[] header = ("#" + length.length() + length).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[header.length + payload.length];
        System.arraycopy(header, 0, out, 0, header.length);
        System.arraycopy(payload, 0, out, header.length, payload.length);
        return out;
    }

    /**
     * Decodes one block from the start of {@code bytes}: definite blocks give their payload, indefinite ones all bytes
     * up to (not including) the terminating newline.
     */
    public static byte[] decode(byte[] bytes) {
        ByteSource source = new ByteSource() {
            private int next;

            @Override
            public int read() {
                if (next >= bytes.length) {
                    throw new IllegalArgumentException("block data ends after " + bytes.length + " bytes");
                }
                return bytes[next++] & 0xFF;
            }
        };
        return read(source).payload();
    }

    /** A decoded block; definite blocks are followed on the wire by the message terminator, indefinite ones end with it. */
    record Decoded(byte[] payload, boolean definite) {
    }

    /** Reads one block from a byte source; shared by {@link #decode} and the SCPI session's link reader. */
    static <E extends Exception> Decoded read(ByteSourceOf<E> source) throws E {
        int hash = source.read();
        if (hash != '#') {
            throw new IllegalArgumentException("block data must start with '#', found " + describe(hash));
        }
        int digitsChar = source.read();
        if (digitsChar < '0' || digitsChar > '9') {
            throw new IllegalArgumentException("block header digit count is " + describe(digitsChar));
        }
        int digits = digitsChar - '0';
        if (digits == 0) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int b = source.read(); b != '\n'; b = source.read()) {
                out.write(b);
            }
            return new Decoded(out.toByteArray(), false);
        }
        long length = 0;
        for (int i = 0; i < digits; i++) {
            int c = source.read();
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException("block length digit is " + describe(c));
            }
            length = length * 10 + (c - '0');
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("block of " + length + " bytes is too large");
        }
        return new Decoded(source.readExactly((int) length), true);
    }

    private static String describe(int b) {
        return b >= 0x20 && b < 0x7f ? "'" + (char) b + "'" : String.format("0x%02x", b);
    }

    /** A source of bytes whose reads may throw {@code E}. */
    interface ByteSourceOf<E extends Exception> {
        int read() throws E;

        /** Grows with the bytes that arrive: a header may declare far more than is ever sent (up to 999,999,999). */
        default byte[] readExactly(int count) throws E {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(count, 8192));
            for (int i = 0; i < count; i++) {
                out.write(read());
            }
            return out.toByteArray();
        }
    }

    private interface ByteSource extends ByteSourceOf<RuntimeException> {
    }
}
