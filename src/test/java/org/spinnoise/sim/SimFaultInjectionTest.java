package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults injected at run time, seen by a client over a real socket. */
class SimFaultInjectionTest {
    private static final String IDN = "KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i";
    private SimulatedBench bench;

    @BeforeEach
    void start() {
        bench = SimulatedBench.start(BenchFile.demo(), 8L);
    }

    @AfterEach
    void stop() {
        bench.close();
    }

    @Test
    void silencedInstrumentLetsTheClientTimeOutUntilCleared() throws Exception {
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.timeoutMillis(200);
            bench.faults().silence("smu");
            assertThrows(SocketTimeoutException.class, () -> smu.query("*IDN?"));
            bench.faults().clear("smu");
            assertEquals(IDN, smu.query("*IDN?"));
        }
    }

    @Test
    void delayedReplyArrivesLateAsAStaleReply() throws Exception {
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            smu.timeoutMillis(150);
            bench.faults().delayReplies("smu", Duration.ofMillis(400));
            long startNanos = System.nanoTime();
            assertThrows(SocketTimeoutException.class, () -> smu.query("*IDN?"));
            bench.faults().clear("smu");
            smu.timeoutMillis(2000);
            assertEquals(IDN, smu.query("*OPC?"), "the first reply to arrive is the stale *IDN? reply");
            assertTrue(System.nanoTime() - startNanos >= 400_000_000L);
            assertEquals("1", smu.readLine(), "then the *OPC? reply");
        }
    }

    @Test
    void garbledRepliesAreReplacedByGarbageLinesThenRecover() throws Exception {
        try (LineClient pulse = LineClient.connect(bench.address("pulse"))) {
            bench.faults().garbleNextReplies("pulse", 2);
            for (int i = 0; i < 2; i++) {
                byte[] garbage = pulse.query("*IDN?").getBytes(StandardCharsets.ISO_8859_1);
                assertTrue(garbage.length > 0);
                for (byte b : garbage) {
                    assertTrue((b & 0xff) >= 0x80, "garbage is not printable ASCII");
                }
            }
            assertEquals("Keysight Technologies,33622A,MY00000002,A.02.03-3.15-2.00", pulse.query("*IDN?"));
        }
    }

    @Test
    void droppedConnectionsCloseAndNewOnesAreAccepted() throws Exception {
        LineClient first = LineClient.connect(bench.address("smu"));
        assertEquals(IDN, first.query("*IDN?"));
        bench.faults().dropConnections("smu");
        assertThrows(IOException.class, () -> {
            first.send("*IDN?");
            first.readLine();
        });
        first.close();
        try (LineClient second = LineClient.connect(bench.address("smu"))) {
            assertEquals(IDN, second.query("*IDN?"));
        }
    }

    @Test
    void faultsOfOneRoleLeaveTheOtherAlone() throws Exception {
        bench.faults().silence("pulse");
        try (LineClient smu = LineClient.connect(bench.address("smu"))) {
            assertEquals(IDN, smu.query("*IDN?"));
        }
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> bench.faults().silence("scope"));
        assertTrue(unknown.getMessage().contains("scope"));
    }

    @Test
    void severalConnectionsShareOneInstrument() throws Exception {
        try (LineClient a = LineClient.connect(bench.address("pulse"));
             LineClient b = LineClient.connect(bench.address("pulse"))) {
            assertEquals("1", a.query("VOLT:HIGH 0.3;*OPC?"), "connection a's command is done before b asks");
            assertEquals("+3.000000000000000E-01", b.query("VOLT:HIGH?"));
            assertNotEquals(bench.address("pulse"), bench.address("smu"));
        }
    }
}
