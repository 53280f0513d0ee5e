package org.spinnoise.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * The buffering and deadline logic shared by TCP and serial links: subclasses only move bytes with a per-call
 * timeout. Reads are buffered so one instrument reply costs one system call, not one per byte.
 */
abstract class StreamLink implements Link {
    private final InstrumentAddress address;
    private final byte[] writeTerminator;
    private final byte readTerminatorLast;
    private final String readTerminatorText;
    private byte[] buffer = new byte[8192];
    private int start;
    private int end;

    StreamLink(InstrumentAddress address) {
        this.address = address;
        this.writeTerminator = address.writeTermination().bytes();
        this.readTerminatorLast = address.readTermination().lastByte();
        this.readTerminatorText = address.readTermination().text();
    }

    /** Reads what is available, waiting at most {@code timeoutMillis}; 0 on timeout, -1 when the peer closed. */
    abstract int readSome(byte[] into, int offset, int length, int timeoutMillis) throws IOException;

    abstract void writeAll(byte[] bytes) throws IOException;

    abstract void openConnection() throws LinkException;

    abstract void closeConnection();

    @Override
    public final InstrumentAddress address() {
        return address;
    }

    @Override
    public final void writeLine(String text) throws LinkException {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(body, body.length + writeTerminator.length);
        System.arraycopy(writeTerminator, 0, all, body.length, writeTerminator.length);
        write(all);
    }

    @Override
    public final void write(byte[] bytes) throws LinkException {
        try {
            writeAll(bytes);
        } catch (IOException e) {
            throw new LinkException(address + ": write failed (" + e.getMessage()
                    + "); check the instrument is on and the cable is in", false, e);
        }
    }

    @Override
    public final String readLine(Duration timeout) throws LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = start;
        while (true) {
            for (int i = scanned; i < end; i++) {
                if (buffer[i] == readTerminatorLast) {
                    String line = new String(buffer, start, i + 1 - start, StandardCharsets.ISO_8859_1);
                    start = i + 1;
                    return line.endsWith(readTerminatorText)
                            ? line.substring(0, line.length() - readTerminatorText.length())
                            : line.substring(0, line.length() - 1);
                }
            }
            int before = end - start;
            fill(deadline, timeout, "a reply line");
            scanned = start + before;
        }
    }

    @Override
    public final byte[] readExactly(int count, Duration timeout) throws LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (end - start < count) {
            fill(deadline, timeout, count + " bytes of block data");
        }
        byte[] out = Arrays.copyOfRange(buffer, start, start + count);
        start += count;
        return out;
    }

    @Override
    public final int readByte(Duration timeout) throws LinkException {
        long deadline = System.nanoTime() + timeout.toNanos();
        // A read that times out before the deadline adds nothing, so keep filling until a byte is there (or the
        // deadline throws); a single fill could leave the buffer empty and hand back a stale byte.
        while (end == start) {
            fill(deadline, timeout, "a byte");
        }
        return buffer[start++] & 0xFF;
    }

    @Override
    public final int readAvailable(byte[] into, int offset, int length, Duration timeout) throws LinkException {
        if (end > start) {
            int n = Math.min(length, end - start);
            System.arraycopy(buffer, start, into, offset, n);
            start += n;
            return n;
        }
        int n;
        try {
            n = readSome(into, offset, length, (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
        } catch (IOException e) {
            throw new LinkException(address + ": read failed (" + e.getMessage() + ")", false, e);
        }
        if (n < 0) {
            throw new LinkException(address + ": the instrument closed the connection");
        }
        return n;
    }

    @Override
    public final int discardInput(Duration quietPeriod) throws LinkException {
        int dropped = end - start;
        start = 0;
        end = 0;
        int quietMillis = (int) Math.max(1, quietPeriod.toMillis());
        try {
            while (true) {
                int n = readSome(buffer, 0, buffer.length, quietMillis);
                if (n <= 0) {
                    return dropped;
                }
                dropped += n;
            }
        } catch (IOException e) {
            throw new LinkException(address + ": read failed while clearing input (" + e.getMessage() + ")", false, e);
        }
    }

    @Override
    public final void reopen() throws LinkException {
        closeConnection();
        start = 0;
        end = 0;
        openConnection();
    }

    @Override
    public final void close() {
        closeConnection();
    }

    /** Reads more bytes into the buffer or throws once the deadline passes. */
    private void fill(long deadlineNanos, Duration timeout, String waitingFor) throws LinkException {
        if (start > 0 && start == end) {
            start = 0;
            end = 0;
        }
        if (end == buffer.length) {
            if (start > 0) {
                System.arraycopy(buffer, start, buffer, 0, end - start);
                end -= start;
                start = 0;
            } else {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
        }
        long remainingMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (remainingMillis <= 0) {
            throw LinkException.timeout(address + ": no " + waitingFor + " within " + timeout.toMillis()
                    + " ms; is the instrument on, and is the read termination right?");
        }
        int n;
        try {
            n = readSome(buffer, end, buffer.length - end, (int) Math.min(Integer.MAX_VALUE, remainingMillis));
        } catch (IOException e) {
            throw new LinkException(address + ": read failed (" + e.getMessage() + ")", false, e);
        }
        if (n < 0) {
            throw new LinkException(address + ": the instrument closed the connection while we waited for "
                    + waitingFor);
        }
        end += n;
    }
}
