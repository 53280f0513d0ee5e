package org.spinnoise.sim;

import com.fazecast.jSerialComm.SerialPort;
import java.io.BufferedInputStream;
import java.io.OutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one simulated instrument over a serial line: a socat pseudo-terminal pair whose end A the simulator opens
 * with jSerialComm (8N1, semi-blocking reads) and whose end B clients open as {@code ASRL<path>::INSTR}. One line,
 * one reader thread; baud rate is irrelevant on a pty but set to a common instrument value.
 */
final class SerialInstrumentServer implements InstrumentServer {
    private static final Logger LOG = LoggerFactory.getLogger(SerialInstrumentServer.class);
    private static final int BAUD_RATE = 115_200;
    private static final int READ_POLL_MILLIS = 100;

    private final PtyPair pty;
    private final SerialPort port;
    private final Thread thread;
    private volatile boolean closing;

    SerialInstrumentServer(String role, ScpiInstrument instrument, FaultInjector faults, ModelledWaits waits) {
        pty = PtyPair.open();
        port = SerialPort.getCommPort(pty.endA().toString());
        port.setComPortParameters(BAUD_RATE, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, READ_POLL_MILLIS, 0);
        if (!port.openPort()) {
            pty.close();
            throw new SimulationException("jSerialComm cannot open pty " + pty.endA() + " for simulated instrument '"
                    + role + "' (error " + port.getLastErrorCode() + ")");
        }
        OutputStream out = port.getOutputStream();
        InstrumentSession session = new InstrumentSession(role, instrument, faults, waits,
                new BufferedInputStream(new PollingSerialInputStream(port, () -> closing)), out);
        thread = new Thread(session, "sim-" + role + "-serial");
        thread.setDaemon(true);
        thread.start();
        faults.onVanishSerialLine(role, this::vanish);
        LOG.info("simulated {} ({}) on serial {}", role, instrument.idn(), address());
    }

    @Override
    public String address() {
        return "ASRL" + pty.endB() + "::INSTR";
    }

    /** The line disappears under the client: socat ends, taking both pseudo-terminals with it. */
    private void vanish() {
        closing = true;
        pty.close();
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(2L * READ_POLL_MILLIS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        port.closePort();
        pty.close();
    }
}
