package org.spinnoise.sim.board;

import com.fazecast.jSerialComm.SerialPort;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import org.spinnoise.sim.SimulationException;

/**
 * The emulated board's end of its serial line: one end of a socat pseudo-terminal pair opened with jSerialComm, as
 * firmware would open its UART. Reads wait at most a few milliseconds so the board's loop stays responsive; writes
 * block until the line takes the bytes (the host's credit bounds how long) but give up once the emulator is closing or
 * the line has vanished.
 */
final class PtyPort {
    private static final int READ_WAIT_MILLIS = 5;
    private static final int WRITE_WAIT_MILLIS = 100;

    private final SerialPort port;
    private final Path path;
    private final BooleanSupplier closing;

    PtyPort(Path path, BooleanSupplier closing) {
        this.path = path;
        this.closing = closing;
        port = SerialPort.getCommPort(path.toString());
        port.setComPortParameters(3_000_000, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING,
                READ_WAIT_MILLIS, WRITE_WAIT_MILLIS);
        if (!port.openPort()) {
            throw new SimulationException("jSerialComm cannot open pty " + path + " for the board emulator (error "
                    + port.getLastErrorCode() + ")");
        }
    }

    /** Bytes the host has sent that are waiting, −1 when the line is gone. */
    int available() {
        return port.bytesAvailable();
    }

    /** Reads what has arrived, waiting a few milliseconds at most; −1 when the line is gone. */
    int read(byte[] into, int length) {
        return port.readBytes(into, length);
    }

    /** Writes every byte unless the emulator closes or the line vanishes first; returns false then. */
    boolean write(byte[] bytes, int offset, int length) {
        int done = 0;
        while (done < length) {
            if (closing.getAsBoolean()) {
                return false;
            }
            int n = port.writeBytes(bytes, length - done, offset + done);
            if (n < 0 || (n == 0 && port.bytesAvailable() < 0)) {
                return false;
            }
            done += n;
        }
        return true;
    }

    Path path() {
        return path;
    }

    void close() {
        port.closePort();
    }
}
