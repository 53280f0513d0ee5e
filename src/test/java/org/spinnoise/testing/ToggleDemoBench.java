package org.spinnoise.testing;

import java.nio.file.Path;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;

/**
 * The simulated toggle bench ({@code mock-instruments/benches/demo-toggle.json}: an 81160A and a 2450 wired to a
 * junction that switches by precession), or any bench file given, with the real drivers connected by address.
 */
public final class ToggleDemoBench implements AutoCloseable {
    public static final Path FILE = Path.of("mock-instruments/benches/demo-toggle.json");
    /** The demo recipe's read: 0.1 V bias, which adds to every pulse at the junction. */
    public static final ReadBias READ = new ReadBias(0.1, 2e-4, 0.1);

    public final SimulatedBench sim;
    public final WireLog wire = new WireLog();

    private ToggleDemoBench(SimulatedBench sim) {
        this.sim = sim;
    }

    public static ToggleDemoBench start(long seed) {
        return new ToggleDemoBench(SimulatedBench.start(BenchFile.read(FILE), seed));
    }

    public static ToggleDemoBench start(BenchFile file, long seed) {
        return new ToggleDemoBench(SimulatedBench.start(file, seed));
    }

    /** Connected, write on channel 1, reset on channel 2, the read bias configured. */
    public Bench connect() throws InstrumentException {
        Bench bench = Bench.connect(sim.address("pulse") + "?timeout_ms=" + DemoBench.TIMEOUT_MS,
                sim.address("smu") + "?timeout_ms=" + DemoBench.TIMEOUT_MS, 1, 2, DemoBench.LIMITS, wire);
        bench.smu().configureRead(READ);
        return bench;
    }

    @Override
    public void close() {
        sim.close();
    }
}
