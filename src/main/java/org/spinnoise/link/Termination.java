package org.spinnoise.link;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Message terminators as written in addresses and bench files: LF, CRLF or CR. */
public enum Termination {
    LF("\n"), CRLF("\r\n"), CR("\r");

    private final String text;

    Termination(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    byte[] bytes() {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /** The last byte of the terminator, the one a reader waits for. */
    byte lastByte() {
        return (byte) text.charAt(text.length() - 1);
    }

    static Termination parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown termination '" + name + "': use LF, CRLF or CR", e);
        }
    }
}
