package org.spinnoise.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.Callable;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.bits.OperatingPoint;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.entropy.HealthTestReport;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.firmware.StreamReport;
import org.spinnoise.run.AcquisitionLauncher;
import org.spinnoise.progress.Progress;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunManifest;
import org.spinnoise.run.RunStopper;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.run.manifest.BoardSection;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spinnoise board}: streams bits from a pulser board (or, with {@code --emulate}, from the board emulator
 * started in-process on a pseudo-terminal) into a run folder, then assesses them and ingests them into the pool.
 * The operating point comes from the options, from a calibrated run's manifest ({@code --run}), or from
 * calibrating the board from its bits first ({@code --calibrate}: threshold scans and switching sweep, see
 * calibration/board-calibration.md).
 */
@Command(name = "board",
        description = "Stream raw bits from a pulser board into a run folder and the pool.",
        footerHeading = "%nExamples:%n",
        footer = {
                "  spinnoise board --emulate --bits 1000000 --no-pool",
                "  spinnoise board --emulate --calibrate --track --bits 20000000",
                "  spinnoise board --emulate --junctions 15 --calibrate --bits 4000000 \\",
                "      --bench mock-instruments/benches/demo-board-array.json --no-pool",
                "  spinnoise board --address 'ASRL/dev/ttyACM0::INSTR?baud=3000000' \\",
                "      --run runs/20261207-041500-acquire   # pulses of a calibrated run"})
final class BoardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    PoolOptions pool;

    @Option(names = "--address", paramLabel = "ADDRESS",
            description = "The board's address, e.g. ASRL/dev/ttyACM0::INSTR?baud=3000000 (or --emulate).")
    String address;

    @Option(names = "--emulate", description = "Start the board emulator on a pseudo-terminal and stream from it.")
    boolean emulate;

    @Option(names = "--bench", paramLabel = "FILE",
            description = "Board bench file for --emulate (default: the built-in demo board).")
    Path boardBench;

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed of the emulated board; the same seed streams the same bits, which a pool "
            + "takes only once (default: a fresh seed each run, printed).")
    Long seed;

    @OptionRange(min = 8)
    @Option(names = "--bits", paramLabel = "N", defaultValue = "10000000",
            description = "Bits to stream (default: ${DEFAULT-VALUE}).")
    long bits;

    @OptionRange(min = 0, max = SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS)
    @Option(names = "--write-volts", paramLabel = "VOLTS", defaultValue = "0.62",
            description = "Write pulse amplitude, near the junction's V50 (default: ${DEFAULT-VALUE}).")
    double writeVolts;

    @OptionRange(min = 1e-11, max = 1)
    @Option(names = "--write-width", paramLabel = "SECONDS", defaultValue = "1e-8",
            description = "Write pulse width, s (default: ${DEFAULT-VALUE}).")
    double widthSeconds;

    @OptionRange(min = -SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS, max = 0, maxExclusive = true)
    @Option(names = "--reset-volts", paramLabel = "VOLTS", defaultValue = "-1.0",
            description = "Reset pulse amplitude, negative (default: ${DEFAULT-VALUE}).")
    double resetVolts;

    @OptionRange(min = 1e-11, max = 1)
    @Option(names = "--reset-width", paramLabel = "SECONDS", defaultValue = "1e-8",
            description = "Reset pulse width, s (default: ${DEFAULT-VALUE}).")
    double resetWidthSeconds;

    @Option(names = "--run", paramLabel = "RUN",
            description = "Take the write and reset pulses from a calibrated run's manifest (calibration.operating_point).")
    Path fromRun;

    @OptionRange(min = 0, max = 1)
    @Option(names = "--read-delay", paramLabel = "SECONDS", defaultValue = "1e-7",
            description = "Write-to-read delay, s (default: ${DEFAULT-VALUE}).")
    double readDelaySeconds;

    @OptionRange(min = 0, max = 65535)
    @Option(names = "--threshold-code", paramLabel = "CODE", defaultValue = "31000",
            description = "Comparator threshold, read-DAC code (default: ${DEFAULT-VALUE}, the demo board's midpoint).")
    int thresholdCode;

    @OptionRange(min = 0, max = 65535)
    @Option(names = "--guard-codes", paramLabel = "CODES", defaultValue = "2000",
            description = "Guard band around the threshold, read-DAC codes (default: ${DEFAULT-VALUE}).")
    int guardCodes;

    @OptionRange(min = 1, max = 0xFFFF_FFFFL)
    @Option(names = "--junctions", paramLabel = "MASK", defaultValue = "1",
            description = "Junction mask (default: ${DEFAULT-VALUE}, junction 0); several bits: a junction array, each "
            + "junction calibrated, tracked and health-tested on its own, a failing one dropped and reported.")
    long junctionMask;

    @OptionRange(min = 0, minExclusive = true, max = SafetyLimits.PLAUSIBLE_MAX_JUNCTION_VOLTS)
    @Option(names = "--max-volts", paramLabel = "VOLTS", defaultValue = "1.5",
            description = "Safety limit on any pulse across the junction, V (default: ${DEFAULT-VALUE}).")
    double maxVolts;

    @OptionRange(min = 19, max = 4096)
    @Option(names = "--payload-bytes", paramLabel = "BYTES", defaultValue = "4096",
            description = "STREAM payload bytes; 4096 keeps framing under 1.2%% (default: ${DEFAULT-VALUE}).")
    int payloadBytes;

    @OptionRange(min = 2, max = 65535)
    @Option(names = "--window", paramLabel = "FRAMES", defaultValue = "64",
            description = "Frames in flight (credit window; default: ${DEFAULT-VALUE}).")
    int windowFrames;

    @OptionRange(min = 0, minExclusive = true, max = 1)
    @Option(names = "--claimed-entropy", paramLabel = "BITS", defaultValue = "0.9",
            description = "Min-entropy per raw bit the health tests assume (default: ${DEFAULT-VALUE}).")
    double claimedEntropy;

    @Option(names = "--calibrate",
            description = "Calibrate the board from its bits first (threshold scans of P and AP, "
            + "switching sweep in write-DAC steps) and stream at the fitted V50 with the placed comparator; "
            + "--write-volts, --threshold-code and --guard-codes are then only the starting point.")
    boolean calibrate;

    @Option(names = "--track", description = "With --calibrate: hold p = 1/2 while streaming; the write amplitude "
            + "moves in bounded steps (STOP, CONFIGURE, START between frames) when the bias is significant, every "
            + "estimate and move in tracking.csv; a junction that leaves its calibrated range stops the run.")
    boolean track;

    @OptionRange(min = 0, minExclusive = true)
    @Option(names = "--ohms-per-read-code", paramLabel = "OHMS",
            description = "The board's read front end: ohms per comparator code (read DAC volts per code over the read "
                    + "current). The protocol does not carry it; with it the calibration reports R_P and R_AP in ohms "
                    + "and writes threshold.csv (with --emulate: the bench file's value).")
    Double ohmsPerReadCode;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs",
            description = "Parent folder of run folders (default: ${DEFAULT-VALUE}).")
    Path runsDir;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "board",
            description = "Name part of the run folder (default: ${DEFAULT-VALUE}).")
    String name;

    @Mixin
    DashboardOptions dashboard;

    @Override
    public Integer call() throws IOException {
        // A pool another process holds is refused before any pulse (issue 18, defect 6).
        pool.checkAvailable(false, "board");
        try (LiveDashboard live = LiveDashboard.forRuns(spec.commandLine().getOut(), dashboard, "spinnoise board",
                pool.poolDir)) {
            return board();
        }
    }

    private Integer board() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (emulate == (address != null)) {
            throw new IllegalArgumentException("give the board's --address, or --emulate (not both)");
        }
        if (track && !calibrate) {
            throw new IllegalArgumentException("--track starts from the calibration's fitted V50 and ΔV: add --calibrate");
        }
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(bits, operatingPoint(), maxVolts, payloadBytes,
                windowFrames, claimedEntropy, Math.scalb(1.0, -30));
        if (!emulate) {
            if (Long.bitCount(junctionMask) > 1) {
                return BoardArrayOutput.run(out, ProgressMode.of(spec), address, plan, runsDir, name, calibrate,
                        track, widthSeconds,
                        ohmsPerReadCode, pool, null);
            }
            return acquire(out, address, plan, ohmsPerReadCode);
        }
        BoardBenchFile bench = boardBench == null ? BoardBenchFile.demo() : BoardBenchFile.read(boardBench);
        // The bench file's seed would stream the same bits on every run, and a pool refuses bits it has taken.
        long boardSeed = seed != null ? seed : new SecureRandom().nextLong();
        // Held while the emulator runs, so a signal leaves it answering until the run's STOP is acknowledged, and its
        // pseudo-terminal (a socat process) is closed before the JVM exits.
        try (RunStopper.Active emulatorRunning = ShutdownStop.stopper().enter();
             BoardEmulator board = BoardEmulator.start(bench, boardSeed)) {
            out.printf("emulated board %s on %s (seed %d, --seed repeats it; junction 0: V50 %.4f V, dV %.4f V)%n",
                    bench.name(), board.address(), boardSeed, board.junction(0).v50Volts(),
                    board.junction(0).deltaVolts());
            Double ohms = ohmsPerReadCode != null ? ohmsPerReadCode : bench.board().ohmsPerReadCode();
            if (Long.bitCount(junctionMask) > 1) {
                return BoardArrayOutput.run(out, ProgressMode.of(spec), board.address(), plan, runsDir, name,
                        calibrate, track, widthSeconds,
                        ohms, pool, trueV50(board, bench));
            }
            return acquire(out, board.address(), plan, ohms);
        }
    }

    /** The emulated junctions' true V50 at the write width, printed beside each fit. */
    private java.util.List<Double> trueV50(BoardEmulator board, BoardBenchFile bench) {
        java.util.List<Double> v50 = new java.util.ArrayList<>();
        for (int j = 0; j < bench.junctions().size(); j++) {
            v50.add(board.junction(j).v50VoltsAt(widthSeconds));
        }
        return v50;
    }

    private BoardOperatingPoint operatingPoint() throws IOException {
        double write = writeVolts;
        double width = widthSeconds;
        double reset = resetVolts;
        double resetWidth = resetWidthSeconds;
        if (fromRun != null) {
            RunManifest manifest = RunFolder.open(fromRun).manifest();
            OperatingPoint point = manifest.calibration() == null ? null : manifest.calibration().operatingPoint();
            if (point == null) {
                throw new IOException(fromRun + " has no calibration.operating_point in its manifest; give a run "
                        + "made by 'spinnoise demo' or 'spinnoise acquire'");
            }
            write = point.write().amplitudeVolts();
            width = point.write().widthSeconds();
            reset = point.reset().amplitudeVolts();
            resetWidth = point.reset().widthSeconds();
        }
        return new BoardOperatingPoint(write, width, reset, resetWidth, readDelaySeconds, thresholdCode, guardCodes,
                junctionMask);
    }

    private int acquire(PrintWriter out, String boardAddress, BoardAcquisition.Plan plan, Double ohmsPerCode)
            throws IOException {
        Progress progress = ProgressMode.of(spec);
        BoardAcquisition.Result result = AcquisitionLauncher.board(RunOutput.launch(out, progress, runsDir, name),
                boardAddress,
                plan, calibrate ? BoardCalibration.Plan.defaults(widthSeconds, new SecureRandom().nextLong(),
                        ohmsPerCode) : null, track ? TrackingPlan.DEFAULT : null);
        print(out, result);
        BoardSection board = RunFolder.open(result.folder()).manifest().board();
        if (board != null && board.calibration() != null) {
            printCalibration(out, board.calibration());
        }
        RunOutput.afterRun(out, progress, result.folder(), result.healthPassed(), List.of(), pool, plan.alpha());
        return result.healthPassed() ? 0 : OneLineErrors.FAILURE;
    }

    private static void printCalibration(PrintWriter out, BoardCalibrationRecord c) {
        out.printf("calibration    P reads %.1f ± %.1f codes (sigma %.1f), AP %.1f ± %.1f codes (sigma %.1f), "
                        + "TMR %.3f%n", c.parallel().meanCode(), c.parallel().meanStdErrCodes(),
                c.parallel().sigmaCodes(), c.antiparallel().meanCode(), c.antiparallel().meanStdErrCodes(),
                c.antiparallel().sigmaCodes(), c.tmr());
        if (c.parallelOhms() != null) {
            out.printf("               R_P %.1f ohm, R_AP %.1f ohm (at %.4g ohm per read code)%n", c.parallelOhms(),
                    c.antiparallelOhms(), c.ohmsPerReadCode());
        } else {
            out.printf("               R_P, R_AP unknown in ohms: give --ohms-per-read-code (read DAC %.4g V per "
                    + "code)%n", c.readVoltsPerCode());
        }
        out.printf("               threshold code %d ± %d, read error rate %.3g; V50 %.5f V ± %.5f, dV %.5f V "
                        + "(fit p-value %s)%n", c.thresholdCode(), c.guardBandCodes(), c.readErrorRate(),
                c.sweepFit().v50Volts(), c.sweepFit().v50StdErrVolts(), c.sweepFit().deltaVolts(),
                c.sweepFitPValue() == null ? "n/a" : String.format("%.3g", c.sweepFitPValue()));
        out.printf("               %,d pulses: %s%n", c.pulses(), c.pulsesByStage());
        out.flush();
    }

    private static void print(PrintWriter out, BoardAcquisition.Result r) {
        StreamReport s = r.stream();
        out.println();
        out.printf("board          %s, firmware %s, protocol %d, %d junction(s), %d-bit DAC to %.3f V%n",
                r.board().serial(), r.board().firmware(), r.board().version(), r.board().junctions(),
                r.board().writeDacBits(), r.board().writeDacFullScaleMillivolts() / 1000.0);
        out.printf("applied        write %.4f V / %.3g s, reset %.4f V / %.3g s, threshold code %d ± %d%n",
                r.applied().writeVolts(), r.applied().writeWidthSeconds(), r.applied().resetVolts(),
                r.applied().resetWidthSeconds(), r.applied().thresholdCode(), r.applied().guardBandCodes());
        out.printf("bits           %,d, ones %.4f (bias %+.4f)%n", r.bits(), (double) r.ones() / r.bits(), r.bias());
        out.printf("rate           %,.0f bits/s over %.2f s; framing overhead %.2f%%%n", r.bits() / r.seconds(),
                r.seconds(), s.overheadPercent());
        out.printf("stream         %,d frames; %d corrupt, %d missing, %d duplicate, %,d bits missing; "
                        + "%,d ambiguous reads%n", s.framesReceived(), s.corruptFrames(), s.missingFrames(),
                s.duplicateFrames(), s.missingBits(), s.ambiguousReads());
        for (HealthTestReport h : r.health()) {
            out.printf("health         %s: cutoff %d, worst %d, failures %d%n", h.test(), h.cutoff(),
                    h.worstObserved(), h.failures());
        }
        out.printf("health tests   %s%n", r.healthPassed() ? "passed" : "FAILED (see manifest.json)");
        out.printf("run folder     %s%n", r.folder());
        out.flush();
    }
}
