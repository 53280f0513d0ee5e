package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reboot fault, seen by a client over a real socket: open connections end, new ones end at once while the
 * instrument is down, and what comes back is at its power-on state (output off, Power On in the event status
 * register), optionally as another unit of the model.
 */
class SimRebootFaultTest {
    private static final String IDN = "KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i";
    private SimulatedBench bench;

    @BeforeEach
    void start() {
        bench = SimulatedBench.start(BenchFile.demo(), 9L);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    /** The first answer of a fresh connection to {@code *IDN?}, or the failure if the connection ends first. */
    private String idnOnAFreshConnection() throws IOException {
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.timeoutMillis(1000);
            return smu.query("*IDN?");
        }
    }

    @Test
    void aRebootDropsTheConnectionRefusesNewOnesAndComesBackAtPowerOn() throws Exception {
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.timeoutMillis(1000);
            smu.send(":OUTP ON");
            assertEquals("1", smu.query(":OUTP?"));
            assertTrue(bench.outputOn("smu", 1));
            bench.faults().reboot("smu", Duration.ofMillis(500));
            assertFalse(bench.outputOn("smu", 1), "a reboot leaves the output off");
            assertThrows(IOException.class, () -> smu.query("*IDN?"), "the open connection was dropped");
        }
        assertThrows(IOException.class, this::idnOnAFreshConnection, "down: a new connection ends at once");
        Thread.sleep(600);
        assertEquals(IDN, idnOnAFreshConnection());
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.timeoutMillis(1000);
            assertEquals("128", smu.query("*ESR?"), "Power On (bit 7) and nothing else");
            assertEquals("0", smu.query(":OUTP?"));
        }
    }

    @Test
    void aRebootAsAnotherUnitAnswersWithItsSerial() throws Exception {
        bench.faults().rebootAs("smu", Duration.ZERO, "9999999");
        assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,9999999,1.0.0i", idnOnAFreshConnection());
        assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,9999999,1.0.0i", bench.idn("smu"));
    }
}
