package org.spinnoise.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.calibration.TrackingPlan;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.run.RunManifest;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * The board emulator (demo board bench) on the path a lab runs: {@link BoardAcquisition} with the board calibration
 * from bits ({@link BoardCalibration}: threshold scans, locating probes, switching sweep; its pulses are the figure),
 * then the stream with drift tracking on (the acquisition's {@code DriftTracker} over the board's own bit source,
 * moving the write by STOP, CONFIGURE and START) and, on a fresh board with the same seed, off. The window biases are
 * read back from the run folder's {@code bits.bin}, the moves from its {@code tracking.csv}, the health tests and
 * calibration from its manifest. The junctions drift on the board's modelled clock ({@code modelledClock}): pulse
 * cycles fired (one reset and write per bit, calibration included) over the board's stated pulse rate, so at the demo
 * board's 2·10^8 cycles/s a 10^6-bit window is 5 ms of the board's time and drift barely moves within a board run:
 * the point the figures make beside the bench's.
 */
final class BoardTrackingSection implements CalibrationBenchmark.Section {
    private static final Logger LOG = LoggerFactory.getLogger(BoardTrackingSection.class);
    /** Where the run starts before calibration moves it: the demo board's nominal point. */
    private static final BoardOperatingPoint START =
            new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);
    private static final double MAX_JUNCTION_VOLTS = 1.5;
    /**
     * Acquisition frames as {@code spinnoise board} streams them by default: 4 KiB payloads, 64 in flight (a tracked
     * run lowers that to keep the bits in flight under 1/8 of a tracking window).
     */
    private static final int PAYLOAD_BYTES = 4096;
    private static final int WINDOW_FRAMES = 64;

    @Override
    public String timeAxis() {
        return "the board's modelled clock: pulse cycles fired (one reset and write per bit, calibration included) / the board's stated 2e8 cycles per second";
    }

    @Override
    public String name() {
        return "board";
    }

    @Override
    public List<CalibrationBenchmark.Case> run(CalibrationBenchmark.Settings settings, Consumer<String> progress)
            throws IOException {
        List<CalibrationBenchmark.Case> cases = new ArrayList<>();
        for (double drift : settings.driftVoltsPerHour()) {
            Outcome on = run(settings, drift, true, progress);
            Outcome off = run(settings, drift, false, progress);
            cases.add(new CalibrationBenchmark.Case(name(), "reset-write stream", drift, settings.boardWindowBits(),
                    on.secondsPerBit, on.calibrationPulses, on.run, off.run));
        }
        return cases;
    }

    private record Outcome(CalibrationBenchmark.Run run, double secondsPerBit, long calibrationPulses) {
    }

    private Outcome run(CalibrationBenchmark.Settings settings, double drift, boolean tracked,
                        Consumer<String> progress) throws IOException {
        BoardBenchFile demo = DriftingJunctions.withDrift(BoardBenchFile.demo(), drift);
        BoardBenchFile bench = new BoardBenchFile(demo.source(), demo.name(), demo.seed(),
                demo.board().withModelledClock(true), demo.corruption(), demo.junctions());
        double secondsPerBit = 1.0 / bench.board().pulsesPerSecond();
        long bits = settings.boardWindowBits() * settings.boardWindows();
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(bits, START, MAX_JUNCTION_VOLTS, PAYLOAD_BYTES,
                WINDOW_FRAMES, 0.9, Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(settings.scratch(), "board-" + (tracked ? "tracked" : "untracked"));
        double junctionV50;
        long cyclesFired;
        try (BoardEmulator board = BoardEmulator.start(bench, settings.seed());
             WireLog wire = new WireLog()) {
            junctionV50 = board.junction(0).v50VoltsAt(START.writeWidthSeconds());
            BoardAcquisition run = new BoardAcquisition(board.address(), plan, folder, wire, new RunListener() {
            }).withCalibration(BoardCalibration.Plan.defaults(START.writeWidthSeconds(), settings.seed(),
                    bench.board().ohmsPerReadCode()));
            if (tracked) {
                run.withTracking(TrackingPlan.DEFAULT);
            }
            try {
                run.run();
            } catch (IOException | RuntimeException e) {
                // The manifest says how far the run got and why it ended; the figures are read from it.
                LOG.info("bench calibration: board run ({}) ended: {}", tracked ? "tracked" : "untracked",
                        e.getMessage());
            }
            cyclesFired = board.pulsesFired();
        }
        RunManifest m = RunFolder.open(folder.dir()).manifest();
        long calibrationPulses = m.board() == null || m.board().calibration() == null ? -1
                : m.board().calibration().pulses();
        long got = m.acquisition() == null ? 0 : m.acquisition().bits();
        Path bitsFile = folder.dir().resolve("bits.bin");
        List<Double> bias = Files.exists(bitsFile) ? CalibrationBenchmark.windowBias(Files.readAllBytes(bitsFile),
                got, settings.boardWindowBits()) : List.of();
        long moves = 0;
        Path tracking = folder.dir().resolve(BoardAcquisition.TRACKING_FILE);
        if (Files.exists(tracking)) {
            moves = Files.readAllLines(tracking).stream().skip(1).filter(r -> r.endsWith(",1")).count();
        }
        boolean healthPassed = m.acquisition() != null && m.acquisition().healthPassed();
        progress.accept(String.format(Locale.ROOT, "board: V50 drifting %.0f mV/h, tracking %s: calibration %,d "
                        + "pulses, fit V50 %s V (junction's %.4f V at the start); %,d bits, %.4f s of the board's "
                        + "modelled time in all (%,d pulse cycles at %.0f ns each); %s", 1e3 * drift,
                tracked ? "on" : "off", calibrationPulses, m.board() == null || m.board().calibration() == null
                        ? "-" : String.format(Locale.ROOT, "%.4f", m.board().calibration().sweepFit().v50Volts()),
                junctionV50, got, cyclesFired * secondsPerBit, cyclesFired, 1e9 * secondsPerBit, m.run().status()));
        return new Outcome(new CalibrationBenchmark.Run(tracked, bias, healthPassed, moves, m.run().status(),
                m.run().error()), secondsPerBit, calibrationPulses);
    }
}
