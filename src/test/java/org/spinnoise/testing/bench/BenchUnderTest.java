package org.spinnoise.testing.bench;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import org.spinnoise.sim.JunctionNode;
import org.spinnoise.sim.JunctionStress;
import org.spinnoise.sim.MtjJunction;
import org.spinnoise.sim.RaisedError;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.VoltageEvent;

/**
 * The running simulated bench of one test, as {@link WithSimulatedBench} hands it in: where to connect (a VISA
 * address per instrument role, or a plain TCP socket address), the seed it was started with, and what the simulator
 * recorded while the test drove it — each junction's voltage events and per-output levels, its stress (largest
 * voltage, pulses, DC held between pulses, breakdown), the pulses each output delivered, the errors each instrument
 * raised and whether an output is still on. Records are read live, so read them after the commands they should
 * reflect were answered (a query such as {@code *OPC?} on the same connection guarantees that).
 */
public final class BenchUnderTest {
    private final SimulatedBench simulator;
    private final String benchName;
    private final long seed;

    BenchUnderTest(SimulatedBench simulator, String benchName, long seed) {
        this.simulator = simulator;
        this.benchName = benchName;
        this.seed = seed;
    }

    /** VISA resource string of a role, e.g. {@code TCPIP::127.0.0.1::41234::SOCKET} (or {@code ASRL<pty>::INSTR}). */
    public String address(String role) {
        return simulator.address(role);
    }

    /** Every role's VISA address, in bench-file order. */
    public Map<String, String> addresses() {
        return simulator.addresses();
    }

    /** Host and port of a TCP role, for a client that opens a plain socket; lines end with {@code \n}. */
    public InetSocketAddress socketAddress(String role) {
        String[] parts = address(role).split("::");
        if (parts.length != 4 || !parts[0].equals("TCPIP") || !parts[3].equals("SOCKET")) {
            throw new IllegalArgumentException("role '" + role + "' is not served on a TCP socket: " + address(role));
        }
        return new InetSocketAddress(parts[1], Integer.parseInt(parts[2]));
    }

    public long seed() {
        return seed;
    }

    /** The bench file's name. */
    public String benchName() {
        return benchName;
    }

    public int junctionCount() {
        return simulator.junctionCount();
    }

    /** A junction's physics and state (V50, resistances, whether it is antiparallel now). */
    public MtjJunction junction(int index) {
        return simulator.junction(index);
    }

    /** What a junction has been through: largest |V|, pulses, DC held between pulses, breakdown. */
    public JunctionStress stress(int index) {
        return simulator.junction(index).stress();
    }

    /** A junction's latest voltage events (levels held, pulses, and the output behind each), oldest first. */
    public List<VoltageEvent> voltageHistory(int index) {
        return simulator.node(index).history();
    }

    /** Each output wired to a junction, by name (e.g. {@code "pulse ch2"}): its largest level, time non-zero. */
    public Map<String, JunctionNode.SourceRecord> sources(int index) {
        return simulator.node(index).sources();
    }

    /** Pulses a pulse-generator channel (1-based) has delivered since the bench started. */
    public long pulsesDelivered(String role, int channel) {
        return simulator.pulsesDelivered(role, channel);
    }

    /** Errors the instrument of a role has raised (SCPI code and the program unit that raised it), oldest first. */
    public List<RaisedError> errorsRaised(String role) {
        return simulator.errorsRaised(role);
    }

    /** Whether an output is on now (channel 1 for an SMU). */
    public boolean outputOn(String role, int channel) {
        return simulator.outputOn(role, channel);
    }

    /** The simulated bench itself, for what this view does not offer (fault injection, modelled time). */
    public SimulatedBench simulator() {
        return simulator;
    }

    /** What the simulator recorded, in a few lines: attached to a failing test's exception. */
    String summary() {
        StringBuilder text = new StringBuilder("simulated bench '" + benchName + "', seed " + seed);
        simulator.addresses().keySet().forEach(role -> text.append("\n  ").append(role).append(" errors raised: ")
                .append(simulator.errorsRaised(role)));
        for (int i = 0; i < simulator.junctionCount(); i++) {
            text.append("\n  junction ").append(i).append(": ").append(stress(i));
        }
        return text.toString();
    }

    void close() {
        simulator.close();
    }
}
