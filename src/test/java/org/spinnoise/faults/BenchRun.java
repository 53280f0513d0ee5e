package org.spinnoise.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReconnectPolicy;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.manifest.BenchSection;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;
import org.spinnoise.sim.JunctionNode.PulseOutcome;
import org.spinnoise.testing.DemoBench;

/**
 * One small calibrate-and-acquire run on a simulated bench (the demo's unless told) over loopback, in process, with a
 * fault struck once the junction has taken a given number of write pulses within the stage under test (calibration:
 * from the start of the amplitude sweep; acquisition: from its first bit). What it returns lets a cell compare the
 * run folder with the junction's own record of every write.
 */
final class BenchRun {
    /** Reconnects quickly enough for the suite, with room for a 400 ms reboot. */
    static final ReconnectPolicy QUICK = new ReconnectPolicy(6, 0.1, 2, 0.8);

    /** What one run left: the bench (still running, for outputs and records), the folder, and how it ended. */
    record Outcome(SimulatedBench sim, RunFolder folder, IOException failure, boolean faultStruck,
                   List<PulseOutcome> writesSinceAcquisition) implements AutoCloseable {
        RunManifest manifest() {
            return folder.manifest();
        }

        @Override
        public void close() {
            sim.close();
        }
    }

    private BenchRun() {
    }

    /** The demo recipe cut down to a second or two: a coarse sweep, few threshold reads, per-bit, quick reconnects. */
    static AcquisitionPlan plan(long bits) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        SweepPlan sweep = SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                demo.sweep().widthSeconds());
        return new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50), sweep, bits, demo.health(), 1,
                new AcquisitionPlan.SchemePlan("per-bit", 1, 1000), QUICK);
    }

    /**
     * Runs {@code plan} on a fresh demo bench seeded {@code seed}; {@code fault} strikes once {@code afterWrites}
     * write pulses have reached the junction in {@code stage} (CALIBRATION or ACQUISITION).
     */
    static Outcome run(Path runs, long seed, AcquisitionPlan plan, Stage stage, long afterWrites,
                       Consumer<SimulatedBench> fault) throws Exception {
        return run(runs, BenchFile.demo(), seed, plan, stage, afterWrites, fault);
    }

    /** As above on the bench of {@code benchFile} (the demo bench with its SMU on a serial line, say). */
    static Outcome run(Path runs, BenchFile benchFile, long seed, AcquisitionPlan plan, Stage stage, long afterWrites,
                       Consumer<SimulatedBench> fault) throws Exception {
        SimulatedBench sim = SimulatedBench.start(benchFile, seed);
        WireLog wire = new WireLog();
        String pulseAddress = sim.address("pulse") + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
        String smuAddress = sim.address("smu") + "?timeout_ms=" + DemoBench.TIMEOUT_MS;
        RunFolder folder = RunFolder.create(runs, stage.name().toLowerCase() + "-" + seed);
        folder.update(m -> m.withBench(BenchSection.real(pulseAddress, smuAddress)));
        AtomicLong writesAtAcquisition = new AtomicLong(-1);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean struck = new AtomicBoolean();
        Thread[] watcher = new Thread[1];
        Runnable arm = () -> {
            long from = sim.pulsesDelivered("pulse", 1);
            watcher[0] = new Thread(() -> {
                try {
                    while (sim.pulsesDelivered("pulse", 1) < from + afterWrites) {
                        if (ended.get()) {
                            return;
                        }
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                fault.accept(sim);
                struck.set(true);
            }, "fault-" + stage);
            watcher[0].setDaemon(true);
            watcher[0].start();
        };
        RunListener listener = new RunListener() {
            @Override
            public void stage(String description) {
                if (stage == Stage.CALIBRATION && description.startsWith("sweeping")) {
                    arm.run();
                }
            }

            @Override
            public void acquisitionStarting(long totalBits) {
                writesAtAcquisition.set(sim.pulsesDelivered("pulse", 1));
                if (stage == Stage.ACQUISITION) {
                    arm.run();
                }
            }
        };
        IOException failure = null;
        try (Bench bench = Bench.connect(pulseAddress, smuAddress, 1, 2, DemoBench.LIMITS, wire)) {
            new CalibratedAcquisition(bench, plan, folder, wire, listener).run();
        } catch (IOException e) {
            failure = e;
        } finally {
            ended.set(true);
        }
        if (watcher[0] != null) {
            watcher[0].join(5_000);
        }
        List<PulseOutcome> writes = sim.node(0).pulseOutcomes().stream()
                .filter(o -> o.source().equals("pulse ch1")).toList();
        long since = writesAtAcquisition.get() < 0 ? 0
                : sim.pulsesDelivered("pulse", 1) - writesAtAcquisition.get();
        return new Outcome(sim, RunFolder.open(folder.dir()), failure, struck.get(),
                writes.subList(writes.size() - (int) since, writes.size()));
    }

    /** The run's confirmed bits, one int per bit, checking bits.bin holds exactly the manifest's count. */
    static int[] bits(RunFolder folder) throws IOException {
        long bits = folder.manifest().bits();
        byte[] packed = Files.readAllBytes(folder.file("bits.bin"));
        if (packed.length != (bits + 7) / 8) {
            throw new AssertionError("bits.bin holds " + packed.length + " bytes for " + bits + " bits");
        }
        int[] out = new int[(int) bits];
        for (int i = 0; i < bits; i++) {
            out[i] = (packed[i >>> 3] >> (7 - (i & 7))) & 1;
        }
        return out;
    }
}
