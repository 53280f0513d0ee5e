package org.spinnoise.link;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;

/**
 * A serial instrument line through jSerialComm (RS-232 instruments, USB serial adapters, pulser boards, and the
 * simulated bench's pseudo-terminals). Reads are semi-blocking: they return as soon as any byte arrives.
 */
final class SerialLink extends StreamLink {
    private SerialPort port;
    /** The read timeout last given to the port; setting it costs a tcsetattr, which halved a pty's throughput. */
    private int portTimeoutMillis = -1;

    /** See {@link Links#runBeforeSerialPortsClose}. */
    static boolean runBeforePortsClose(Thread hook) {
        try {
            SerialPort.addShutdownHook(hook);
            return true;
        } catch (LinkageError e) {
            // No native library for this platform: jSerialComm cannot have opened a port, nor close one.
            return false;
        }
    }

    SerialLink(InstrumentAddress address) throws LinkException {
        super(address);
        openConnection();
    }

    @Override
    void openConnection() throws LinkException {
        InstrumentAddress a = address();
        SerialPort p;
        try {
            p = SerialPort.getCommPort(a.devicePath());
        } catch (SerialPortInvalidPortException e) {
            throw new LinkException(a + ": no serial device '" + a.devicePath() + "'; list ports with 'ls /dev/tty*'",
                    false, e);
        }
        SerialSettings s = a.serial();
        p.setComPortParameters(s.baud(), s.dataBits(), stopBits(s.stopBits()), parity(s.parity()));
        p.setFlowControl(flowControl(s.flowControl()));
        if (!p.openPort()) {
            throw new LinkException(a + ": cannot open serial device '" + a.devicePath() + "' (error "
                    + p.getLastErrorCode() + "); check it exists and that you may use it (group 'dialout')");
        }
        port = p;
        portTimeoutMillis = -1;
    }

    @Override
    int readSome(byte[] into, int offset, int length, int timeoutMillis) throws IOException {
        int wanted = Math.max(1, timeoutMillis);
        if (wanted != portTimeoutMillis) {
            port.setComPortTimeouts(SerialPort.TIMEOUT_READ_SEMI_BLOCKING, wanted, 0);
            portTimeoutMillis = wanted;
        }
        int n = port.readBytes(into, length, offset);
        if (n < 0) {
            throw new IOException("serial device '" + address().devicePath() + "' vanished (error "
                    + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    void writeAll(byte[] bytes) throws IOException {
        int done = 0;
        while (done < bytes.length) {
            int n = port.writeBytes(bytes, bytes.length - done, done);
            // A vanished device (a pulled USB adapter, a closed pty) answers writes with 0 bytes rather than an
            // error; without this check the loop would spin forever.
            if (n < 0 || (n == 0 && port.bytesAvailable() < 0)) {
                throw new IOException("serial device '" + address().devicePath() + "' refused the write (error "
                        + port.getLastErrorCode() + ")");
            }
            done += n;
        }
    }

    @Override
    void closeConnection() {
        if (port != null) {
            port.closePort();
            port = null;
        }
    }

    @Override
    public boolean reopenDropsStaleBytes() {
        return false;
    }

    private static int stopBits(SerialSettings.StopBits stopBits) {
        return switch (stopBits) {
            case ONE -> SerialPort.ONE_STOP_BIT;
            case ONE_POINT_FIVE -> SerialPort.ONE_POINT_FIVE_STOP_BITS;
            case TWO -> SerialPort.TWO_STOP_BITS;
        };
    }

    private static int parity(SerialSettings.Parity parity) {
        return switch (parity) {
            case NONE -> SerialPort.NO_PARITY;
            case ODD -> SerialPort.ODD_PARITY;
            case EVEN -> SerialPort.EVEN_PARITY;
            case MARK -> SerialPort.MARK_PARITY;
            case SPACE -> SerialPort.SPACE_PARITY;
        };
    }

    private static int flowControl(SerialSettings.FlowControl flow) {
        return switch (flow) {
            case NONE -> SerialPort.FLOW_CONTROL_DISABLED;
            case RTSCTS -> SerialPort.FLOW_CONTROL_RTS_ENABLED | SerialPort.FLOW_CONTROL_CTS_ENABLED;
            case XONXOFF -> SerialPort.FLOW_CONTROL_XONXOFF_IN_ENABLED | SerialPort.FLOW_CONTROL_XONXOFF_OUT_ENABLED;
        };
    }
}
