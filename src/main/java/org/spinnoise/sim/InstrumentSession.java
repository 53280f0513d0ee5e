package org.spinnoise.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client conversation with a simulated instrument over any byte stream (a TCP connection or a serial line):
 * reads lines terminated by LF (a CR before it is dropped), passes each to the instrument and writes its reply with a
 * LF, applying the role's faults on the way. It runs until the stream ends or fails.
 */
final class InstrumentSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentSession.class);
    /** Longer lines are not SCPI a driver would send; the excess is dropped instead of growing memory. */
    private static final int MAX_LINE_BYTES = 1 << 16;

    private final String role;
    private final ScpiInstrument instrument;
    private final FaultInjector faults;
    private final ModelledWaits waits;
    private final InputStream in;
    private final OutputStream out;

    InstrumentSession(String role, ScpiInstrument instrument, FaultInjector faults, ModelledWaits waits, InputStream in,
                      OutputStream out) {
        this.role = role;
        this.instrument = instrument;
        this.faults = faults;
        this.waits = waits;
        this.in = in;
        this.out = out;
    }

    @Override
    public void run() {
        try {
            String line;
            while ((line = readLine()) != null) {
                serve(line);
            }
            LOG.debug("{}: client closed the connection", role);
        } catch (IOException e) {
            LOG.debug("{}: connection ended: {}", role, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(String line) throws IOException, InterruptedException {
        if (line.isBlank()) {
            return;
        }
        if (faults.isSilenced(role) || faults.isDown(role)) {
            LOG.debug("{}: silenced, ignoring '{}'", role, line);
            return;
        }
        String reply = instrument.handle(line);
        double modelledSeconds = instrument.takeModelledSeconds();
        // The real instrument is busy this long (integrating, bursting) before it answers or takes more input.
        waits.waitFor(modelledSeconds);
        LOG.trace("{} <- '{}' -> '{}'", role, line, reply);
        if (reply == null) {
            return;
        }
        Duration delay = faults.replyDelay(role);
        if (!delay.isZero()) {
            Thread.sleep(delay.toMillis(), delay.toNanosPart() % 1_000_000);
        }
        byte[] bytes = faults.takeGarble(role)
                ? faults.garbage(role)
                : (reply + "\n").getBytes(StandardCharsets.ISO_8859_1);
        out.write(bytes);
        out.flush();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                return text(line);
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            }
        }
        return line.size() > 0 ? text(line) : null;
    }

    private static String text(ByteArrayOutputStream line) {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
