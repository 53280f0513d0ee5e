package org.spinnoise.entropy.drbg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads the CAVP .rsp excerpts under src/test/resources/drbg/ into test cases. */
final class CavpDrbgVectors {

    /** One COUNT entry; the reseed fields are null in the no-reseed file. */
    record Case(String section, int count, byte[] entropyInput, byte[] nonce, byte[] personalization,
                byte[] entropyInputReseed, byte[] additionalInputReseed, byte[] additionalInput1,
                byte[] additionalInput2, byte[] returnedBits) {

        @Override
        public String toString() {
            return section + " COUNT " + count;
        }
    }

    private CavpDrbgVectors() {
    }

    static List<Case> read(String resource) throws IOException {
        String text;
        try (InputStream in = CavpDrbgVectors.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        List<Case> cases = new ArrayList<>();
        StringBuilder section = new StringBuilder();
        boolean sectionOpen = false;
        Builder entry = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!sectionOpen) {
                    section.setLength(0);
                    sectionOpen = true;
                }
                section.append(line);
                continue;
            }
            sectionOpen = false;
            int eq = line.indexOf('=');
            String name = line.substring(0, eq).strip();
            String field = line.substring(eq + 1).strip();
            byte[] value = name.equals("COUNT") ? null : HexFormat.of().parseHex(field);
            switch (name) {
                case "COUNT" -> entry = new Builder(section.toString(), Integer.parseInt(field));
                case "EntropyInput" -> entry.entropyInput = value;
                case "Nonce" -> entry.nonce = value;
                case "PersonalizationString" -> entry.personalization = value;
                case "EntropyInputReseed" -> entry.entropyInputReseed = value;
                case "AdditionalInputReseed" -> entry.additionalInputReseed = value;
                case "AdditionalInput" -> entry.additionalInputs.add(value);
                case "ReturnedBits" -> cases.add(entry.build(value));
                default -> throw new IOException("unknown field " + name + " in " + resource);
            }
        }
        return cases;
    }

    private static final class Builder {
        final String section;
        final int count;
        byte[] entropyInput;
        byte[] nonce;
        byte[] personalization;
        byte[] entropyInputReseed;
        byte[] additionalInputReseed;
        final List<byte[]> additionalInputs = new ArrayList<>();

        Builder(String section, int count) {
            this.section = section;
            this.count = count;
        }

        Case build(byte[] returnedBits) {
            return new Case(section, count, entropyInput, nonce, personalization, entropyInputReseed,
                    additionalInputReseed, additionalInputs.get(0), additionalInputs.get(1), returnedBits);
        }
    }
}
