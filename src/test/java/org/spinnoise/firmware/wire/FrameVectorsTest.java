package org.spinnoise.firmware.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Checks the Java codec against every golden vector of firmware-protocol/vectors/frames.txt, both ways: decoding the
 * wire bytes gives the expected results (fed whole and byte by byte), and encoding a canonical vector's message gives
 * the identical bytes. Also checks the file is exactly what generate.py, an independent Python implementation, writes.
 */
class FrameVectorsTest {
    static final Path VECTORS = Path.of("firmware-protocol", "vectors", "frames.txt");
    private static final HexFormat HEX = HexFormat.of();

    /** One line of frames.txt. */
    record Vector(String name, boolean both, byte[] wire, String expected) {
    }

    static List<Vector> read() throws IOException {
        List<Vector> vectors = new ArrayList<>();
        for (String line : Files.readAllLines(VECTORS, StandardCharsets.US_ASCII)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ", 4);
            assertEquals(4, f.length, "vector line needs 4 fields: " + line);
            assertTrue(f[1].equals("both") || f[1].equals("decode"), "direction of " + f[0]);
            vectors.add(new Vector(f[0], f[1].equals("both"), HEX.parseHex(f[2]), f[3]));
        }
        return vectors;
    }

    private static String decode(byte[] wire, int chunk) {
        List<String> results = new ArrayList<>();
        FrameDecoder decoder = new FrameDecoder();
        for (int i = 0; i < wire.length; i += chunk) {
            decoder.feed(wire, i, Math.min(chunk, wire.length - i), f -> results.add(MessageText.describe(f)));
        }
        assertTrue(!decoder.midFrame(), "every vector ends with a delimiter");
        return results.isEmpty() ? "none" : String.join(" ; ", results);
    }

    @Test
    void everyVectorDecodesToItsMeaningAndCanonicalOnesEncodeToTheSameBytes() throws IOException {
        List<Vector> vectors = read();
        FrameEncoder encoder = new FrameEncoder();
        for (Vector v : vectors) {
            assertEquals(v.expected(), decode(v.wire(), v.wire().length), v.name());
            assertEquals(v.expected(), decode(v.wire(), 1), v.name() + " fed byte by byte");
            if (v.both()) {
                MessageText.Parsed parsed = MessageText.parse(v.expected());
                assertEquals(HEX.formatHex(v.wire()), HEX.formatHex(encoder.encode(parsed.message(), parsed.seq())),
                        v.name() + " encoded");
                assertEquals(parsed.message().payloadBytes(), exactPayload(parsed.message()), v.name());
            }
        }
    }

    /** Writes the payload into an array of exactly payloadBytes(), so a write past its end would throw. */
    private static int exactPayload(Message m) {
        byte[] exact = new byte[m.payloadBytes()];
        m.writePayload(exact, 0);
        return exact.length;
    }

    @Test
    void vectorsCoverEveryTypeStatusAndFault() throws IOException {
        List<Vector> vectors = read();
        assertTrue(vectors.size() >= 25, "at least 25 vectors, got " + vectors.size());
        Set<MessageType> types = EnumSet.noneOf(MessageType.class);
        Set<FrameStatus> statuses = EnumSet.of(FrameStatus.GOOD);
        Set<ErrorCode> faults = EnumSet.noneOf(ErrorCode.class);
        for (Vector v : vectors) {
            for (String result : v.expected().split(" ; ")) {
                if (result.startsWith("!")) {
                    String name = result.substring(1);
                    if (Set.of("BAD_SIZE", "OUT_OF_RANGE", "UNSUPPORTED_VERSION").contains(name)) {
                        faults.add(ErrorCode.valueOf(name));
                    } else {
                        statuses.add(FrameStatus.valueOf(name));
                    }
                } else if (!result.equals("none")) {
                    types.add(MessageType.valueOf(result.split(" ")[0]));
                }
            }
        }
        assertEquals(EnumSet.allOf(MessageType.class), types);
        assertEquals(EnumSet.allOf(FrameStatus.class), statuses);
        assertEquals(EnumSet.of(ErrorCode.BAD_SIZE, ErrorCode.OUT_OF_RANGE, ErrorCode.UNSUPPORTED_VERSION), faults);
    }

    @Test
    void theFileIsWhatTheIndependentPythonGeneratorWrites() throws IOException, InterruptedException {
        Path python = Path.of("/usr/bin/python3");
        assertTrue(Files.isExecutable(python), "Debian's /usr/bin/python3 is needed (apt-get install python3)");
        Process p = new ProcessBuilder(python.toString(), "generate.py")
                .directory(VECTORS.getParent().toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] generated = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "generate.py did not finish");
        assertEquals(0, p.exitValue(), "generate.py failed; its assertions cross-check CRC, COBS and statuses");
        assertEquals(Files.readString(VECTORS, StandardCharsets.US_ASCII),
                new String(generated, StandardCharsets.US_ASCII), "frames.txt differs from generate.py's output");
    }
}
