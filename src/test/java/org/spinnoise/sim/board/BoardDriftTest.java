package org.spinnoise.sim.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BoardBitSource;
import org.spinnoise.firmware.BoardClient;
import org.spinnoise.firmware.BoardOperatingPoint;
import org.spinnoise.link.WireLog;
import org.spinnoise.sim.JunctionSpec;

/**
 * The emulated board's junctions drift by its modelled clock (pulses fired / pulse rate), frame by frame: at a fixed
 * write the fraction of ones follows the sigmoid at the V50 the drift has reached by each bit, whatever the machine's
 * speed.
 */
class BoardDriftTest {
    private static final double PULSES_PER_SECOND = 100_000;
    private static final double DRIFT_VOLTS_PER_SECOND = 0.01;

    @Test
    void atAFixedWriteTheBitsFollowTheDriftingV50() throws Exception {
        BoardBenchFile demo = BoardBenchFile.demo();
        JunctionSpec j = demo.junctions().get(0);
        JunctionSpec drifting = new JunctionSpec(j.v50Volts(), j.deltaVolts(), j.referenceWidthSeconds(),
                j.v50ShiftVoltsPerDecade(), j.resetV50Volts(), j.resistanceParallelOhms(),
                j.resistanceAntiparallelOhms(), j.readNoiseRelative(), DRIFT_VOLTS_PER_SECOND * 3600,
                j.breakdownVolts(), j.shortedResistanceOhms());
        BoardSpec spec = demo.board().withModelledClock(true);
        BoardSpec slow = new BoardSpec(spec.protocolVersion(), spec.serialNumber(), spec.firmwareVersion(),
                spec.dacBits(), spec.dacFullScaleMillivolts(), spec.minPulsePicoseconds(), spec.maxPulsePicoseconds(),
                spec.timerResolutionPicoseconds(), spec.maxStreamPayloadBytes(), (long) PULSES_PER_SECOND,
                spec.ohmsPerReadCode(), spec.readNoiseRelative(), spec.maxReadDelayNanoseconds(),
                spec.lineBytesPerSecond(), true);
        BoardBenchFile bench = new BoardBenchFile("test", "drifting", 1, slow, CorruptionSpec.NONE,
                List.of(drifting));
        BoardOperatingPoint atV50 = new BoardOperatingPoint(j.v50Volts(), 1e-8, -1.2, 1e-8, 1e-7, 31_000, 0, 1);
        try (BoardEmulator board = BoardEmulator.start(bench, 5);
             BoardClient client = BoardClient.connect(board.address(), new WireLog())) {
            BoardOperatingPoint applied = BoardOperatingPoint.ofSettings(client.configure(atV50, 1.5), client.hello());
            double writeVolts = applied.writeVolts();
            BoardBitSource source = new BoardBitSource(client, applied, new BoardBitSource.StreamPlan(512, 16,
                    400_000, 1.5), () -> false);
            List<byte[]> batches = new ArrayList<>();
            long total = 0;
            for (BitBatch b; (b = source.nextBatch(1 << 16)).bitCount() > 0; ) {
                batches.add(b.packed());
                total += b.bitCount();
            }
            byte[] bits = new byte[(int) (total / 8)];
            int at = 0;
            for (byte[] b : batches) {
                System.arraycopy(b, 0, bits, at, b.length);
                at += b.length;
            }
            // Each frame's odds are taken when the frame is made: V50 as drifted by the pulses fired before it.
            long frameBits = 8L * (512 - 18);
            for (long start : new long[] {0, 150_000, 300_000}) {
                long end = start + 50_000;
                double predicted = 0;
                for (long i = start; i < end; i++) {
                    double v50 = j.v50Volts() + DRIFT_VOLTS_PER_SECOND * (i / frameBits * frameBits) / PULSES_PER_SECOND;
                    predicted += 1 / (1 + Math.exp(-(writeVolts - v50) / j.deltaVolts()));
                }
                predicted /= end - start;
                assertEquals(predicted, ones(bits, start, end) / 50_000.0, 0.01, "bits " + start + ".." + end);
            }
        }
    }

    private static double ones(byte[] bits, long from, long to) {
        long n = 0;
        for (long i = from; i < to; i++) {
            n += (bits[(int) (i >>> 3)] >>> (7 - (i & 7))) & 1;
        }
        return n;
    }
}
