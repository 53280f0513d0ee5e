package org.spinnoise.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.calibration.board.BoardThresholdScan;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.BoardAcquisition;
import org.spinnoise.run.CalibratedAcquisition;
import org.spinnoise.run.RunFolder;
import org.spinnoise.run.RunListener;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;
import org.spinnoise.sim.board.CorruptionSpec;
import org.spinnoise.sim.board.SentRecord;

/**
 * One board run on the emulated pulser board over a socat pty, in process: optionally calibrated from the board's
 * own bits first, the stream damaged as a {@link CorruptionSpec} asks, and a fault struck once the board has written
 * a given number of line bytes within the stage under test. The board's own record of what it sent is the truth a
 * cell compares the run folder with.
 */
final class BoardRun {
    /** Where a calibration starts from: below the junction's V50 of 0.62 V. */
    static final BoardOperatingPoint START = new BoardOperatingPoint(0.55, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 0, 1);
    /** The demo board's junction at its V50, for runs without a calibration. */
    static final BoardOperatingPoint AT_V50 = new BoardOperatingPoint(0.62, 1e-8, -1.0, 1e-8, 1e-7, 31_000, 2_000, 1);

    /** What one board run left. */
    record Outcome(BoardEmulator board, RunFolder folder, IOException failure, boolean faultStruck,
                   SentRecord sent, double trueV50Volts) implements AutoCloseable {
        @Override
        public void close() {
            board.close();
        }
    }

    private BoardRun() {
    }

    /**
     * A run of {@code bits} on a board seeded {@code seed} with {@code damage}; calibrated first when
     * {@code calibrate}; {@code fault} strikes after {@code afterLineBytes} more bytes on the line once {@code stage}
     * begins (null: no fault).
     */
    static Outcome run(Path runs, long seed, long bits, boolean calibrate, CorruptionSpec damage, Stage stage,
                       long afterLineBytes, Consumer<BoardEmulator> fault) throws Exception {
        BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo().withCorruption(damage), seed, true);
        RunFolder folder = RunFolder.create(runs, "board-" + stage.name().toLowerCase() + "-" + seed);
        AtomicBoolean ended = new AtomicBoolean();
        AtomicBoolean struck = new AtomicBoolean();
        Thread[] watcher = new Thread[1];
        Runnable arm = () -> {
            if (fault == null || watcher[0] != null) {
                return;
            }
            long from = board.lineBytesWritten();
            watcher[0] = new Thread(() -> {
                try {
                    while (board.lineBytesWritten() < from + afterLineBytes) {
                        if (ended.get()) {
                            return;
                        }
                        Thread.sleep(1);
                    }
                } catch (InterruptedException e) {
                    return;
                }
                fault.accept(board);
                struck.set(true);
            }, "board-fault-" + stage);
            watcher[0].setDaemon(true);
            watcher[0].start();
        };
        RunListener listener = new RunListener() {
            @Override
            public void stage(String description) {
                if (stage == Stage.CALIBRATION && description.startsWith("calibrating the board")
                        || stage == Stage.ACQUISITION && description.startsWith("streaming")) {
                    arm.run();
                }
            }
        };
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(bits, calibrate ? START : AT_V50, 1.5, 512, 8, 0.9,
                Math.scalb(1.0, -30));
        IOException failure = null;
        try (WireLog wire = new WireLog()) {
            wire.recordTo(folder.file(CalibratedAcquisition.TRANSCRIPT));
            BoardAcquisition acquisition = new BoardAcquisition(board.address(), plan, folder, wire, listener);
            if (calibrate) {
                acquisition = acquisition.withCalibration(new BoardCalibration.Plan(1e-8, 9, 512, 64,
                        BoardThresholdScan.Settings.defaults(), seed, 0.1));
            }
            acquisition.run();
        } catch (IOException e) {
            failure = e;
        } finally {
            ended.set(true);
        }
        if (watcher[0] != null) {
            watcher[0].join(5_000);
        }
        return new Outcome(board, RunFolder.open(folder.dir()), failure, struck.get(), board.record(),
                board.junction(0).v50VoltsAt(1e-8));
    }
}
