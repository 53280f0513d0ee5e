package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spinnoise.testing.fuzz.FuzzOracle;
import org.spinnoise.testing.fuzz.SeedCorpus;
import org.spinnoise.testing.fuzz.SeededMutation;

/**
 * Fuzz target for the simulated instruments' command parsers: the SCPI program-message parser and interpreter of
 * every model, and the TSP interpreter of the Series 2600B, driven line by line as {@link InstrumentSession} drives
 * them from a socket. The oracle: {@link ScpiInstrument#handle} never throws (a bad message is an entry in the error
 * queue; an exception would end the connection's thread and leave the client waiting), nothing allocates in
 * proportion to a number in the message, and after any message a SCPI model still answers {@code *IDN?} as itself.
 */
class SimScpiParserFuzzTest {
    private static final long FIXED_BYTES = 32 << 20;
    private static final long BYTES_PER_INPUT_BYTE = 1024;
    private static final int SEEDED_EXECUTIONS = 2_000;
    private static final List<InstrumentModel> MODELS =
            ModelTables.modelNames().stream().map(ModelTables::load).toList();
    private static final BenchFile DEMO = BenchFile.demo();

    /** The first byte picks the model; the rest is what a client writes, one program message per line. */
    @FuzzTest(maxDuration = "5m")
    void programMessages(byte[] input) {
        if (input.length == 0) {
            return;
        }
        InstrumentModel model = MODELS.get((input[0] & 0xFF) % MODELS.size());
        JunctionNode junction = new JunctionNode(new MtjJunction(DEMO.junctions().get(0), 1L));
        ScpiInstrument instrument = Simulators.create(model, "fuzzed", Map.of(1, junction, 2, junction),
                new FaultInjector(List.of("fuzzed"), 1L), BenchTiming.instant());
        String text = new String(input, 1, input.length - 1, StandardCharsets.ISO_8859_1);
        for (String line : text.split("\n", -1)) {
            String message = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (message.isBlank()) {
                continue;
            }
            FuzzOracle.check(input, FuzzOracle.Never.class, FIXED_BYTES, BYTES_PER_INPUT_BYTE,
                    () -> instrument.handle(message));
            instrument.takeModelledSeconds();
        }
        if (!(instrument instanceof SimulatedKeithley2600)) {
            assertEquals(model.idn(), instrument.handle("*IDN?"),
                    model.name() + " no longer answers *IDN? after " + FuzzOracle.hex(input));
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void seededMutantsOfTheCorpusHoldTheOracle() {
        new SeededMutation(18_31, SeedCorpus.of(getClass(), "programMessages"), 2048)
                .run(SEEDED_EXECUTIONS, this::programMessages);
    }
}
