package org.spinnoise.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.bits.BitBatch;
import org.spinnoise.bits.BitSource;

/**
 * The sweep needs nothing but the {@link BitSource} seam: on a source whose bits switch with a known sigmoid of the
 * write amplitude (as a board's would), the fit finds its V50, each point's bits are recorded only once complete, and
 * a source that ends early fails the sweep in one line.
 */
class SwitchingSweepOnASourceTest {
    private static final double V50_VOLTS = 0.55;
    private static final double DELTA_VOLTS = 0.01;

    @Test
    void theFitOfASweepOverAnySourceFindsItsV50() throws Exception {
        SweepPlan plan = SweepPlan.linear(0.50, 0.60, 21, 1_000, 2e-8);
        List<BitBatch> recorded = new ArrayList<>();
        List<SwitchingPoint> points = new ArrayList<>();
        SwitchingCurve curve = SwitchingSweep.run(CurveSource.logistic(17, V50_VOLTS, DELTA_VOLTS, 2e-8, 0), plan, 3,
                recorded::add, points::add, () -> false);
        SigmoidFitResult fit = curve.fit();
        assertEquals(V50_VOLTS, fit.v50Volts(), 4 * fit.v50StdErrVolts());
        assertEquals(DELTA_VOLTS, fit.deltaVolts(), 4 * fit.deltaStdErrVolts());
        assertEquals(21, points.size());
        assertEquals(21L * 1_000, recorded.stream().mapToLong(BitBatch::bitCount).sum());
    }

    @Test
    void aSourceThatEndsMidSweepFailsItAtThatPoint() {
        SweepPlan plan = SweepPlan.linear(0.50, 0.60, 5, 1_000, 2e-8);
        List<SwitchingPoint> points = new ArrayList<>();
        List<BitBatch> recorded = new ArrayList<>();
        CurveSource source = CurveSource.logistic(17, V50_VOLTS, DELTA_VOLTS, 2e-8, 0).endingAfter(2_500);
        CalibrationException e = assertThrows(CalibrationException.class, () -> SwitchingSweep.run(source, plan, 3,
                recorded::add, points::add, () -> false));
        assertTrue(e.getMessage().startsWith("switching sweep: curve source ended at ")
                && e.getMessage().endsWith(" after 2 of 5 points"), e.getMessage());
        assertEquals(2, points.size());
        assertEquals(2_000, recorded.stream().mapToLong(BitBatch::bitCount).sum(), "the third point's bits were kept");
    }
}
