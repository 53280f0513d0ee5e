package org.spinnoise.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MockCommandSimTest {
    private static final Pattern SMU_LINE = Pattern.compile("smu\\s+keithley-2450\\s+TCPIP::127\\.0\\.0\\.1::(\\d+)::SOCKET");

    @Test
    void printsAddressesServesThemAndStopsWhenInterrupted() throws Exception {
        StringWriter printed = new StringWriter();
        CommandLine commandLine = new CommandLine(new MockCommand()).setOut(new PrintWriter(printed));
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread mock = new Thread(() -> exitCode.set(commandLine.execute("--seed", "3")));
        mock.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!printed.toString().contains("running") && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        String output = printed.toString();
        assertTrue(output.contains("seed 3") && output.contains("pulse     keysight-33622a") && output.contains("V50 0.6200 V"), output);
        Matcher smu = SMU_LINE.matcher(output);
        assertTrue(smu.find(), output);
        int port = Integer.parseInt(smu.group(1));
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(2000);
            BufferedReader replies = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            socket.getOutputStream().write("*IDN?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i", replies.readLine());
            // A 0.1 V bias on the junction (50 µA through 2 kΩ, inside the default 105 µA limit), which the bench
            // reports on exit as the SMU's level between pulses.
            socket.getOutputStream().write(":SOUR:VOLT 0.1;:OUTP ON;*OPC?\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals("1", replies.readLine());
            mock.interrupt();
            mock.join(5000);
            assertFalse(mock.isAlive());
            assertEquals(0, exitCode.get());
            String onExit = printed.toString();
            assertTrue(onExit.contains("junction 0  pulses 0  largest |V| 0.1000 V") && onExit.contains("intact"), onExit);
            assertTrue(onExit.matches("(?s).*smu ch1\\s+largest level between pulses 0\\.1000 V.*"), onExit);
            // An ephemeral port may be reused by anything once freed, so check that the open connection was closed.
            assertThrows(IOException.class, () -> {
                socket.getOutputStream().write("*IDN?\n".getBytes(StandardCharsets.US_ASCII));
                if (replies.readLine() == null) {
                    throw new IOException("closed by the bench");
                }
            }, "closing the bench closes its connections");
        }
    }
}
