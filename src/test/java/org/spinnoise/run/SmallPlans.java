package org.spinnoise.run;

import java.io.IOException;
import org.spinnoise.calibration.SweepPlan;

/** The demo recipe cut down (fewer threshold reads, a coarser sweep) so a whole run takes a second or two. */
final class SmallPlans {
    private SmallPlans() {
    }

    static AcquisitionPlan demoWith(long bits) throws IOException {
        AcquisitionPlan demo = AcquisitionPlan.demo();
        SweepPlan sweep = SweepPlan.linear(demo.sweep().startVolts(), demo.sweep().stopVolts(), 11, 200,
                demo.sweep().widthSeconds());
        return new AcquisitionPlan(demo.limits(), demo.wiring(), demo.read(), demo.reset(),
                new AcquisitionPlan.LevelsPlan(demo.levels().setAmplitudeVolts(), 50), sweep, bits, demo.health(), 1);
    }
}
