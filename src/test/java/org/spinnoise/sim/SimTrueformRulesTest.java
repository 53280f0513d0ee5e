package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documented rules between Trueform settings, each tried with concrete values on both Trueform models: the
 * adjustment the guide describes and the error number the command table gives the rule. Every rule a simulator
 * applies must be listed in its model's table (the simulator throws otherwise, which is checked here too), and every
 * rule applied anywhere in the simulator's source must have a trigger in this test.
 */
class SimTrueformRulesTest {
    /** Messages that make the simulator apply each rule, from a freshly reset instrument. */
    private static final Map<String, List<String>> TRIGGERS = new LinkedHashMap<>();

    static {
        TRIGGERS.put("widthBelowPeriod", List.of("FUNC:PULS:PER 1E-6", "FUNC:PULS:WIDT 2E-6"));
        TRIGGERS.put("periodAdjustsWidthAndEdges", List.of("FUNC:PULS:WIDT 5E-7", "FUNC:PULS:PER 1E-7"));
        TRIGGERS.put("highBelowLow", List.of("VOLT:LOW 0", "VOLT:HIGH -0.5"));
        TRIGGERS.put("lowAboveHigh", List.of("VOLT:HIGH 0.5", "VOLT:LOW 0.8"));
        TRIGGERS.put("levelWindow", List.of("VOLT:HIGH 6"));
        TRIGGERS.put("offsetWindow", List.of("VOLT:OFFS 6"));
    }

    private static InstrumentProbe triggered(String modelName, String rule) {
        InstrumentProbe probe = new InstrumentProbe(ModelTables.load(modelName));
        List<String> lines = TRIGGERS.get(rule);
        for (String line : lines.subList(0, lines.size() - 1)) {
            assertEquals(List.of(), probe.errorsAfter(line), line);
        }
        return probe;
    }

    /** The errors the table documents for a rule: none when its number is 0. */
    private static List<Integer> documentedErrors(InstrumentProbe probe, String rule) {
        int code = probe.model().rule(rule).error();
        return code == 0 ? List.of() : List.of(code);
    }

    private static double number(InstrumentProbe probe, String query) {
        return Double.parseDouble(probe.send(query));
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void aWidthTooLongForThePeriodBecomesThePeriodLessTheMinimumWidth(String modelName) {
        InstrumentProbe probe = triggered(modelName, "widthBelowPeriod");
        double minWidth = probe.model().parameterOf(SimulatedTrueform.WIDTH).min();
        assertEquals(documentedErrors(probe, "widthBelowPeriod"), probe.errorsAfter("FUNC:PULS:WIDT 2E-6"));
        assertEquals(1e-6 - minWidth, number(probe, "FUNC:PULS:WIDT?"), 1e-15);
        assertEquals(1e-6, number(probe, "FUNC:PULS:PER?"), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void aPeriodTooShortForTheWidthIsKeptAndShortensTheWidth(String modelName) {
        InstrumentProbe probe = triggered(modelName, "periodAdjustsWidthAndEdges");
        double minWidth = probe.model().parameterOf(SimulatedTrueform.WIDTH).min();
        assertEquals(documentedErrors(probe, "periodAdjustsWidthAndEdges"), probe.errorsAfter("FUNC:PULS:PER 1E-7"));
        assertEquals(1e-7, number(probe, "FUNC:PULS:PER?"), 1e-15);
        assertEquals(1e-7 - minWidth, number(probe, "FUNC:PULS:WIDT?"), 1e-15);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void aHighLevelSetBelowTheLowOneMovesTheLowOneOneMillivoltUnderIt(String modelName) {
        InstrumentProbe probe = triggered(modelName, "highBelowLow");
        assertEquals(documentedErrors(probe, "highBelowLow"), probe.errorsAfter("VOLT:HIGH -0.5"));
        assertEquals(-0.5, number(probe, "VOLT:HIGH?"), 1e-12);
        assertEquals(-0.501, number(probe, "VOLT:LOW?"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void aLowLevelSetAboveTheHighOneMovesTheHighOneOneMillivoltOverIt(String modelName) {
        InstrumentProbe probe = triggered(modelName, "lowAboveHigh");
        assertEquals(documentedErrors(probe, "lowAboveHigh"), probe.errorsAfter("VOLT:LOW 0.8"));
        assertEquals(0.8, number(probe, "VOLT:LOW?"), 1e-12);
        assertEquals(0.801, number(probe, "VOLT:HIGH?"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void levelsBeyondTheWindowAtFiftyOhmsAreClippedWithDataOutOfRange(String modelName) {
        InstrumentProbe probe = triggered(modelName, "levelWindow");
        // 10 V open circuit is 5 V shown into the default 50-ohm load setting (guide p. 215).
        double window = probe.model().maxOpenCircuitVolts() / 2;
        assertEquals(documentedErrors(probe, "levelWindow"), probe.errorsAfter("VOLT:HIGH 6"));
        assertEquals(window, number(probe, "VOLT:HIGH?"), 1e-12);
        assertEquals(-0.05, number(probe, "VOLT:LOW?"), 1e-12);

        // Amplitude and offset are another view of the same two levels: the high one is clipped, the low one kept.
        InstrumentProbe offset = new InstrumentProbe(probe.model());
        assertEquals(List.of(), offset.errorsAfter("VOLT:OFFS 1"));
        assertEquals(documentedErrors(offset, "levelWindow"), offset.errorsAfter("VOLT 9"));
        assertEquals(window, number(offset, "VOLT:HIGH?"), 1e-12);
        assertEquals(1 - 9 / 2.0, number(offset, "VOLT:LOW?"), 1e-12);
        assertEquals(window - (1 - 9 / 2.0), number(offset, "VOLT?"), 1e-12);
    }

    /** Guide p. 87 (sibling EDU33210 wording): the offset moves to the largest allowed, the amplitude stays. */
    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void anOffsetBeyondTheWindowMovesToTheLargestAllowedAndKeepsTheAmplitude(String modelName) {
        InstrumentProbe probe = triggered(modelName, "offsetWindow");
        double window = probe.model().maxOpenCircuitVolts() / 2;
        List<Integer> expected = new ArrayList<>(documentedErrors(probe, "offsetWindow"));
        assertEquals(expected, probe.errorsAfter("VOLT:OFFS 6"));
        assertEquals(window - 0.05, number(probe, "VOLT:OFFS?"), 1e-12);
        assertEquals(0.1, number(probe, "VOLT?"), 1e-12);
        assertEquals(window, number(probe, "VOLT:HIGH?"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keysight-33622a", "keysight-33522b"})
    void theSameLevelIsWithinTheWindowAtHighImpedance(String modelName) {
        InstrumentProbe probe = new InstrumentProbe(ModelTables.load(modelName));
        assertEquals(List.of(), probe.errorsAfter("OUTP1:LOAD INF;:VOLT:HIGH 6"));
        assertEquals(6, number(probe, "VOLT:HIGH?"), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"widthBelowPeriod", "periodAdjustsWidthAndEdges", "highBelowLow", "lowAboveHigh",
            "levelWindow", "offsetWindow"})
    void aRuleMissingFromTheTableStopsTheSimulatorInsteadOfGuessingItsError(String rule) {
        CommandFamily family = ModelTables.family("keysight-trueform");
        CommandFamily withoutRule = new CommandFamily(family.family(), family.manual(), family.replyFormats(),
                family.errorQueueCapacity(), family.errorQueueCapacityCite(), family.errorMessages(),
                family.errorMessageCites(), family.commands(),
                family.rules().stream().filter(r -> !r.name().equals(rule)).toList(), family.notFound());
        InstrumentModel model =
                ModelTables.load("keysight-33622a", ModelTables.modelFile("keysight-33622a"), withoutRule);
        ScpiInstrument instrument = ModelTables.instrument(model);
        List<String> lines = TRIGGERS.get(rule);
        lines.subList(0, lines.size() - 1).forEach(instrument::handle);
        SimulationException thrown = assertThrows(SimulationException.class,
                () -> instrument.handle(lines.get(lines.size() - 1)));
        assertTrue(thrown.getMessage().contains("'" + rule + "'"), thrown.getMessage());
    }

    @Test
    void everyRuleTheSimulatorAppliesIsDocumentedAndTriedHere() throws IOException {
        Set<String> applied = new TreeSet<>();
        Pattern call = Pattern.compile("ruleAdjusted\\(\"(\\w+)\"\\)");
        Path sources = Path.of(System.getProperty("spinnoise.projectDir", "."), "src/main/java/org/spinnoise/sim");
        try (Stream<Path> files = Files.list(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = call.matcher(Files.readString(file));
                while (matcher.find()) {
                    applied.add(matcher.group(1));
                }
            }
        }
        assertEquals(new TreeSet<>(TRIGGERS.keySet()), applied,
                "rules applied in " + sources + " and rules this test triggers differ");
        InstrumentModel model = ModelTables.load("keysight-33622a");
        List<String> undocumented = new ArrayList<>();
        for (String rule : applied) {
            if (model.rules().stream().noneMatch(r -> r.name().equals(rule))) {
                undocumented.add(rule);
            }
        }
        assertEquals(List.of(), undocumented, "rules the simulator applies but keysight-trueform.commands.json lacks");
    }
}
