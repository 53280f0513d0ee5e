package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Modelled timing: a reading costs its integration (NPLC over the mains frequency) once for the signal, twice more
 * for autozero and once for the source readback (both on by default), a burst costs its cycles times the period; a
 * modelled bench waits those times before answering, an instant one books them without waiting.
 */
class SimTimingTest {
    private static final double ONE_PLC_AT_60_HZ = 1 / 60.0;

    @Test
    void aModelledReadWaitsItsIntegrationsAndAnInstantOneOnlyBooksThem() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), 3L);
             LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.send(":SENS:FUNC \"RES\";:SENS:RES:NPLC 1;:SOUR:VOLT 0.1;:OUTP ON");
            double expected = 4 * ONE_PLC_AT_60_HZ;
            long t0 = System.nanoTime();
            smu.query(":READ?");
            double instantSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(expected, bench.modelledSeconds("smu"), 1e-9);
            assertTrue(instantSeconds < expected, "an instant bench answered in " + instantSeconds + " s");

            bench.waitModelledTimes(true);
            t0 = System.nanoTime();
            smu.query(":READ?");
            double modelledSeconds = (System.nanoTime() - t0) / 1e9;
            assertTrue(modelledSeconds >= expected, "a modelled read took " + modelledSeconds + " s");
            assertEquals(2 * expected, bench.modelledSeconds("smu"), 1e-9);

            smu.send(":SENS:RES:AZER OFF;:SOUR:VOLT:READ:BACK OFF");
            smu.query(":READ?");
            assertEquals(2 * expected + ONE_PLC_AT_60_HZ, bench.modelledSeconds("smu"), 1e-9,
                    "without autozero and readback a read is one integration");
        }
    }

    @Test
    void aBurstCostsItsCyclesTimesThePeriod() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), 3L);
             LineClient pulse = LineClient.connect(bench.address("pulse"))) {
            pulse.send("OUTP1:LOAD INF;:FUNC PULS;:FUNC:PULS:PER 1e-5;WIDT 20NS;:VOLT:HIGH 0.3;LOW 0;"
                    + ":BURS:MODE TRIG;NCYC 4;STAT ON;:TRIG1:SOUR BUS;:OUTP1 ON");
            assertEquals("1", pulse.query("TRIG1;*OPC?"));
            assertEquals(4e-5, bench.modelledSeconds("pulse"), 1e-12);
        }
    }
}
