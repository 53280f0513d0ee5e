package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.link.WireLog;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunSummary;

/**
 * The second half of {@code spinnoise bench acquisition}: for each SMU model spinnoise drives, on its timing-modelled
 * bench (a Trueform pulse generator cabled to the SMU's trigger line), a whole calibrate-and-acquire run in the
 * per-bit scheme and one in the hardware-paced batched scheme, through the real drivers and run engine. Calibration
 * answers at once; the acquisition waits the instruments' modelled times. Each scheme's measured rate is set beside
 * the rate its modelled instrument time allows: for the batched scheme that is the SMU's modelled cycle per bit
 * (settle after the edge plus one reading, the manual's timing), the limit no host could beat.
 */
public final class SchemeComparison {
    /** The bench of each SMU model, shipped with spinnoise under {@code mock-instruments/benches}. */
    static final List<String> BENCHES = List.of("demo", "trueform-2400", "trueform-2602b", "trueform-b2901a");
    /** Bits per hardware batch: within every model's buffer (the 2400's 2,500 readings is the smallest). */
    static final int BATCH_BITS = 2000;

    /** One scheme's run: bits, wall time of the acquisition, modelled instrument time, host round trips. */
    public record SchemeRun(long bits, double measuredSeconds, double modelledSeconds, long roundTrips) {
        public double measuredBitsPerSecond() {
            return bits / measuredSeconds;
        }

        /** The rate the modelled instrument time allows. */
        public double limitBitsPerSecond() {
            return bits / modelledSeconds;
        }

        public double percentOfLimit() {
            return 100 * measuredBitsPerSecond() / limitBitsPerSecond();
        }

        public double roundTripsPerBit() {
            return (double) roundTrips / bits;
        }
    }

    /** Both schemes on one SMU model's bench. */
    public record ModelRun(String bench, String smuModel, SchemeRun perBit, SchemeRun batched) {
        /** How many times faster the batched scheme makes bits than the per-bit one, as measured. */
        public double factor() {
            return batched.measuredBitsPerSecond() / perBit.measuredBitsPerSecond();
        }

        /** The model's name as a JSON key part, e.g. "keithley_2450". */
        public String key() {
            return smuModel.replace('-', '_');
        }
    }

    private SchemeComparison() {
    }

    /** Runs both schemes on every SMU model's bench; run folders go under {@code runsDir}. */
    public static List<ModelRun> run(long perBitBits, long batchedBits, double nplc, double settleMarginSeconds,
                                     long seed, Path runsDir, Consumer<String> progress, Progress acquiring)
            throws IOException {
        List<ModelRun> runs = new ArrayList<>();
        for (String benchName : BENCHES) {
            BenchFile file = BenchFile.fromClasspath(benchName);
            String smuModel = file.instruments().get("smu").model();
            progress.accept(smuModel + " (bench " + benchName + "): per-bit scheme, " + perBitBits + " bits");
            SchemeRun perBit = once(file, "per-bit", perBitBits, nplc, settleMarginSeconds, seed, runsDir, acquiring);
            progress.accept(smuModel + " (bench " + benchName + "): batched scheme, " + batchedBits + " bits");
            SchemeRun batched = once(file, "batched", batchedBits, nplc, settleMarginSeconds, seed, runsDir, acquiring);
            runs.add(new ModelRun(benchName, smuModel, perBit, batched));
        }
        return runs;
    }

    /** One calibrate-and-acquire run in one scheme, the acquisition with modelled waits. */
    private static SchemeRun once(BenchFile file, String scheme, long bits, double nplc, double settleMarginSeconds,
                                  long seed, Path runsDir, Progress acquiring) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        int batchBits = (int) Math.min(bits, BATCH_BITS);
        AcquisitionPlan plan = new AcquisitionPlan(demo.limits(), demo.wiring(),
                new ReadBias(demo.read().biasVolts(), demo.read().currentLimitAmps(), nplc), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 100),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 300,
                        demo.sweep().widthSeconds()),
                bits, demo.health(), seed, new AcquisitionPlan.SchemePlan(scheme, 1, batchBits,
                        settleMarginSeconds));
        try (SimulatedBench bench = SimulatedBench.start(file, seed); WireLog wire = new WireLog()) {
            bench.waitModelledTimes(false);
            double[] modelledAtStart = new double[1];
            RunListener listener = new RunListener() {
                @Override
                public void acquisitionStarting(long totalBits) {
                    modelledAtStart[0] = modelledSeconds(bench);
                    bench.waitModelledTimes(true);
                    acquiring.begin(scheme + " on " + file.name(), totalBits, "bit");
                }

                @Override
                public void acquired(long got, long totalBits) {
                    acquiring.advance(got);
                }
            };
            RunFolder folder = RunFolder.create(runsDir, "bench-" + scheme + "-" + file.name());
            RunSummary summary;
            try (Bench connected = Bench.connect(bench.address("pulse"), bench.address("smu"),
                    plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
                summary = new CalibratedAcquisition(connected, plan, folder, wire, listener).run();
            } finally {
                acquiring.end();
            }
            return new SchemeRun(summary.bits(), summary.seconds(), modelledSeconds(bench) - modelledAtStart[0],
                    summary.roundTrips());
        }
    }

    private static double modelledSeconds(SimulatedBench bench) {
        return bench.modelledSeconds("pulse") + bench.modelledSeconds("smu");
    }
}
