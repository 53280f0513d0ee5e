package org.spinnoise.testing;

import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;

/**
 * The simulated demo bench started on ephemeral loopback ports, and the real drivers connected to it by address, for
 * integration tests. A 1 s timeout keeps fault-injection tests quick yet survives a loaded machine (300 ms did not).
 */
public final class DemoBench implements AutoCloseable {
    public static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    public static final int TIMEOUT_MS = 1000;

    public final SimulatedBench sim;
    public final WireLog wire = new WireLog();

    private DemoBench(SimulatedBench sim) {
        this.sim = sim;
    }

    public static DemoBench start(long seed) {
        return new DemoBench(SimulatedBench.start(BenchFile.demo(), seed));
    }

    /** The role's address with a short per-exchange timeout. */
    public String address(String role) {
        return sim.address(role) + "?timeout_ms=" + TIMEOUT_MS;
    }

    public Bench connect() throws InstrumentException {
        return connect(LIMITS);
    }

    public Bench connect(SafetyLimits limits) throws InstrumentException {
        return Bench.connect(address("pulse"), address("smu"), 1, 2, limits, wire);
    }

    @Override
    public void close() {
        sim.close();
    }
}
