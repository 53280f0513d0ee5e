package org.spinnoise.sim;

import com.fazecast.jSerialComm.SerialPort;
import java.io.InputStream;
import java.util.function.BooleanSupplier;

/**
 * An input stream over a jSerialComm port opened with semi-blocking reads and a short timeout: it polls until bytes
 * arrive and reports end of stream once its owner is closing, so the reading thread can stop without closing the
 * port under a blocked native read.
 */
final class PollingSerialInputStream extends InputStream {
    private final SerialPort port;
    private final BooleanSupplier closing;

    PollingSerialInputStream(SerialPort port, BooleanSupplier closing) {
        this.port = port;
        this.closing = closing;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        while (!closing.getAsBoolean()) {
            int count = port.readBytes(buffer, length, offset);
            if (count != 0) {
                return count;
            }
        }
        return -1;
    }
}
