package org.spinnoise.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz targets for the noise service's byte layouts (PROTOCOL.md): the request frame a client sends the server, and
 * the reply header the client reads back. The oracle: {@link Wire#parseRequest} never throws, and a refusal carries
 * a one-line message; a request it accepts re-encodes to the same 16 bytes; {@link ReplyHeader#decode} throws only
 * {@link NoiseServiceException} with a one-line message, and a header it reads re-encodes and reads back the same.
 */
class NoiseWireFuzzTest {
    private static final long FIXED_BYTES = 1 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 16;
    private static final int SEEDED_EXECUTIONS = 50_000;

    @FuzzTest(maxDuration = "5m")
    void requests(byte[] input) {
        Wire.Parsed parsed = FuzzOracle.check(input, FuzzOracle.Never.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> Wire.parseRequest(input));
        Wire.Request request = parsed.request();
        if (request == null) {
            String message = parsed.message();
            if (message == null || message.isBlank() || message.indexOf('\n') >= 0) {
                throw new AssertionError("refusal message is not one line: '" + message + "' for "
                        + FuzzOracle.hex(input));
            }
            return;
        }
        if (request.type() != RequestType.PING) {
            assertArrayEquals(input, Wire.encodeRequest(request.type(), request.mode(), request.requestId(),
                    request.count()), "encode(parse(x)) != x for " + FuzzOracle.hex(input));
        }
        Wire.Parsed again = Wire.parseRequest(Wire.encodeRequest(request.type(), request.mode(), request.requestId(),
                request.count()));
        assertEquals(request, again.request(), "parse(encode(r)) != r for " + FuzzOracle.hex(input));
    }

    @FuzzTest(maxDuration = "5m")
    void replyHeaders(byte[] input) {
        ReplyHeader header = FuzzOracle.check(input, NoiseServiceException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> ReplyHeader.decode(input, "tcp://127.0.0.1:5555"));
        if (header == null) {
            return;
        }
        try {
            assertEquals(header, ReplyHeader.decode(header.encode(), "tcp://127.0.0.1:5555"),
                    "decode(encode(h)) != h for " + FuzzOracle.hex(input));
        } catch (NoiseServiceException e) {
            throw new AssertionError("re-encoded header " + header + " is refused: " + e.getMessage(), e);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfEachCorpusHoldTheOracle() {
        new SeededMutation(18_21, SeedCorpus.of(getClass(), "requests"), 64).run(SEEDED_EXECUTIONS, this::requests);
        new SeededMutation(18_22, SeedCorpus.of(getClass(), "replyHeaders"), 96)
                .run(SEEDED_EXECUTIONS, this::replyHeaders);
    }
}
