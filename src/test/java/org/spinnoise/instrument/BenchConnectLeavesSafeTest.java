package org.spinnoise.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spinnoise.link.WireLog;
import org.spinnoise.testing.DemoBench;

/**
 * A bench that cannot be used is not left live: when the SMU does not connect, or the wiring names channels the
 * generator lacks, every channel that an earlier, killed session left on is turned off before the links close.
 */
class BenchConnectLeavesSafeTest {
    @Test
    void anSmuThatDoesNotConnectStillLeavesThePulseChannelsOff() throws Exception {
        try (DemoBench demo = DemoBench.start(61)) {
            leaveChannelOneOn(demo);
            assertTrue(demo.sim.outputOn("pulse", 1));
            int closedPort;
            try (ServerSocket vacant = new ServerSocket(0)) {
                closedPort = vacant.getLocalPort();
            }
            String noSmu = "TCPIP::127.0.0.1::" + closedPort + "::SOCKET?timeout_ms=300";
            assertThrows(InstrumentException.class, () -> Bench.connect(demo.address("pulse"), noSmu, 1, 2,
                    DemoBench.LIMITS, new WireLog()));
            assertFalse(demo.sim.outputOn("pulse", 1));
            assertFalse(demo.sim.outputOn("pulse", 2));
        }
    }

    @Test
    void wiringThatTheGeneratorCannotServeLeavesEveryOutputOff() throws Exception {
        try (DemoBench demo = DemoBench.start(62)) {
            leaveChannelOneOn(demo);
            InstrumentException e = assertThrows(InstrumentException.class, () -> Bench.connect(
                    demo.address("pulse"), demo.address("smu"), 1, 3, DemoBench.LIMITS, new WireLog()));
            assertTrue(e.getMessage().contains("two different channels"), e.getMessage());
            assertFalse(demo.sim.outputOn("pulse", 1));
            assertFalse(demo.sim.outputOn("smu", 1));
        }
    }

    /** What a killed session leaves: channel 1 armed with its output on. */
    private static void leaveChannelOneOn(DemoBench demo) throws Exception {
        String[] parts = demo.address("pulse").split("::");
        try (Socket socket = new Socket("127.0.0.1", Integer.parseInt(parts[2]))) {
            socket.getOutputStream().write("OUTP1:LOAD INF;:VOLT:HIGH 0.3;LOW 0;:OUTP1 ON;*OPC?\n"
                    .getBytes(StandardCharsets.US_ASCII));
            BufferedReader reply = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII));
            assertEquals("1", reply.readLine());
        }
    }
}
