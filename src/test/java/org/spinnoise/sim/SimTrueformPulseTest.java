package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pulse delivery of the simulated Trueform to its junction, over a real loopback socket. */
class SimTrueformPulseTest {
    private SimulatedBench bench;
    private LineClient pulse;

    @BeforeEach
    void start() throws Exception {
        bench = SimulatedBench.start(BenchFile.demo(), 5L);
        pulse = LineClient.connect(bench.address("pulse"));
    }

    @AfterEach
    void stop() throws Exception {
        pulse.close();
        bench.close();
    }

    /** Channel 1 armed for 3-pulse bursts of 10 ns at the given levels into a high-impedance load. */
    private void arm(double highVolts) throws Exception {
        pulse.send("*RST;:OUTP1:LOAD INF;:FUNC PULS;:FUNC:PULS:WIDT 20NS;PER 1e-6;:VOLT:LOW 0;HIGH " + highVolts
                + ";:BURS:MODE TRIG;NCYC 3;STAT ON;:TRIG1:SOUR BUS;:OUTP1 ON");
        assertEquals("+0,\"No error\"", pulse.query("SYST:ERR?"));
    }

    @Test
    void armedTriggerDeliversNcycPulses() throws Exception {
        arm(1.5);
        pulse.send("TRIG1");
        assertEquals("1", pulse.query("*OPC?"));
        assertEquals(3, bench.pulsesDelivered("pulse", 1));
        assertEquals(3, bench.junction(0).pulsesApplied());
        assertTrue(bench.junction(0).isAntiparallel(), "1.5 V is far above V50");
    }

    @Test
    void starTrgFiresOnlyChannelsWithBusSource() throws Exception {
        arm(1.5);
        pulse.send("*TRG");
        pulse.query("*OPC?");
        assertEquals(3, bench.pulsesDelivered("pulse", 1));
        pulse.send("TRIG1:SOUR IMM;:*TRG");
        pulse.query("*OPC?");
        assertEquals(3, bench.pulsesDelivered("pulse", 1));
        assertEquals(0, bench.pulsesDelivered("pulse", 2));
    }

    @Test
    void nothingIsDeliveredUnlessPulseBurstTriggeredAndOutputOn() throws Exception {
        arm(1.5);
        for (String disarm : new String[] {"OUTP1 OFF", "BURS:STAT OFF", "BURS:MODE GAT", "FUNC SQU"}) {
            pulse.send(disarm + ";:TRIG1");
            assertEquals("1", pulse.query("*OPC?"));
            assertEquals(0, bench.junction(0).pulsesApplied(), "after " + disarm);
            assertEquals("+0,\"No error\"", pulse.query("SYST:ERR?"), "an unarmed trigger is not an error");
            arm(1.5);
        }
    }

    @Test
    void fiftyOhmLoadSettingDoublesTheAmplitudeAtTheJunction() throws Exception {
        // 0.35 V shown is 0.35 V at a high-impedance load, far below V50 = 0.62 V: no switching.
        arm(0.35);
        for (int i = 0; i < 20; i++) {
            pulse.send("TRIG1");
        }
        pulse.query("*OPC?");
        assertEquals(60, bench.junction(0).pulsesApplied());
        assertFalse(bench.junction(0).isAntiparallel());
        // The same 0.35 V setting with LOAD 50 drives 0.70 V into the junction: it switches.
        pulse.send("OUTP1:LOAD 50;:VOLT:HIGH 0.35;:TRIG1");
        pulse.query("*OPC?");
        assertTrue(bench.junction(0).isAntiparallel());
    }

    @Test
    void changingTheLoadRescalesShownLevelsLikeTheInstrument() throws Exception {
        pulse.send("*RST;:VOLT:LOW 0;HIGH 0.3;:OUTP:LOAD INF");
        assertEquals("+6.000000000000000E-01", pulse.query("VOLT:HIGH?"));
        assertEquals("+9.900000000000000E+37", pulse.query("OUTP:LOAD?"));
    }

    /**
     * Inversion mirrors the waveform about the offset (the guide's polarity section): with LOW 0 and HIGH 1.5 an
     * inverted channel rests at +1.5 V and dips to 0 V, which is what the old reset recipe did to the junction.
     */
    @Test
    void invertedPolarityAboutTheOffsetRestsAtTheHighLevel() throws Exception {
        arm(1.5);
        pulse.send("OUTP1:POL INV");
        assertEquals("INV", pulse.query("OUTP1:POL?"));
        assertEquals(1.5, bench.node(0).junction().heldVolts(), 1e-12, "the channel now rests at +1.5 V");
        assertEquals(1.5, bench.node(0).sources().get("pulse ch1").largestVolts(), 1e-12);
    }

    @Test
    void invertedPolarityWithHighZeroAndLowNegativeResetsFromRest() throws Exception {
        arm(1.5);
        pulse.send("TRIG1");
        pulse.query("*OPC?");
        assertTrue(bench.junction(0).isAntiparallel());
        pulse.send("OUTP1 OFF;:OUTP1:POL INV;:VOLT:LOW -1.5;HIGH 0;:OUTP1 ON;:TRIG1");
        pulse.query("*OPC?");
        assertEquals("+0,\"No error\"", pulse.query("SYST:ERR?"));
        assertFalse(bench.junction(0).isAntiparallel(), "-1.5 V is far beyond the reset threshold");
        assertEquals(0.0, bench.node(0).junction().heldVolts(), 0.0, "rests at 0 V between pulses");
    }

    @Test
    void switchingAtV50OverTheWireIsAboutHalf() throws Exception {
        // Channel 2 resets with -1.24 V, channel 1 writes at V50; the SMU's view is not needed for the statistics.
        pulse.send("*RST;:OUTP1:LOAD INF;:OUTP2:LOAD INF");
        // At 20 ns the junction's V50 is 0.62 - 0.05 * log10(2) = 0.605 V.
        pulse.send(":SOUR1:FUNC PULS;:SOUR1:FUNC:PULS:WIDT 20NS;:SOUR1:VOLT:HIGH 0.605;:SOUR1:VOLT:LOW 0;"
                + ":SOUR1:BURS:STAT ON;:OUTP1 ON");
        pulse.send(":SOUR2:FUNC PULS;:SOUR2:FUNC:PULS:WIDT 20NS;:SOUR2:VOLT:LOW -1.24;:SOUR2:VOLT:HIGH 0;"
                + ":SOUR2:BURS:STAT ON;:OUTP2:POL INV;:OUTP2 ON");
        int trials = 400;
        int switched = 0;
        for (int i = 0; i < trials; i++) {
            pulse.send("TRIG2;*WAI;:TRIG1");
            pulse.query("*OPC?");
            if (bench.junction(0).isAntiparallel()) {
                switched++;
            }
        }
        assertEquals(trials / 2.0, switched, 5 * Math.sqrt(trials * 0.25));
        assertEquals("+0,\"No error\"", pulse.query("SYST:ERR?"));
    }
}
