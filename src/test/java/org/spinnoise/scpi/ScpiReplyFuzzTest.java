package org.spinnoise.scpi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.link.ScriptedReplyLink;
import org.spinnoise.link.WireLog;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz targets for what an instrument sends back: IEEE 488.2 block data, the reply lines the SCPI layer parses
 * (error-queue entries in both dialects, the event status register, identities, numbers), and whole reply streams read
 * through a {@link ScpiSession} over a link that hands the bytes out in odd chunks. The oracle: only
 * IllegalArgumentException from the line parsers and only ScpiException from the session, each with a one-line
 * message; no hang; allocation bounded by the bytes that arrived (never by a declared block length); and what an
 * encoder writes decodes back to the same value. {@code bin/fuzz scpi-block} (and the others) fuzzes each for longer.
 */
class ScpiReplyFuzzTest {
    /** Fixed cost of one parse; its messages fit in it many times over. */
    private static final long FIXED_BYTES = 1 << 20;
    /** Fixed cost of one session exchange: the link's buffer, exceptions with their stack traces, log events. */
    private static final long SESSION_FIXED_BYTES = 16 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 64;
    private static final int SEEDED_EXECUTIONS = 20_000;

    @FuzzTest(maxDuration = "5m")
    void blockData(byte[] input) {
        FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> BlockData.decode(input));
        byte[] encoded = BlockData.encode(input);
        assertArrayEquals(input, BlockData.decode(encoded), "decode(encode(x)) != x for " + FuzzOracle.hex(input));
    }

    /** A reply line as the session hands it to the parsers: up to the terminator, and only if it is printable. */
    @FuzzTest(maxDuration = "5m")
    void replyLines(byte[] input) {
        String received = new String(input, StandardCharsets.ISO_8859_1);
        int newline = received.indexOf('\n');
        String reply = ScpiSession.withoutFinalCarriageReturn(newline < 0 ? received : received.substring(0, newline));
        if (!ScpiSession.isPrintable(reply)) {
            return;
        }
        ScpiError error = FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> ScpiError.parse(reply));
        if (error != null) {
            assertEquals(error, ScpiError.parse(error.toString()), "SYST:ERR? entry does not read back for "
                    + FuzzOracle.hex(input));
        }
        FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> ScpiError.parseTsp(reply));
        FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> EventStatus.parse(reply));
        FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                () -> Setting.parseNumber(reply));
        Identity identity = FuzzOracle.check(input, IllegalArgumentException.class, FIXED_BYTES,
                BYTES_PER_INPUT_BYTE, () -> Identity.parse(reply));
        if (identity != null) {
            assertEquals(identity, Identity.parse(identity.raw()), "*IDN? reply does not read back");
        }
    }

    /**
     * The first byte picks the dialect and how the link chunks the bytes; the rest is what the instrument sends while
     * the session identifies it, checks its status, drains its error queue, reads a block and reads a setting.
     */
    @FuzzTest(maxDuration = "5m")
    void sessionReplies(byte[] input) {
        if (input.length == 0) {
            return;
        }
        int control = input[0] & 0xFF;
        byte[] replies = java.util.Arrays.copyOfRange(input, 1, input.length);
        ScriptedReplyLink link = new ScriptedReplyLink(replies, 1 + (control & 0x0F), 1 + (control >> 4), 4096);
        try (ScpiSession session = new ScpiSession(link, "fuzzed instrument", new WireLog())) {
            if ((control & 1) != 0) {
                session.speak(Dialect.TSP);
            }
            Setting<Double> volts = Setting.volts("SOUR:VOLT", -10, 10);
            FuzzOracle.Parse<?>[] steps = {
                    session::identify,
                    () -> {
                        session.checkEventStatus();
                        return null;
                    },
                    session::drainErrors,
                    () -> session.queryBlock("TRAC:DATA?"),
                    () -> session.get(volts),
                    () -> {
                        session.waitForCompletion();
                        return null;
                    },
                    () -> session.queryBlock("CURV?")};
            for (FuzzOracle.Parse<?> step : steps) {
                FuzzOracle.check(input, ScpiException.class, SESSION_FIXED_BYTES, BYTES_PER_INPUT_BYTE, step);
            }
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfEachCorpusHoldTheOracle() {
        new SeededMutation(18_1, SeedCorpus.of(getClass(), "blockData"), 4096)
                .run(SEEDED_EXECUTIONS, this::blockData);
        new SeededMutation(18_2, SeedCorpus.of(getClass(), "replyLines"), 4096)
                .run(SEEDED_EXECUTIONS, this::replyLines);
        new SeededMutation(18_3, SeedCorpus.of(getClass(), "sessionReplies"), 8192)
                .run(SEEDED_EXECUTIONS / 10, this::sessionReplies);
    }
}
