package org.spinnoise.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fazecast.jSerialComm.SerialPort;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An instrument served over a socat pty pair, opened by a jSerialComm client on the other end. */
class SimSerialTransportTest {

    private static BenchFile serialSmuBench() {
        BenchFile demo = BenchFile.demo();
        Map<String, InstrumentSpec> instruments = new LinkedHashMap<>();
        instruments.put("smu", new InstrumentSpec("keithley-2450", "serial", Map.of(1, 0)));
        return new BenchFile("test", "serial-smu", 3L, demo.junctions(), instruments, demo.models(), demo.timing(),
                List.of());
    }

    @Test
    void ptyPairConnectsItsTwoEndsAndCleansUp() throws Exception {
        Path directory;
        try (PtyPair pty = PtyPair.open()) {
            directory = pty.endA().getParent();
            assertTrue(Files.exists(pty.endA()) && Files.exists(pty.endB()));
            assertTrue(pty.endB().toString().startsWith(System.getProperty("java.io.tmpdir")));
        }
        assertTrue(Files.notExists(directory), "the temporary directory is removed on close");
    }

    @Test
    void smuAnswersOverSerialAddress() throws Exception {
        try (SimulatedBench bench = SimulatedBench.start(serialSmuBench())) {
            String address = bench.address("smu");
            assertTrue(address.matches("ASRL/.+/b::INSTR"), address);
            String path = address.substring("ASRL".length(), address.length() - "::INSTR".length());
            SerialPort port = SerialPort.getCommPort(path);
            port.setComPortParameters(115_200, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, 2000, 0);
            assertTrue(port.openPort(), "jSerialComm opens the client end");
            try {
                assertEquals("KEITHLEY INSTRUMENTS INC.,MODEL 2450,0445300,1.0.0i", query(port, "*IDN?"));
                String ohms = query(port, "*RST;:SOUR:VOLT 0.1;:SENS:FUNC \"RES\";:OUTP ON;:READ?");
                assertEquals(2000, Double.parseDouble(ohms), 100);
                assertEquals("0,\"No error\"", query(port, ":SYST:ERR?"));
            } finally {
                port.closePort();
            }
        }
    }

    private static String query(SerialPort port, String line) {
        byte[] request = (line + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(request.length, port.writeBytes(request, request.length));
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        byte[] one = new byte[1];
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (port.readBytes(one, 1) == 1) {
                if (one[0] == '\n') {
                    return reply.toString(StandardCharsets.ISO_8859_1);
                }
                reply.write(one[0]);
            }
        }
        throw new AssertionError("no reply over serial to " + line + ", got so far: " + reply);
    }
}
