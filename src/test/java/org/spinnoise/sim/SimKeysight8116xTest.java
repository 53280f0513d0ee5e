package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.InstrumentCatalog;
import org.spinnoise.instrument.PulseGenerator;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.link.WireLog;

/**
 * The 81150A/81160A driver against its simulator over a real loopback socket (pulse sign, width, 0 V between pulses,
 * safe state), and the simulator's external trigger input on the bench clock (reset then write per edge, an edge
 * during a pulse ignored as the user's guide says, p. 92).
 */
class SimKeysight8116xTest {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);

    /**
     * The 81150A bench without its trigger cable: the simulated 2450 on this branch declares no digital-output port
     * yet, and these tests drive the generator's input directly.
     */
    private static BenchFile benchWithoutCable() {
        BenchFile file = BenchFile.read(Path.of("mock-instruments/benches/81150a-2450.json"));
        return new BenchFile(file.source(), file.name(), file.seed(), file.junctions(), file.instruments(),
                file.models(), BenchTiming.instant(), List.of());
    }

    private static List<VoltageEvent> fromPulseGenerator(JunctionNode node) {
        return node.history().stream().filter(e -> e.source().startsWith("pulse")).toList();
    }

    @Test
    void resetAndWritePulsesReachTheJunctionWithTheirSignAndWidthAndItRestsAtZero() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(benchWithoutCable(), 3L);
             PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", bench.address("pulse"), LIMITS,
                     new WireLog())) {
            pulse.configure(2, new PulseShape(-1.0, 2e-8));
            pulse.configure(1, new PulseShape(1.2, 5e-8));
            pulse.fire(2, 1);
            List<VoltageEvent> events = fromPulseGenerator(bench.node(0));
            List<VoltageEvent> pulses = events.stream().filter(VoltageEvent::pulse).toList();
            assertEquals(2, pulses.size(), events.toString());
            assertEquals("pulse ch2", pulses.get(0).source());
            assertEquals(-1.0, pulses.get(0).junctionVolts(), 0.01, "reset is negative at the high-Z junction");
            assertEquals(2e-8, pulses.get(0).widthSeconds(), 1e-12);
            assertEquals("pulse ch1", pulses.get(1).source());
            assertEquals(1.2, pulses.get(1).junctionVolts(), 0.01, "expected load 1 Mohm: the programmed level");
            assertEquals(5e-8, pulses.get(1).widthSeconds(), 1e-12);
            events.stream().filter(e -> !e.pulse())
                    .forEach(e -> assertEquals(0.0, e.junctionVolts(), 1e-9, "resting level " + e));
            assertTrue(bench.junction(0).isAntiparallel(), "a 1.2 V write switches the junction");
        }
    }

    @Test
    void theSafeStateLeavesBothOutputsOffAndTheJunctionAtZero() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(benchWithoutCable(), 4L);
             PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", bench.address("pulse"), LIMITS,
                     new WireLog());
             LineClient probe = LineClient.connect(bench.address("pulse"))) {
            pulse.configure(2, new PulseShape(-1.0, 2e-8));
            pulse.configure(1, new PulseShape(1.2, 5e-8));
            pulse.safeOff(1);
            pulse.safeOff(2);
            assertEquals("0", probe.query(":OUTP1?"));
            assertEquals("0", probe.query(":OUTP2?"));
            List<VoltageEvent> events = fromPulseGenerator(bench.node(0));
            assertEquals(0.0, events.get(events.size() - 1).junctionVolts(), 1e-9);
            probe.send(":TRIG");
            assertTrue(fromPulseGenerator(bench.node(0)).stream().noneMatch(VoltageEvent::pulse),
                    "a trigger after the safe state delivers nothing");
        }
    }

    @Test
    void anEdgeFiresResetThenWriteAndAnEdgeDuringThePulsesIsIgnored() {
        InstrumentModel model = ModelTables.load("keysight-81150a");
        JunctionNode node = new JunctionNode(new MtjJunction(
                new JunctionSpec(0.62, 0.015, 1e-8, 0.05, 0.60, 2000, 4200, 0.01, 0), 9L));
        SimulatedKeysight8116x sim = new SimulatedKeysight8116x(model, "pulse", Map.of(1, node, 2, node));
        SimClock clock = new SimClock();
        sim.attachTriggerLines(new TriggerLines(clock));
        // What Keysight8116x.armExternalTrigger leaves: ch2 reset -1 V 20 ns, ch1 write 1.2 V 50 ns after 120 ns.
        for (String line : List.of(":OUTP1:IMP:EXT 1E6;:OUTP2:IMP:EXT 1E6;:FUNC1 PULS;:FUNC2 PULS",
                ":OUTP2:POL INV;:VOLT2:LOW -1.0;:VOLT2:HIGH 0;:PULS:WIDT2 2E-8",
                ":VOLT1:HIGH 1.2;:VOLT1:LOW 0;:PULS:WIDT1 5E-8;:PULS:PER1 2E-6;:PULS:DEL1 1.2E-7",
                ":ARM:SENS1 EDGE;:ARM:SENS2 EDGE;:ARM:SOUR1 EXT;:ARM:SOUR2 EXT;:OUTP1 ON;:OUTP2 ON")) {
            sim.handle(line);
        }
        assertEquals("+0,\"No error\"", sim.handle("SYST:ERR?"));
        for (double edgeSeconds : new double[] {1e-3, 1e-3 + 10e-9, 2e-3}) {
            clock.at(edgeSeconds, () -> sim.receiveTrigger(SimulatedKeysight8116x.TRIGGER_INPUT, edgeSeconds));
        }
        clock.runAll();
        List<VoltageEvent> pulses = node.history().stream().filter(VoltageEvent::pulse).toList();
        assertEquals(List.of("pulse ch2", "pulse ch1", "pulse ch2", "pulse ch1"),
                pulses.stream().map(VoltageEvent::source).toList(), "reset then write per accepted edge");
        assertEquals(-1.0, pulses.get(0).junctionVolts(), 1e-3);
        assertEquals(1.2, pulses.get(1).junctionVolts(), 1e-3);
        // The edge 10 ns after the first arrives during the 20 ns reset pulse and before the delayed write ended.
        assertEquals(1, sim.triggersIgnored(2));
        assertEquals(1, sim.triggersIgnored(1));
        node.history().stream().filter(e -> !e.pulse())
                .forEach(e -> assertEquals(0.0, e.junctionVolts(), 1e-9, "resting level " + e));
    }
}
