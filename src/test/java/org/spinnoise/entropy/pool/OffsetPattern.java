package org.spinnoise.entropy.pool;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Test payloads in which every byte is a keyed hash of its global offset, so any served byte can be checked
 * against the offset it claims to come from, and a byte served twice (or from the wrong place) shows up.
 */
final class OffsetPattern {
    private OffsetPattern() {
    }

    static byte at(long key, long offset) {
        long z = key ^ (offset * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (byte) (z ^ (z >>> 31));
    }

    static byte[] bytes(long key, long offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = at(key, offset + i);
        }
        return out;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
