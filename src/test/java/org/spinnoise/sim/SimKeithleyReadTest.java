package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resistance and current reads of the simulated Keithley 2450, over a real loopback socket. */
class SimKeithleyReadTest {
    private SimulatedBench bench;
    private LineClient smu;

    @BeforeEach
    void start() throws Exception {
        bench = SimulatedBench.start(BenchFile.demo(), 6L);
        smu = LineClient.connect(bench.address("smu"));
    }

    @AfterEach
    void stop() throws Exception {
        smu.close();
        bench.close();
    }

    @Test
    void identifiesItself() throws Exception {
        assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i", smu.query("*IDN?"));
        assertEquals("0,\"No error\"", smu.query(":SYST:ERR?"));
    }

    @Test
    void readWithOutputOffIsTheOverflowValue() throws Exception {
        smu.send("*RST;:SENS:FUNC \"RES\"");
        assertEquals("9.9E+37", smu.query(":READ?"));
    }

    @Test
    void readsResistanceOfTheJunctionInItsState() throws Exception {
        smu.send("*RST;:SOUR:FUNC VOLT;:SOUR:VOLT 0.1;:SOUR:VOLT:ILIM 1e-3;:SENS:FUNC \"RES\";"
                + ":SENS:RES:NPLC 1;:SENS:RES:OCOM OFF;:OUTP ON");
        assertEquals("0,\"No error\"", smu.query(":SYST:ERR?"));
        String reply = smu.query(":READ?");
        assertTrue(reply.matches("\\d\\.\\d{6}E\\+03"), reply);
        assertEquals(2000, Double.parseDouble(reply), 2000 * 0.05);
        bench.junction(0).applyPulse(1.2, 1e-8);
        assertEquals(4200, Double.parseDouble(smu.query(":READ?")), 4200 * 0.05);
        assertEquals(4200, Double.parseDouble(smu.query(":MEAS:RES?")), 4200 * 0.05);
        assertTrue(bench.junction(0).isAntiparallel(), "reads must not disturb the junction");
    }

    @Test
    void currentFollowsOhmsLawAndClampsAtTheLimit() throws Exception {
        smu.send("*RST;:SOUR:VOLT 0.2;:SOUR:VOLT:ILIM 1e-3;:SENS:FUNC \"CURR\";:OUTP ON");
        assertEquals(1e-4, Double.parseDouble(smu.query(":READ?")), 1e-4 * 0.05);
        smu.send(":SOUR:VOLT:ILIM 20e-6");
        assertEquals(2e-5, Double.parseDouble(smu.query(":MEAS:CURR?")), 1e-12);
        assertEquals("\"CURR:DC\"", smu.query(":SENS:FUNC?"));
    }

    @Test
    void resistanceAtZeroVoltsHasNoCurrentAndOverflows() throws Exception {
        smu.send("*RST;:SOUR:VOLT 0;:SENS:FUNC 'RES';:OUTP ON");
        assertEquals("9.9E+37", smu.query(":READ?"));
    }

    /** The 2400's ohms-mode node is not part of the 2450's SCPI set (Reference Manual 2450-901-01 Rev. B). */
    @Test
    void theSeries2400OhmsModeNodeIsUndefined() throws Exception {
        smu.send(":SENS:RES:MODE MAN");
        assertEquals("-113,\"Undefined header\"", smu.query(":SYST:ERR?"));
    }

    @Test
    void readNoiseShrinksWithLongerIntegration() throws Exception {
        smu.send("*RST;:SOUR:VOLT 0.1;:SENS:FUNC \"RES\";:OUTP ON;:SENS:RES:NPLC 0.01");
        double noisy = spread(200);
        smu.send(":SENS:RES:NPLC 10");
        double quiet = spread(200);
        assertTrue(noisy > 10 * quiet * 0.7, "σ ∝ 1/√NPLC: " + noisy + " vs " + quiet);
        assertEquals("+1.000000E+01".substring(1), smu.query(":SENS:RES:NPLC?"));
    }

    private double spread(int reads) throws Exception {
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < reads; i++) {
            double ohms = Double.parseDouble(smu.query(":READ?"));
            sum += ohms;
            sumSquares += ohms * ohms;
        }
        double mean = sum / reads;
        return Math.sqrt(sumSquares / reads - mean * mean);
    }

    @Test
    void rangeAndSyntaxErrorsAreQueuedWithKeithleyText() throws Exception {
        smu.send(":SOUR:VOLT 500;:SENS:RES:NPLC 50");
        assertEquals("-222,\"Data out of range\"", smu.query(":SYST:ERR?"));
        assertEquals("-222,\"Data out of range\"", smu.query(":SYST:ERR?"));
        smu.send(":SENS:FUNC RES");
        assertEquals("-104,\"Data type error\"", smu.query(":SYST:ERR?"));
        smu.send(":SENS:FUNC \"OHMS\"");
        assertEquals("-224,\"Illegal parameter value\"", smu.query(":SYST:ERR?"));
        assertEquals("0,\"No error\"", smu.query(":SYST:ERR?"));
    }

    @Test
    void sameSeedAndSameCommandsGiveTheSameReplies() throws Exception {
        assertEquals(session(42L), session(42L));
        assertTrue(!session(42L).equals(session(43L)), "a different seed gives different noise");
    }

    /** Writes at V50 and reads back 50 times on a fresh bench; returns every reply. */
    private static java.util.List<String> session(long seed) throws Exception {
        java.util.List<String> replies = new java.util.ArrayList<>();
        try (SimulatedBench fresh = SimulatedBench.start(BenchFile.demo(), seed);
             LineClient pulse = LineClient.connect(fresh.address("pulse"));
             LineClient reader = LineClient.connect(fresh.address("smu"))) {
            pulse.send("OUTP1:LOAD INF;:OUTP2:LOAD INF;:FUNC PULS;:FUNC:PULS:WIDT 20NS;:VOLT:HIGH 0.62;LOW 0;"
                    + ":BURS:STAT ON;:OUTP1 ON;:SOUR2:FUNC PULS;:SOUR2:FUNC:PULS:WIDT 20NS;:SOUR2:VOLT:LOW -1.3;"
                    + ":SOUR2:VOLT:HIGH 0;:SOUR2:BURS:STAT ON;:OUTP2:POL INV;:OUTP2 ON");
            // The read bias adds to every pulse on the junction, so it must be on before the first pulse.
            reader.query(":SOUR:VOLT 0.1;:SENS:FUNC \"RES\";:OUTP ON;*OPC?");
            for (int i = 0; i < 50; i++) {
                pulse.query("TRIG2;:TRIG1;*OPC?");
                replies.add(reader.query(":READ?"));
            }
        }
        return replies;
    }
}
