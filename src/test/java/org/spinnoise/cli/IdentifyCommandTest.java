package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spinnoise.sim.BenchFile;
import org.spinnoise.sim.SimulatedBench;

/** {@code spinnoise identify} names the driver found by {@code *IDN?} and the model's limits, and changes nothing. */
class IdentifyCommandTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void namesEachSimulatedInstrumentsDriverAndLimitsWithTheirPages() {
        try (SimulatedBench bench = SimulatedBench.start(BenchFile.demo(), 1L)) {
            String[] pulse = run("identify", bench.address("pulse"));
            assertEquals("0", pulse[0], pulse[2]);
            assertTrue(pulse[1].contains("driver      Keysight 33500B/33600A Trueform (pulse generator)"), pulse[1]);
            assertTrue(pulse[1].contains("16 ns to 1,000,000 s  [Agilent 33500 Series Operating and Service Guide"),
                    pulse[1]);
            String[] smu = run("identify", bench.address("smu"));
            assertEquals("0", smu[0], smu[2]);
            assertTrue(smu[1].contains("Keithley 2450-family SourceMeter"), smu[1]);
            // Identifying sends *IDN? only: nothing was turned on and no error was raised.
            assertFalse(bench.outputOn("smu", 1));
            assertTrue(bench.errorsRaised("smu").isEmpty(), bench.errorsRaised("smu").toString());
        }
    }

    @Test
    void anInstrumentNoDriverKnowsIsNamedAndExitsNonZero() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[64]);
                    s.getOutputStream().write("ACME,PG-1,42,1.0\n".getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    s.getInputStream().read(new byte[64]);
                } catch (IOException ignored) {
                    // the test's assertions say what went wrong
                }
            });
            answering.start();
            String[] r = run("identify", "TCPIP::127.0.0.1::" + server.getLocalPort() + "::SOCKET");
            assertEquals("3", r[0], r[2]);
            assertTrue(r[1].contains("*IDN?       ACME,PG-1,42,1.0"), r[1]);
            assertTrue(r[1].contains("no driver"), r[1]);
        }
    }

    @Test
    void anAddressNobodyAnswersIsOneLineAndNonZero() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String[] r = run("identify", "TCPIP::127.0.0.1::" + port + "::SOCKET");
        assertTrue(!r[0].equals("0"), r[1]);
        assertEquals(1, r[2].strip().lines().count(), r[2]);
    }
}
