package org.spinnoise.firmware.wire;

import java.nio.charset.StandardCharsets;

/** Range checks and fixed-width ASCII fields shared by the message records; a violation is one clear line. */
final class Fields {
    static final long U32_MAX = 0xFFFF_FFFFL;

    private Fields() {
    }

    static int range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    static long range(String name, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    static int u16(String name, int value) {
        return range(name, value, 0, 0xFFFF);
    }

    static long u32(String name, long value) {
        return range(name, value, 0, U32_MAX);
    }

    /** Printable ASCII (0x20…0x7E), {@code minChars}…{@code maxChars} long. */
    static String ascii(String name, String value, int minChars, int maxChars) {
        if (value == null || value.length() < minChars || value.length() > maxChars) {
            throw new IllegalArgumentException(name + " must be " + minChars + ".." + maxChars
                    + " printable ASCII characters, got " + (value == null ? "none" : value.length()));
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                throw new IllegalArgumentException(name + " must be printable ASCII, got character "
                        + (int) c + " at " + i);
            }
        }
        return value;
    }

    /** A zero-padded field: printable characters, then only zeros. */
    static String readPadded(String name, byte[] b, int off, int width) {
        int n = 0;
        while (n < width && b[off + n] != 0) {
            n++;
        }
        for (int i = n; i < width; i++) {
            if (b[off + i] != 0) {
                throw new IllegalArgumentException(name + " has a non-zero byte after its zero padding");
            }
        }
        return new String(b, off, n, StandardCharsets.ISO_8859_1);
    }

    static void writePadded(String value, byte[] b, int off, int width) {
        for (int i = 0; i < width; i++) {
            b[off + i] = i < value.length() ? (byte) value.charAt(i) : 0;
        }
    }
}
