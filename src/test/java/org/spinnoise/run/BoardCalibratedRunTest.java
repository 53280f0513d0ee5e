package org.spinnoise.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;
import org.spinnoise.bits.SourceProvenance;
import org.spinnoise.calibration.board.BoardCalibration;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.link.WireLog;
import org.spinnoise.run.manifest.BoardCalibrationRecord;
import org.spinnoise.sim.board.BoardBenchFile;
import org.spinnoise.sim.board.BoardEmulator;

/**
 * spinnoise board --calibrate end to end on the emulator (socat pty): calibration files and manifest record, then a
 * run through a source wrapper that moves the write mid-run the way a drift tracker does (pause(), setWrite()), with
 * every bit the board sent after calibration in bits.bin once, in order.
 */
class BoardCalibratedRunTest {
    private static final BoardOperatingPoint START = new BoardOperatingPoint(0.55, 1e-8, -1.0, 1e-8, 1e-7, 31_000,
            0, 1);
    private static final double STEP_VOLTS = 0.004;

    /** A stand-in for any tracking wrapper: after {@code at} bits it pauses the source and raises the write. */
    private static final class MovesWriteOnce implements BitSource {
        private final BitSource inner;
        private final long at;
        private long seen;
        private boolean moved;

        MovesWriteOnce(BitSource inner, long at) {
            this.inner = inner;
            this.at = at;
        }

        @Override
        public BitBatch nextBatch(int maxBits) throws IOException {
            if (!moved && seen >= at) {
                inner.pause();
                inner.setWrite(inner.write().withAmplitude(inner.write().amplitudeVolts() + STEP_VOLTS));
                moved = true;
            }
            BitBatch b = inner.nextBatch(maxBits);
            seen += b.bitCount();
            return b;
        }

        @Override
        public void setWrite(PulseShape write) throws IOException {
            inner.setWrite(write);
        }

        @Override
        public PulseShape write() {
            return inner.write();
        }

        @Override
        public String describe() {
            return "moves the write once: " + inner.describe();
        }

        @Override
        public SourceProvenance provenance() {
            return inner.provenance();
        }

        @Override
        public void close() {
            inner.close();
        }
    }

    @Test
    void aCalibratedRunWritesItsCalibrationAndKeepsEveryBitAcrossAWriteMove(@TempDir Path dir) throws Exception {
        BoardAcquisition.Plan plan = new BoardAcquisition.Plan(300_000, START, 1.5, 512, 8, 0.9, Math.scalb(1.0, -30));
        RunFolder folder = RunFolder.create(dir.resolve("runs"), "board");
        BoardAcquisition.Result result;
        byte[] sent;
        double trueV50;
        try (BoardEmulator board = BoardEmulator.start(BoardBenchFile.demo(), 31, true);
             WireLog wire = new WireLog()) {
            result = new BoardAcquisition(board.address(), plan, folder, wire, new RunListener() { })
                    .withCalibration(BoardCalibration.Plan.defaults(1e-8, 2, 0.1))
                    .withSourceWrapper(s -> new MovesWriteOnce(s, 100_000))
                    .run();
            sent = board.record().intactBits();
            trueV50 = board.junction(0).v50VoltsAt(1e-8);
        }
        RunManifest manifest = RunFolder.open(folder.dir()).manifest();
        assertEquals("complete", manifest.status());
        BoardCalibrationRecord c = manifest.board().calibration();
        assertNotNull(c, "the manifest records the calibration");
        assertTrue(Math.abs(c.sweepFit().v50Volts() - trueV50) < 3 * c.sweepFit().v50StdErrVolts(),
                c.sweepFit().v50Volts() + " vs " + trueV50);
        assertTrue(c.pulses() <= 50_000, c.pulses() + " pulses");
        assertEquals(2000, c.parallelOhms(), 40);
        assertEquals(4200, c.antiparallelOhms(), 80);

        byte[] bits = Files.readAllBytes(folder.file("bits.bin"));
        int calibrationBytes = (int) (c.pulses() / 8);
        assertArrayEquals(Arrays.copyOfRange(sent, calibrationBytes, sent.length), bits,
                "after the calibration's bits, every bit the board sent, once, in order, across the restart");
        assertEquals(bits.length * 8L, manifest.stream().bitsReceived());
        assertEquals("stop", manifest.stream().endedBy());
        double lsb = 2.0 / 65535;
        assertEquals(c.sweepFit().v50Volts() + STEP_VOLTS, result.applied().writeVolts(), 2 * lsb,
                "the moved write is the one in force at the end");

        List<String> sweep = Files.readAllLines(folder.file("sweep.csv"));
        assertEquals("write_amplitude_volts,write_width_seconds,pulses,switched,fraction,fitted_probability,"
                + "band_low,band_high", sweep.get(0));
        assertEquals(14, sweep.size());
        for (String row : sweep.subList(1, sweep.size())) {
            String[] f = row.split(",");
            double fitted = Double.parseDouble(f[5]);
            assertTrue(Double.parseDouble(f[6]) <= fitted && fitted <= Double.parseDouble(f[7]), row);
        }
        List<String> threshold = Files.readAllLines(folder.file("threshold.csv"));
        assertEquals("threshold_ohms,guard_low_ohms,guard_high_ohms,parallel_ohms,parallel_sigma_ohms,"
                + "antiparallel_ohms,antiparallel_sigma_ohms,parallel_weight,read_error_rate", threshold.get(0));
        assertEquals(c.thresholdCode() * 0.1, Double.parseDouble(threshold.get(1).split(",")[0]), 1e-6);
        assertTrue(Files.readAllLines(folder.file("threshold-scan.csv")).size() > 40);
    }
}
