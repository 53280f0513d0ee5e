package org.spinnoise.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz target for the instrument addresses a user types ({@code TCPIP::host::5025::SOCKET?timeout_ms=500},
 * {@code ASRL/dev/ttyUSB0::INSTR?baud=9600}): {@link InstrumentAddress#parse} throws only IllegalArgumentException
 * with a one-line message, and the resource of an address it accepts prints as text that parses back to the same resource.
 */
class AddressFuzzTest {
    private static final int SEEDED_EXECUTIONS = 20_000;

    @FuzzTest(maxDuration = "5m")
    void address(byte[] input) {
        // One line, as an option or a bench file's field holds it.
        String text = new String(input, StandardCharsets.UTF_8).split("[\r\n]", -1)[0];
        InstrumentAddress address = FuzzOracle.check(input, IllegalArgumentException.class, 1 << 20, 64,
                () -> InstrumentAddress.parse(text));
        if (address != null) {
            assertEquals(address.resource(), InstrumentAddress.parse(address.toString()).resource(),
                    "address does not read back from '" + address + "' for " + FuzzOracle.hex(input));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfTheCorpusHoldTheOracle() {
        new SeededMutation(18_51, SeedCorpus.of(getClass(), "address"), 512).run(SEEDED_EXECUTIONS, this::address);
    }
}
