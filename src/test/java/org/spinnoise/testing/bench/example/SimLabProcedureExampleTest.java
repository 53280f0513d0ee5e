package org.spinnoise.testing.bench.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spinnoise.sim.VoltageEvent;
import org.spinnoise.testing.bench.BenchUnderTest;
import org.spinnoise.testing.bench.WithSimulatedBench;

/**
 * The example of {@code mock-instruments/README.md}, kept here so it is known to work: a lab's own pulse procedure,
 * written with nothing but a socket and SCPI, tested against the simulated demo bench. The assertions come from the
 * simulator's side: what the junction actually saw, how many pulses arrived, which errors the instrument raised.
 */
@WithSimulatedBench(bench = "benches/demo.json", seed = 7)
class SimLabProcedureExampleTest {
    /** What this lab allows across its junctions. */
    private static final double DEVICE_LIMIT_VOLTS = 0.8;

    /** The lab's procedure under test: single 20 ns pulses of {@code volts} on channel 1, {@code count} of them. */
    static void writePulses(Scpi pulse, double volts, int count, boolean highImpedanceLoad) throws IOException {
        pulse.send("*RST");
        if (highImpedanceLoad) {
            pulse.send("OUTP1:LOAD INF"); // the junction is kilo-ohms: levels are open-circuit volts
        }
        pulse.send("FUNC PULS;:FUNC:PULS:PER 1E-6;:FUNC:PULS:WIDT 20NS");
        pulse.send("VOLT:HIGH " + volts + ";:VOLT:LOW 0");
        pulse.send("BURS:MODE TRIG;:BURS:NCYC 1;:TRIG1:SOUR BUS;:BURS:STAT ON;:OUTP1 ON");
        for (int i = 0; i < count; i++) {
            pulse.query("TRIG1;*OPC?");
        }
        pulse.query("OUTP1 OFF;*OPC?"); // answered once everything before it was done
    }

    @Test
    void writePulsesStayBelowTheDeviceLimitAndRaiseNoErrors(BenchUnderTest bench) throws IOException {
        try (Scpi pulse = Scpi.connect(bench.socketAddress("pulse"))) {
            writePulses(pulse, 0.7, 10, true);
        }

        assertEquals(10, bench.pulsesDelivered("pulse", 1));
        assertTrue(bench.stress(0).maxAbsVolts() <= DEVICE_LIMIT_VOLTS, "largest |V| " + bench.stress(0).maxAbsVolts());
        assertEquals(List.of(), bench.errorsRaised("pulse"));
        assertFalse(bench.outputOn("pulse", 1));
        for (VoltageEvent event : bench.voltageHistory(0)) {
            if (!event.pulse()) {
                assertEquals(0, event.junctionVolts(), 1e-12, "level held between pulses: " + event);
            }
        }
    }

    @Test
    void forgettingTheHighImpedanceLoadSettingDoublesWhatTheJunctionSees(BenchUnderTest bench) throws IOException {
        try (Scpi pulse = Scpi.connect(bench.socketAddress("pulse"))) {
            writePulses(pulse, 0.7, 3, false);
        }

        // At the default 50-ohm setting the generator shows half its open-circuit voltage (guide p. 61).
        assertEquals(1.4, bench.stress(0).maxAbsVolts(), 1e-9);
        assertTrue(bench.stress(0).maxAbsVolts() > DEVICE_LIMIT_VOLTS);
        assertEquals(List.of(), bench.errorsRaised("pulse"), "the instrument accepts it: only the junction can tell");
    }

    /** A plain SCPI-over-TCP connection: one line per message, replies end with a newline. */
    static final class Scpi implements AutoCloseable {
        private final Socket socket;
        private final PrintWriter out;
        private final BufferedReader in;

        private Scpi(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(5_000);
            this.out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
            this.in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
        }

        static Scpi connect(InetSocketAddress address) throws IOException {
            return new Scpi(new Socket(address.getAddress(), address.getPort()));
        }

        void send(String message) {
            out.print(message + "\n");
            out.flush();
        }

        String query(String message) throws IOException {
            send(message);
            return in.readLine();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
