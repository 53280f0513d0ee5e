package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.link.Link;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunSummary;

/**
 * Core of {@code spinnoise bench acquisition}: the per-bit bench scheme (reset, write, read, threshold, one error
 * check per batch) through the real drivers and run engine against the demo bench with the instruments' timing
 * modelled from their manuals. Calibration runs with instant answers; at the start of the acquisition the bench
 * switches to modelled waits, and the rate the model allows (bits over the modelled instrument time booked during
 * the acquisition) is set beside the rate measured in the same run. Their gap is the controller's overhead:
 * drivers, transport, recording, health tests. A baseline taken in the same run, one exchange over the bare link,
 * separates the transport (on loopback mostly the wake-ups of the two threads) from the controller's own work.
 */
public final class AcquisitionBenchmark {
    /** Bits of the baseline: the same two exchanges per bit over bare links. */
    private static final int BASELINE_BITS = 300;

    /**
     * The figures; times in seconds. The baseline is the same scheme over bare links (no SCPI session, driver,
     * recording or health tests) against the same instruments with the same modelled waits: its time beyond the
     * modelled time per bit, {@code linkOverheadSecondsPerBit}, is the transport's share, on loopback mostly the
     * wake-ups of two threads after each wait.
     */
    public record Result(long bits, double nplc, double measuredSeconds, double modelledSeconds, long roundTrips,
                         double linkOverheadSecondsPerBit) {
        public double measuredBitsPerSecond() {
            return bits / measuredSeconds;
        }

        public double modelledBitsPerSecond() {
            return bits / modelledSeconds;
        }

        /** Controller overhead as a share of the modelled time, in percent. */
        public double overheadPercent() {
            return 100 * (measuredSeconds - modelledSeconds) / modelledSeconds;
        }

        /** The overhead left once the bare links' overhead for the same bits is taken out, in percent. */
        public double overheadBeyondLinkPercent() {
            return 100 * (measuredSeconds - modelledSeconds - bits * linkOverheadSecondsPerBit) / modelledSeconds;
        }

        /** One line of JSON with units in the keys. */
        public String json() {
            return String.format(Locale.ROOT, "{\"bench\":\"acquisition\",\"measured_bits_per_s\":%.1f,"
                            + "\"modelled_bits_per_s\":%.1f,\"controller_overhead_percent\":%.2f,"
                            + "\"overhead_beyond_link_percent\":%.2f,\"bare_link_overhead_ms_per_bit\":%.4f,"
                            + "\"modelled_ms_per_bit\":%.4f,\"measured_ms_per_bit\":%.4f,\"round_trips_per_bit\":%.3f,"
                            + "\"bits\":%d,\"nplc\":%s}",
                    measuredBitsPerSecond(), modelledBitsPerSecond(), overheadPercent(), overheadBeyondLinkPercent(),
                    1e3 * linkOverheadSecondsPerBit, 1e3 * modelledSeconds / bits, 1e3 * measuredSeconds / bits,
                    (double) roundTrips / bits, bits, nplc);
        }
    }

    private AcquisitionBenchmark() {
    }

    /**
     * Calibrates at once, then acquires {@code bits} with modelled waits at the read integration {@code nplc}; the
     * run's folder goes under {@code runsDir}.
     */
    public static Result run(long bits, double nplc, long seed, Path runsDir, Consumer<String> progress,
                             Progress acquiring) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        AcquisitionPlan plan = new AcquisitionPlan(demo.limits(), demo.wiring(),
                new ReadBias(demo.read().biasVolts(), demo.read().currentLimitAmps(), nplc), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 100),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 300,
                        demo.sweep().widthSeconds()),
                bits, demo.health(), seed, new AcquisitionPlan.SchemePlan("per-bit", 1, 1000));
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), seed);
             WireLog wire = new WireLog()) {
            bench.waitModelledTimes(false);
            double[] modelledAtStart = new double[1];
            RunListener listener = new RunListener() {
                @Override
                public void stage(String description) {
                    progress.accept(description);
                }

                @Override
                public void acquisitionStarting(long totalBits) {
                    modelledAtStart[0] = modelledSeconds(bench);
                    bench.waitModelledTimes(true);
                    acquiring.begin("per-bit acquisition", totalBits, "bit");
                }

                @Override
                public void acquired(long got, long totalBits) {
                    acquiring.advance(got);
                }
            };
            RunFolder folder = RunFolder.create(runsDir, "bench-acquisition");
            RunSummary summary;
            try (Bench connected = Bench.connect(bench.address("pulse"), bench.address("smu"),
                    plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
                summary = new CalibratedAcquisition(connected, plan, folder, wire, listener).run();
            } finally {
                acquiring.end();
            }
            double modelled = modelledSeconds(bench) - modelledAtStart[0];
            double linkOverhead = bareLinkOverheadSecondsPerBit(bench);
            progress.accept(String.format(Locale.ROOT, "baseline: the same exchanges over bare links, %.3f ms per bit "
                    + "beyond the modelled time", linkOverhead * 1e3));
            return new Result(summary.bits(), nplc, summary.seconds(), modelled, summary.roundTrips(), linkOverhead);
        }
    }

    /**
     * The bit scheme's two exchanges (fire both channels and wait, read) over bare links with the instruments still
     * waiting their modelled times: the time per bit beyond the modelled time. The run has ended, so the outputs are
     * off, but a read books its integration and a trigger its burst all the same.
     */
    private static double bareLinkOverheadSecondsPerBit(SimulatedBench bench) throws IOException {
        try (Link pulse = Links.open(bench.address("pulse")); Link smu = Links.open(bench.address("smu"))) {
            Duration timeout = Duration.ofSeconds(2);
            double modelledBefore = modelledSeconds(bench);
            long t0 = System.nanoTime();
            for (int bit = 0; bit < BASELINE_BITS; bit++) {
                pulse.writeLine(":TRIG2;*WAI;:TRIG1;*WAI;*OPC?");
                pulse.readLine(timeout);
                smu.writeLine(":READ?");
                smu.readLine(timeout);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            return (elapsed - (modelledSeconds(bench) - modelledBefore)) / BASELINE_BITS;
        }
    }

    private static double modelledSeconds(SimulatedBench bench) {
        return bench.modelledSeconds("pulse") + bench.modelledSeconds("smu");
    }
}
