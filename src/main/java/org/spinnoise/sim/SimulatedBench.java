package org.spinnoise.sim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running simulated bench: the junctions of a bench file and one server per instrument role, each a real loopback
 * TCP socket (or a socat pseudo-terminal for {@code "transport": "serial"}) that drivers open by the VISA address given
 * in {@link #addresses()}, exactly as they would open hardware. All randomness derives from the seed, so a bench
 * started with the same seed and driven by the same command sequence behaves the same. Closing stops every server,
 * connection and socat process.
 */
public final class SimulatedBench implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBench.class);

    private final List<JunctionNode> nodes;
    private final Map<String, ScpiInstrument> instruments;
    private final Map<String, InstrumentServer> servers;
    private final FaultInjector faults;
    private final ModelledWaits waits;

    private SimulatedBench(List<JunctionNode> nodes, Map<String, ScpiInstrument> instruments,
                           Map<String, InstrumentServer> servers, FaultInjector faults, ModelledWaits waits) {
        this.nodes = nodes;
        this.waits = waits;
        this.instruments = instruments;
        this.servers = servers;
        this.faults = faults;
    }

    /** Starts the bench with the seed written in its bench file. */
    public static SimulatedBench start(BenchFile bench) {
        return start(bench, bench.seed());
    }

    /** Starts every junction and instrument server of the bench; the seed fixes all randomness. */
    public static SimulatedBench start(BenchFile bench, long seed) {
        return start(bench, seed, JunctionClock.wall());
    }

    /**
     * As {@link #start(BenchFile, long)} with the junctions' drift and held levels on a modelled clock in nanoseconds
     * (e.g. a {@link ModelledClock}), so hours of drift pass in seconds of a test.
     */
    public static SimulatedBench start(BenchFile bench, long seed, LongSupplier junctionClockNanos) {
        return start(bench, seed, JunctionClock.shared(junctionClockNanos));
    }

    /** As {@link #start(BenchFile, long)} with the junctions keeping time by {@code clock}. */
    public static SimulatedBench start(BenchFile bench, long seed, JunctionClock clock) {
        SplittableRandom seeds = new SplittableRandom(seed);
        List<MtjJunction> junctions = new ArrayList<>();
        for (JunctionSpec spec : bench.junctions()) {
            junctions.add(clock.junction(spec, seeds.nextLong()));
        }
        FaultInjector faults = new FaultInjector(List.copyOf(bench.instruments().keySet()), seeds.nextLong());
        List<JunctionNode> nodes = junctions.stream().map(JunctionNode::new).toList();
        Map<String, ScpiInstrument> instruments = new LinkedHashMap<>();
        Map<String, InstrumentServer> servers = new LinkedHashMap<>();
        ModelledWaits waits = new ModelledWaits(bench.timing().waits());
        SimulatedBench started = new SimulatedBench(nodes,
                Collections.unmodifiableMap(instruments), Collections.unmodifiableMap(servers), faults, waits);
        try {
            bench.instruments().forEach((role, spec) -> {
                ScpiInstrument instrument = create(role, spec, bench.models().get(spec.model()), nodes, faults,
                        bench.timing());
                instruments.put(role, instrument);
                faults.onReboot(role, instrument::powerOn);
                faults.onSpuriousError(role, instrument::raiseSpontaneously);
            });
            // Trigger cables are wired before any server accepts a connection, so no line is served unwired.
            TriggerLines lines = new TriggerLines(new SimClock());
            lines.wire(bench.triggerLines(), instruments);
            instruments.values().forEach(instrument -> instrument.attachTriggerLines(lines));
            bench.instruments().forEach((role, spec) -> {
                ScpiInstrument instrument = instruments.get(role);
                servers.put(role, spec.transport().equals(InstrumentSpec.SERIAL)
                        ? new SerialInstrumentServer(role, instrument, faults, waits)
                        : new TcpInstrumentServer(role, instrument, faults, waits));
            });
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        LOG.info("simulated bench '{}' started with seed {}: {}", bench.name(), seed, started.addresses());
        return started;
    }

    private static ScpiInstrument create(String role, InstrumentSpec spec, InstrumentModel model, List<JunctionNode> nodes,
                                         FaultInjector faults, BenchTiming timing) {
        Map<Integer, JunctionNode> wiring = new HashMap<>();
        spec.wiring().forEach((channel, junction) -> wiring.put(channel, nodes.get(junction)));
        return Simulators.create(model, role, wiring, faults, timing);
    }

    /** VISA address by role, in bench-file order, e.g. {@code pulse → TCPIP::127.0.0.1::41234::SOCKET}. */
    public Map<String, String> addresses() {
        Map<String, String> addresses = new LinkedHashMap<>();
        servers.forEach((role, server) -> addresses.put(role, server.address()));
        return Collections.unmodifiableMap(addresses);
    }

    public String address(String role) {
        InstrumentServer server = servers.get(role);
        if (server == null) {
            throw new IllegalArgumentException("no instrument role '" + role + "' on this bench; roles are " + servers.keySet());
        }
        return server.address();
    }

    public MtjJunction junction(int index) {
        return nodes.get(index).junction();
    }

    /** The electrical node of a junction: what each wired output holds on it. */
    public JunctionNode node(int index) {
        return nodes.get(index);
    }

    public int junctionCount() {
        return nodes.size();
    }

    /** Modelled time the instrument serving {@code role} has spent on everything asked of it so far, in seconds. */
    public double modelledSeconds(String role) {
        return instrument(role).modelledSeconds();
    }

    /**
     * Makes the instruments wait their modelled times before answering (true) or answer at once (false) from now
     * on; the bench file's {@code "timing"} sets the start. The modelled time is booked either way.
     */
    public void waitModelledTimes(boolean on) {
        waits.enable(on);
    }

    /** What the junctions and instruments have been through so far. */
    public BenchRecord record() {
        List<BenchRecord.JunctionRecord> records = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            records.add(new BenchRecord.JunctionRecord(i, nodes.get(i).junction().stress(), nodes.get(i).sources()));
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        instruments.forEach((role, instrument) -> seconds.put(role, instrument.modelledSeconds()));
        return new BenchRecord(List.copyOf(records), Collections.unmodifiableMap(seconds));
    }

    /** Errors the instrument serving {@code role} has raised (the most recent thousand), oldest first. */
    public java.util.List<RaisedError> errorsRaised(String role) {
        return instrument(role).raisedErrors();
    }

    /** Whether an output is on now, as the simulated instrument holds it (channel 1 for an SMU). */
    public boolean outputOn(String role, int channel) {
        return instrument(role).outputOn(channel);
    }

    public FaultInjector faults() {
        return faults;
    }

    /** The {@code *IDN?} reply of the instrument serving a role. */
    public String idn(String role) {
        return instrument(role).idn();
    }

    /** Pulses a pulse-generator channel (1-based) has delivered to its junction since the bench started. */
    public long pulsesDelivered(String role, int channel) {
        if (instrument(role) instanceof SimulatedKeysight8116x pulse) {
            return pulse.pulsesDelivered(channel);
        }
        if (!(instrument(role) instanceof SimulatedTrueform)) {
            throw new IllegalArgumentException("instrument '" + role + "' is not a pulse generator");
        }
        return ((SimulatedTrueform) instrument(role)).pulsesDelivered(channel);
    }

    ScpiInstrument instrument(String role) {
        ScpiInstrument instrument = instruments.get(role);
        if (instrument == null) {
            throw new IllegalArgumentException("no instrument role '" + role + "' on this bench; roles are " + instruments.keySet());
        }
        return instrument;
    }

    @Override
    public void close() {
        servers.values().forEach(InstrumentServer::close);
        LOG.info("simulated bench closed");
    }
}
