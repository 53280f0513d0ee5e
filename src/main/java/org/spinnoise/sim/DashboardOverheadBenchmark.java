package org.spinnoise.sim;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.Bench;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.AcquisitionPlan;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunSummary;

/**
 * The live dashboard's cost to an acquisition, for {@code spinnoise bench acquisition}: the same calibrate-and-acquire
 * run on the demo bench with instant instrument answers (so the controller, not modelled waits, sets the pace and any
 * cost shows) with the dashboard off and on, after one run to warm up, in pairs ordered off-on, on-off, ... so a
 * machine that slows down or speeds up during the benchmark weighs on both arms alike. A run's rate is its bits over
 * its acquisition seconds (calibration excluded); the overhead is the median over the pairs of 1 - on/off, robust to
 * a burst of load from elsewhere hitting one run, and the spread of the pairs' overheads says how noisy the machine was.
 */
public final class DashboardOverheadBenchmark {
    /** What the "on" arm adds to a run: a listener for it, and whatever serves and reads the dashboard meanwhile. */
    public interface Dashboard extends AutoCloseable {
        RunListener listener();

        @Override
        void close() throws IOException;
    }

    /** Opens the "on" arm's dashboard for one run. */
    @FunctionalInterface
    public interface DashboardStart {
        Dashboard open() throws IOException;
    }

    /**
     * The figures: bits per arm and each arm's acquisition seconds, summed over its repetitions.
     */
    public record Result(int repetitions, long bitsPerRun, long offBits, double offSeconds, long onBits,
                         double onSeconds, double[] pairOverheadsPercent, double offCpuSeconds, double onCpuSeconds,
                         double[] pairCpuOverheadsPercent, double offLoopCpuSeconds, double onLoopCpuSeconds,
                         double[] pairLoopCpuOverheadsPercent, long batchesPerRun, double listenerNanosPerBatch) {
        public double offBitsPerSecond() {
            return offBits / offSeconds;
        }

        public double onBitsPerSecond() {
            return onBits / onSeconds;
        }

        /** How much slower the acquisition ran with the dashboard on, in percent (negative: faster): the pairs' median. */
        public double overheadPercent() {
            return median(pairOverheadsPercent);
        }

        /** The process's CPU time per acquired bit, in microseconds, with the dashboard off. */
        public double offCpuMicrosPerBit() {
            return 1e6 * offCpuSeconds / offBits;
        }

        public double onCpuMicrosPerBit() {
            return 1e6 * onCpuSeconds / onBits;
        }

        /**
         * The CPU time per bit the dashboard adds, in percent (the pairs' median): less at the mercy of other
         * processes than the wall-clock rate, which on a loaded machine swings more than the dashboard could cost.
         */
        public double cpuOverheadPercent() {
            return median(pairCpuOverheadsPercent);
        }

        /** The acquisition thread's own CPU time per bit, in microseconds, with the dashboard off. */
        public double offLoopCpuMicrosPerBit() {
            return 1e6 * offLoopCpuSeconds / offBits;
        }

        public double onLoopCpuMicrosPerBit() {
            return 1e6 * onLoopCpuSeconds / onBits;
        }

        /** What the dashboard adds to the acquisition thread's CPU time per bit, in percent (the pairs' median). */
        public double loopCpuOverheadPercent() {
            return median(pairLoopCpuOverheadsPercent);
        }

        /**
         * The share of the acquisition thread's CPU time the dashboard's listener takes, in percent: its measured time
         * per batch over the thread's CPU time per batch with the dashboard off. Unlike the comparisons of whole runs,
         * this is not at the mercy of the machine's load.
         */
        public double listenerSharePercent() {
            return 100 * listenerNanosPerBatch * batchesPerRun / (offLoopCpuMicrosPerBit() * 1e3 * bitsPerRun);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }

        /** The largest pair's overhead less the smallest's, in percentage points: the machine's noise. */
        public double spreadPercent() {
            return java.util.Arrays.stream(pairOverheadsPercent).max().orElse(0)
                    - java.util.Arrays.stream(pairOverheadsPercent).min().orElse(0);
        }

        /** JSON members (no braces) with units in the keys. */
        public String jsonMembers() {
            return String.format(Locale.ROOT, "\"dashboard_off_bits_per_s\":%.1f,\"dashboard_on_bits_per_s\":%.1f,"
                            + "\"dashboard_overhead_percent\":%.2f,\"dashboard_overhead_spread_percent\":%.2f,"
                            + "\"dashboard_off_cpu_us_per_bit\":%.3f,\"dashboard_on_cpu_us_per_bit\":%.3f,"
                            + "\"dashboard_cpu_overhead_percent\":%.2f,\"dashboard_off_loop_cpu_us_per_bit\":%.3f,"
                            + "\"dashboard_on_loop_cpu_us_per_bit\":%.3f,\"dashboard_loop_cpu_overhead_percent\":%.2f,"
                            + "\"dashboard_listener_ns_per_batch\":%.1f,\"dashboard_batches_per_run\":%d,"
                            + "\"dashboard_listener_share_percent\":%.5f,"
                            + "\"dashboard_repetitions\":%d,\"dashboard_bits_per_run\":%d",
                    offBitsPerSecond(), onBitsPerSecond(), overheadPercent(), spreadPercent(), offCpuMicrosPerBit(),
                    onCpuMicrosPerBit(), cpuOverheadPercent(), offLoopCpuMicrosPerBit(), onLoopCpuMicrosPerBit(),
                    loopCpuOverheadPercent(), listenerNanosPerBatch, batchesPerRun, listenerSharePercent(), repetitions,
                    bitsPerRun);
        }
    }

    private DashboardOverheadBenchmark() {
    }

    /** CPU time of every thread of this process (the simulated instruments' included), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** {@code repetitions} runs of {@code bits} per arm, interleaved; run folders go under {@code runsDir}. */
    public static Result run(long bits, int repetitions, long seed, Path runsDir, DashboardStart dashboard,
                             Consumer<String> progress) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        AcquisitionPlan plan = new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 100),
                SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 300,
                        demo.sweep().widthSeconds()),
                bits, demo.health(), seed, new AcquisitionPlan.SchemePlan("per-bit", 1, 1000));
        RunListener none = new RunListener() {
        };
        // Both arms once first, so neither pays for the JIT compiling its code inside the measured runs.
        for (Measured warm : new Measured[] {once(plan, seed, runsDir, none),
                withDashboard(plan, seed, runsDir, dashboard)}) {
            progress.accept(String.format(Locale.ROOT, "dashboard warm-up: %,d bits at %.1f bits/s (not counted)",
                    warm.summary().bits(), warm.summary().bitsPerSecond()));
        }
        long[] armBits = new long[2];
        double[] armSeconds = new double[2];
        double[] armCpu = new double[2];
        double[] pairOverheads = new double[repetitions];
        double[] pairCpuOverheads = new double[repetitions];
        double[] pairRates = new double[2];
        double[] pairCpu = new double[2];
        long batches = 0;
        double[] armLoopCpu = new double[2];
        double[] pairLoopCpuOverheads = new double[repetitions];
        double[] pairLoopCpu = new double[2];
        for (int i = 0; i < 2 * repetitions; i++) {
            // off, on, on, off, off, on, ...: each pair's order alternates
            boolean on = (i % 2 == 1) == (i / 2 % 2 == 0);
            Measured m = on ? withDashboard(plan, seed, runsDir, dashboard) : once(plan, seed, runsDir, none);
            batches = m.batches();
            RunSummary s = m.summary();
            int arm = on ? 1 : 0;
            armBits[arm] += s.bits();
            armSeconds[arm] += s.seconds();
            armCpu[arm] += m.cpuSeconds();
            pairRates[arm] = s.bitsPerSecond();
            pairCpu[arm] = m.cpuSeconds() / s.bits();
            armLoopCpu[arm] += m.loopCpuSeconds();
            pairLoopCpu[arm] = m.loopCpuSeconds() / s.bits();
            if (i % 2 == 1) {
                pairOverheads[i / 2] = 100 * (1 - pairRates[1] / pairRates[0]);
                pairCpuOverheads[i / 2] = 100 * (pairCpu[1] / pairCpu[0] - 1);
                pairLoopCpuOverheads[i / 2] = 100 * (pairLoopCpu[1] / pairLoopCpu[0] - 1);
            }
            progress.accept(String.format(Locale.ROOT, "dashboard %s: %,d bits at %.1f bits/s, CPU per bit %.2f µs "
                            + "(process), %.2f µs (acquisition thread)", on ? "on " : "off", s.bits(), s.bitsPerSecond(),
                    1e6 * m.cpuSeconds() / s.bits(), 1e6 * m.loopCpuSeconds() / s.bits()));
        }
        return new Result(repetitions, bits, armBits[0], armSeconds[0], armBits[1], armSeconds[1], pairOverheads,
                armCpu[0], armCpu[1], pairCpuOverheads, armLoopCpu[0], armLoopCpu[1], pairLoopCpuOverheads, batches,
                listenerNanosPerBatch(dashboard));
    }

    /**
     * The time the "on" arm's listener takes to note one batch, called in a tight loop on this thread while its
     * dashboard runs (sampler, server and client included), after a warm-up.
     */
    private static double listenerNanosPerBatch(DashboardStart start) throws IOException {
        final int calls = 2_000_000;
        try (Dashboard d = start.open()) {
            RunListener listener = d.listener();
            listener.acquisitionStarting(Long.MAX_VALUE);
            for (int i = 0; i < calls; i++) {
                listener.recorded(1000L * i, 1000, 500, Long.MAX_VALUE);
            }
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                listener.recorded(1000L * i, 1000, 500, Long.MAX_VALUE);
            }
            return (double) (System.nanoTime() - t0) / calls;
        }
    }

    /**
     * A run's summary, and from the start of its acquisition to its end the process's CPU seconds and those of the
     * thread that ran it (the acquisition loop's, which calls the listeners), and the batches the engine handed over.
     */
    private record Measured(RunSummary summary, double cpuSeconds, double loopCpuSeconds, long batches) {
    }

    private static Measured withDashboard(AcquisitionPlan plan, long seed, Path runsDir, DashboardStart start)
            throws IOException {
        try (Dashboard d = start.open()) {
            return once(plan, seed, runsDir, d.listener());
        }
    }

    private static Measured once(AcquisitionPlan plan, long seed, Path runsDir, RunListener listener)
            throws IOException {
        long[] cpuAtStart = new long[2];
        long[] batches = new long[1];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        RunListener marked = RunListener.all(new RunListener() {
            @Override
            public void acquisitionStarting(long totalBits) {
                cpuAtStart[0] = processCpuNanos();
                cpuAtStart[1] = threads.getCurrentThreadCpuTime();
            }

            @Override
            public void recorded(long bitsSoFar, long batchBits, long batchOnes, long totalBits) {
                batches[0]++;
            }
        }, listener);
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), seed); WireLog wire = new WireLog()) {
            bench.waitModelledTimes(false);
            RunFolder folder = RunFolder.create(runsDir, "bench-dashboard");
            try (Bench connected = Bench.connect(bench.address("pulse"), bench.address("smu"),
                    plan.wiring().writeChannel(), plan.wiring().resetChannel(), plan.limits(), wire)) {
                RunSummary summary = new CalibratedAcquisition(connected, plan, folder, wire, marked).run();
                return new Measured(summary, (processCpuNanos() - cpuAtStart[0]) / 1e9,
                        (threads.getCurrentThreadCpuTime() - cpuAtStart[1]) / 1e9, batches[0]);
            }
        }
    }
}
