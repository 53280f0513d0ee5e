package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.instrument.Bench;
import org.spinnoise.instrument.ExternallyTriggeredPulses;
import org.spinnoise.instrument.InstrumentException;
import org.spinnoise.instrument.PacedReads;
import org.spinnoise.instrument.PulseShape;
import org.spinnoise.instrument.ReadBias;
import org.spinnoise.instrument.SafetyLimits;
import org.spinnoise.instrument.TriggerEdge;
import org.spinnoise.link.WireLog;

/**
 * Trigger pulses have polarity on the simulated cables: the 2400's Trigger Link output is a low-going pulse (UM
 * Figure 11-7 with the falling-edge input of Figure 11-6), so a generator on the rising slope fires at its trailing
 * edge, one pulse width late, and only the falling slope fires where the SMU's settle time starts. The drivers say
 * which edge leads, and a batch arms the generator on it.
 */
class SimTriggerPolarityTest {
    private static final SafetyLimits LIMITS = new SafetyLimits(1.5, 1e-3);
    private static final ReadBias BIAS = new ReadBias(0.1, 2e-4, 0.1);
    private static final PulseShape RESET = new PulseShape(-1.2, 2e-8);
    private static final PulseShape WRITE = new PulseShape(0.5, 2e-8);

    /**
     * Bits of a 300-reading batch on the Trueform + 2400 bench that differ from the junction's own record, with the
     * generator on {@code edge} and the SMU reading half a Trigger Link pulse width after the write pulse ends.
     */
    private static int wrongBits(TriggerEdge edge) throws InstrumentException {
        BenchFile file = BenchFile.read(ModelTables.modelsDir().resolveSibling("benches").resolve("trueform-2400.json"));
        int count = 300;
        try (SimulatedBench sim = SimulatedBench.start(file, 5L)) {
            sim.waitModelledTimes(false);
            double[] ohms;
            try (Bench bench = Bench.connect(sim.address("pulse"), sim.address("smu"), 1, 2, LIMITS, new WireLog())) {
                assertEquals(TriggerEdge.FALLING, ((PacedReads) bench.smu()).leadingEdge());
                bench.smu().configureRead(BIAS);
                double writeEndSeconds = ((ExternallyTriggeredPulses) bench.pulse())
                        .armExternalTrigger(2, RESET, 1, WRITE, edge).writeEndSeconds();
                PacedReads smu = (PacedReads) bench.smu();
                smu.armPacedReads(count, 1, writeEndSeconds + SimulatedKeithley2400.TLINK_PULSE.widthSeconds() / 2);
                ohms = smu.runPacedReads();
                bench.safeState();
            }
            List<JunctionNode.PulseOutcome> writes = sim.node(0).pulseOutcomes().stream()
                    .filter(o -> o.source().equals("pulse ch1")).toList();
            assertEquals(count, writes.size());
            int wrong = 0;
            for (int i = 0; i < count; i++) {
                boolean readAntiparallel = ohms[i] > 3100;     // halfway between R_P 2000 and R_AP 4200 ohm
                wrong += readAntiparallel != writes.get(i).antiparallelAfter() ? 1 : 0;
            }
            return wrong;
        }
    }

    @Test
    void onlyTheLeadingFallingEdgeOfTheTriggerLinkPulseFiresInTimeForTheRead() throws Exception {
        assertEquals(0, wrongBits(TriggerEdge.FALLING), "generator on the 2400's leading (falling) edge");
        int late = wrongBits(TriggerEdge.RISING);
        assertTrue(late > 30, "on the trailing (rising) edge the write lands after the read, yet only " + late
                + " of 300 bits differ");
    }

    @Test
    void theTriggerLinkPulseLeadsFalling() {
        assertFalse(SimulatedKeithley2400.TLINK_PULSE.leadingEdgeRises());
    }
}
