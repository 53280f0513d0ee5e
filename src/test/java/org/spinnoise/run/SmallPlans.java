package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.calibration.SweepPlan;
import org.spinnoise.instrument.ReconnectPolicy;

/**
 * The demo recipe cut down (fewer threshold reads, a coarser sweep) so a whole run takes a second or two, in the
 * per-bit scheme, with two quick reconnect attempts.
 */
final class SmallPlans {
    private SmallPlans() {
    }

    /** The per-bit scheme: the error checks and faults these tests exercise are those of one bit at a time. */
    static final AcquisitionPlan.SchemePlan PER_BIT = new AcquisitionPlan.SchemePlan("per-bit", 1, 1000);

    /** Two quick reconnect attempts: fault tests that keep an instrument away fail in seconds, not the lab's half minute. */
    static final ReconnectPolicy QUICK_RECONNECT = new ReconnectPolicy(2, 0.05, 2, 0.1);

    static AcquisitionPlan demoWith(long bits) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        SweepPlan sweep = SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                demo.sweep().widthSeconds());
        return new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50), sweep, bits, demo.health(), 1, PER_BIT, QUICK_RECONNECT);
    }
}
