package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bench clock runs triggered actions in time order, and trigger cables are checked against the bench. */
class SimTriggerLinesTest {

    @Test
    void actionsRunInTimeOrderWhateverOrderTheyWereQueued() {
        SimClock clock = new SimClock();
        List<String> ran = new ArrayList<>();
        clock.at(3e-6, () -> ran.add("read"));
        clock.at(1e-6, () -> {
            ran.add("edge");
            // an action may queue more, later than now: the pulse a generator fires on the edge
            clock.at(2e-6, () -> ran.add("pulse"));
        });
        clock.at(3e-6, () -> ran.add("second read at the same time"));
        clock.runAll();
        assertEquals(List.of("edge", "pulse", "read", "second read at the same time"), ran);
        assertEquals(3e-6, clock.nowSeconds());
    }

    @Test
    void nothingCanBeQueuedInThePast() {
        SimClock clock = new SimClock();
        clock.at(5e-6, () -> { });
        clock.runAll();
        assertThrows(IllegalArgumentException.class, () -> clock.at(4e-6, () -> { }));
    }

    @Test
    void aLineEndThatIsNotRoleColonPortIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TriggerLineSpec("smu", List.of("pulse:ext-trig")));
        assertTrue(e.getMessage().contains("role:port"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TriggerLineSpec("smu:digio-1", List.of()));
    }

    @Test
    void aLineToAPortTheModelLacksStopsTheBenchNamingThePorts() {
        BenchFile demo = BenchFile.demo();
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>(demo.instruments());
        BenchFile bench = new BenchFile(demo.source(), "bad trigger line", demo.seed(), demo.junctions(), instruments,
                demo.models(), demo.timing(), List.of(new TriggerLineSpec("smu:no-such-output", List.of("pulse:x"))));
        SimulationException e = assertThrows(SimulationException.class, () -> SimulatedBench.start(bench, 1L));
        assertTrue(e.getMessage().contains("no trigger output 'no-such-output'"), e.getMessage());
    }
}
