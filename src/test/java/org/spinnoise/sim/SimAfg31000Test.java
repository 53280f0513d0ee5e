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
 * The AFG31000 driver against its simulator over a real loopback socket (pulse order, sign, width, 0 V between
 * pulses, safe state), and the simulator's trigger input on the bench clock (reset then write per edge, an edge
 * during a burst ignored).
 */
class SimAfg31000Test {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);

    /** The AFG31252 bench without its trigger cable: the simulated 2450 here declares no digital-output port yet. */
    private static BenchFile benchWithoutCable() {
        BenchFile file = BenchFile.read(Path.of("mock-instruments/benches/afg31252-2450.json"));
        return new BenchFile(file.source(), file.name(), file.seed(), file.junctions(), file.instruments(),
                file.models(), BenchTiming.instant(), List.of());
    }

    private static List<VoltageEvent> fromPulseGenerator(JunctionNode node) {
        return node.history().stream().filter(e -> e.source().startsWith("pulse")).toList();
    }

    @Test
    void resetThenWriteReachTheJunctionWithTheirSignAndWidthAndItRestsAtZero() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(benchWithoutCable(), 5L);
             PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", bench.address("pulse"), LIMITS,
                     new WireLog())) {
            pulse.configure(2, new PulseShape(-1.0, 2e-8));
            pulse.configure(1, new PulseShape(1.2, 5e-8));
            pulse.fire(2, 1);
            pulse.fire(2);
            List<VoltageEvent> events = fromPulseGenerator(bench.node(0));
            List<VoltageEvent> pulses = events.stream().filter(VoltageEvent::pulse).toList();
            assertEquals(List.of("pulse ch2", "pulse ch1", "pulse ch2"),
                    pulses.stream().map(VoltageEvent::source).toList(), "fire(2, 1) then fire(2) alone");
            assertEquals(-1.0, pulses.get(0).junctionVolts(), 1e-9);
            assertEquals(2e-8, pulses.get(0).widthSeconds(), 1e-12);
            assertEquals(1.2, pulses.get(1).junctionVolts(), 1e-9, "load INF: the level set is the level seen");
            assertEquals(5e-8, pulses.get(1).widthSeconds(), 1e-12);
            events.stream().filter(e -> !e.pulse())
                    .forEach(e -> assertEquals(0.0, e.junctionVolts(), 1e-9, "resting level " + e));
            assertTrue(!bench.junction(0).isAntiparallel(), "the last pulse, a -1 V reset, left it parallel");
        }
    }

    @Test
    void theSafeStateLeavesBothOutputsOffAndTheJunctionAtZero() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(benchWithoutCable(), 6L);
             PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", bench.address("pulse"), LIMITS,
                     new WireLog());
             LineClient probe = LineClient.connect(bench.address("pulse"))) {
            pulse.configure(2, new PulseShape(-1.0, 2e-8));
            pulse.configure(1, new PulseShape(1.2, 5e-8));
            pulse.safeOff(1);
            pulse.safeOff(2);
            assertEquals("0", probe.query("OUTP1?"));
            assertEquals("0", probe.query("OUTP2?"));
            probe.send("TRIG");
            assertEquals("1", probe.query("*OPC?"));
            List<VoltageEvent> events = fromPulseGenerator(bench.node(0));
            assertTrue(events.stream().noneMatch(VoltageEvent::pulse), "a trigger after the safe state delivers nothing");
            assertEquals(0.0, events.get(events.size() - 1).junctionVolts(), 1e-9);
        }
    }

    @Test
    void anEdgeFiresResetThenWriteAndAnEdgeDuringTheBurstIsIgnored() {
        InstrumentModel model = ModelTables.load("tektronix-afg31252");
        JunctionNode node = new JunctionNode(new MtjJunction(
                new JunctionSpec(0.62, 0.015, 1e-8, 0.05, 0.60, 2000, 4200, 0.01, 0), 9L));
        SimulatedAfg31000 sim = new SimulatedAfg31000(model, "pulse", Map.of(1, node, 2, node));
        SimClock clock = new SimClock();
        sim.attachTriggerLines(new TriggerLines(clock));
        // What TektronixAfg31000.armExternalTrigger leaves: ch2 reset -1 V 20 ns, ch1 write 1.2 V 50 ns after 120 ns.
        for (String line : List.of("OUTP1:IMP INF;:OUTP2:IMP INF;:SOUR1:FUNC PULS;:SOUR2:FUNC PULS",
                "OUTP2:POL INV;:SOUR2:VOLT:LOW -1.0;:SOUR2:VOLT:HIGH 0;:SOUR2:PULS:WIDT 2E-8;:SOUR2:PULS:PER 1E-6",
                "SOUR1:VOLT:HIGH 1.2;:SOUR1:VOLT:LOW 0;:SOUR1:PULS:WIDT 5E-8;:SOUR1:PULS:PER 1E-6",
                "SOUR1:BURS:TDEL 1.2E-7;:SOUR1:BURS:IDLE START;:SOUR2:BURS:IDLE START;:TRIG:SOUR EXT",
                "SOUR1:BURS:STAT ON;:SOUR2:BURS:STAT ON;:OUTP1 ON;:OUTP2 ON")) {
            sim.handle(line);
        }
        assertEquals("0,\"No error\"", sim.handle("SYST:ERR?"));
        for (double edgeSeconds : new double[] {1e-3, 1e-3 + 500e-9, 2e-3}) {
            clock.at(edgeSeconds, () -> sim.receiveTrigger(SimulatedAfg31000.TRIGGER_INPUT, edgeSeconds));
        }
        clock.runAll();
        List<VoltageEvent> pulses = node.history().stream().filter(VoltageEvent::pulse).toList();
        assertEquals(List.of("pulse ch2", "pulse ch1", "pulse ch2", "pulse ch1"),
                pulses.stream().map(VoltageEvent::source).toList(), "reset then write per accepted edge");
        assertEquals(-1.0, pulses.get(0).junctionVolts(), 1e-9);
        assertEquals(1.2, pulses.get(1).junctionVolts(), 1e-9);
        // The edge 500 ns after the first arrives within both one-period (1 us) bursts.
        assertEquals(1, sim.triggersIgnored(1));
        assertEquals(1, sim.triggersIgnored(2));
        node.history().stream().filter(e -> !e.pulse())
                .forEach(e -> assertEquals(0.0, e.junctionVolts(), 1e-9, "resting level " + e));
    }
}
