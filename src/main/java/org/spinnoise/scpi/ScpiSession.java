package org.spinnoise.scpi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.WireLog;

/**
 * A conversation with one SCPI instrument. Each call holds the instrument's lock for the whole command, reply and
 * error check, so two threads can never interleave on one instrument. Checked calls drain {@code SYST:ERR?} and turn
 * any entry into an exception naming the command. After a timeout the session recovers before its next exchange
 * (a fresh connection, or discarding input until the line is quiet) so a late reply is never taken as the answer to
 * the next query. Round trips are counted, because they set how fast a bench can make bits.
 */
public final class ScpiSession implements AutoCloseable {
    private static final int MAX_ERROR_ENTRIES = 64;
    /** How many timeouts a resynchronisation waits for the late reply and the marker behind it. */
    private static final int RESYNC_TIMEOUTS = 4;

    private final Link link;
    private final WireLog wire;
    private final Duration defaultTimeout;
    /** The reply timeout in force: the address's, or longer for one exchange that waits on a batch. */
    private Duration timeout;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile String label;
    private volatile Dialect dialect = Dialect.SCPI;
    private boolean needsRecovery;
    private long roundTrips;
    private long writes;

    public ScpiSession(Link link, String label, WireLog wire) {
        this.link = link;
        this.label = label;
        this.wire = wire;
        this.defaultTimeout = link.address().timeout();
        this.timeout = defaultTimeout;
    }

    /** How this instrument is named in messages, e.g. "smu (KEITHLEY INSTRUMENTS MODEL 2450)". */
    public String label() {
        return label;
    }

    public void relabel(String newLabel) {
        this.label = newLabel;
    }

    /**
     * Switches the language this session writes settings and reads errors in (a driver of a TSP instrument does it
     * when it opens the instrument); every session starts in SCPI, which is how {@code *IDN?} is asked.
     */
    public void speak(Dialect newDialect) {
        this.dialect = newDialect;
    }

    public Dialect dialect() {
        return dialect;
    }

    public String address() {
        return link.address().toString();
    }

    /** Sends a command that has no reply, without checking the error queue (for hot loops). */
    void write(String command) throws ScpiException {
        lock.lock();
        try {
            recoverIfNeeded(command);
            long t0 = System.nanoTime();
            send(command);
            writes++;
            wire.exchange(label, command, null, System.nanoTime() - t0);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a query and returns its reply line, without checking the error queue. */
    String query(String query) throws ScpiException {
        lock.lock();
        try {
            recoverIfNeeded(query);
            return exchange(query);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a command, then drains the error queue; any entry becomes an exception naming the command. */
    void checkedWrite(String command) throws ScpiException {
        lock.lock();
        try {
            write(command);
            throwOnErrors(command);
        } finally {
            lock.unlock();
        }
    }

    /** Sends a query, then drains the error queue; any entry becomes an exception naming the query. */
    String checkedQuery(String query) throws ScpiException {
        lock.lock();
        try {
            String reply = query(query);
            throwOnErrors(query);
            return reply;
        } finally {
            lock.unlock();
        }
    }

    /** A checked query whose reply is one number. */
    double queryNumber(String query) throws ScpiException {
        String reply = checkedQuery(query);
        try {
            return Setting.parseNumber(reply);
        } catch (IllegalArgumentException e) {
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, query,
                    "expected a number, got '" + reply + "'");
        }
    }

    /** Reads the error queue until it reports "no error"; returns the entries that were in it. */
    public List<ScpiError> drainErrors() throws ScpiException {
        lock.lock();
        try {
            List<ScpiError> found = new ArrayList<>();
            String errorQuery = dialect.nextErrorQuery();
            for (int i = 0; i < MAX_ERROR_ENTRIES; i++) {
                String reply = query(errorQuery);
                ScpiError error;
                try {
                    error = dialect.parseError(reply);
                } catch (IllegalArgumentException e) {
                    needsRecovery = true;
                    throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, errorQuery,
                            "error queue reply '" + reply + "' is not of the form " + dialect.errorForm());
                }
                if (error.isNoError()) {
                    return found;
                }
                found.add(error);
            }
            throw new ScpiException(ScpiException.Kind.INSTRUMENT_ERROR, label, errorQuery,
                    "the error queue did not empty after " + MAX_ERROR_ENTRIES + " reads", found, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Confirms that the instrument has reported no error since the last check (or since
     * {@link #clearEventStatus()}): one {@code *ESR?}, which reads and clears the IEEE 488.2 standard event status
     * register, when all is well, so a hot loop can afford it once per batch of unchecked exchanges. When one of the
     * register's error bits is set, the error queue is drained into the exception, naming what the instrument said.
     */
    public void checkEventStatus() throws ScpiException {
        lock.lock();
        try {
            if (dialect == Dialect.TSP) {
                checkTspErrorCount();
                return;
            }
            int status = readEventStatus();
            if ((status & EventStatus.ERROR_BITS) == 0) {
                return;
            }
            List<ScpiError> errors = drainErrors();
            String said = errors.isEmpty()
                    ? "nothing in its error queue (another program or the front panel may have read it)"
                    : errors.toString();
            throw new ScpiException(ScpiException.Kind.INSTRUMENT_ERROR, label, "*ESR?",
                    "event status " + status + " (" + EventStatus.describeErrors(status) + ") since the last check; "
                            + "the instrument reported " + said + "; see the wire transcript for the commands "
                            + "before it", errors, null);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The TSP form of the one-round-trip check: {@code print(errorqueue.count)} (Series 2600B Reference Manual
     * 2600BS-901-01 Rev. B, p. 7-83). The count is read rather than {@code *ESR?} because the manual's pages on which
     * TSP errors set which event-status bits were not found; the queue itself is certain to hold every error.
     */
    private void checkTspErrorCount() throws ScpiException {
        String query = "print(errorqueue.count)";
        String reply = query(query);
        double count;
        try {
            count = Setting.parseNumber(reply);
        } catch (IllegalArgumentException e) {
            needsRecovery = true;
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, query, e.getMessage());
        }
        if (count == 0) {
            return;
        }
        List<ScpiError> errors = drainErrors();
        throw new ScpiException(ScpiException.Kind.INSTRUMENT_ERROR, label, query,
                (long) count + " errors since the last check; the instrument reported " + errors
                        + "; see the wire transcript for the commands before them", errors, null);
    }

    /**
     * Reads the standard event status register and so clears it, without judging it: after stale errors were drained
     * on connecting, their bits would otherwise fail the first {@link #checkEventStatus()}. Returns the value read.
     */
    public int clearEventStatus() throws ScpiException {
        lock.lock();
        try {
            return readEventStatus();
        } finally {
            lock.unlock();
        }
    }

    /** Waits until the instrument has finished every pending operation ({@code *OPC?} answers 1). */
    public void waitForCompletion() throws ScpiException {
        String reply = query("*OPC?");
        if (!reply.trim().equals("1") && !reply.trim().equals("+1")) {
            needsRecovery = true;
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, "*OPC?",
                    "expected 1, got '" + reply + "'");
        }
    }

    /** Asks the instrument what it is. */
    public Identity identify() throws ScpiException {
        String reply = query("*IDN?");
        if (reply.isBlank() || !reply.contains(",")) {
            needsRecovery = true;
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, "*IDN?",
                    "'" + reply + "' is not an identification string (maker,model,serial,firmware)");
        }
        return Identity.parse(reply);
    }

    /** Sends a query whose reply is IEEE 488.2 block data and returns the payload. */
    byte[] queryBlock(String query) throws ScpiException {
        lock.lock();
        try {
            recoverIfNeeded(query);
            long t0 = System.nanoTime();
            send(query);
            BlockData.Decoded block;
            try {
                block = BlockData.read(new BlockData.ByteSourceOf<LinkException>() {
                    @Override
                    public int read() throws LinkException {
                        return link.readByte(timeout);
                    }

                    @Override
                    public byte[] readExactly(int count) throws LinkException {
                        return link.readExactly(count, timeout);
                    }
                });
            } catch (LinkException e) {
                throw linkFailure(query, e);
            } catch (IllegalArgumentException e) {
                needsRecovery = true;
                throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, query, e.getMessage());
            }
            if (block.definite()) {
                consumeBlockTerminator(query);
            }
            byte[] payload = block.payload();
            roundTrips++;
            wire.exchange(label, query, "<block of " + payload.length + " bytes>", System.nanoTime() - t0);
            return payload;
        } finally {
            lock.unlock();
        }
    }

    /** Sends a declared command, then checks the error queue; an entry becomes an exception naming the command. */
    public void execute(Command command) throws ScpiException {
        command.checkFilled();
        checkedWrite(command.text());
    }

    /** Sends a declared command without checking the error queue (for hot loops confirmed in batches). */
    public void executeUnchecked(Command command) throws ScpiException {
        command.checkFilled();
        write(command.text());
    }

    /** Sends a declared query and returns its reply line, without checking the error queue. */
    public String ask(Command query) throws ScpiException {
        query.checkFilled();
        return query(query.text());
    }

    /** Sends a declared query, then checks the error queue; returns the reply line. */
    public String askChecked(Command query) throws ScpiException {
        query.checkFilled();
        return checkedQuery(query.text());
    }

    /** A checked declared query whose reply is one number. */
    public double askNumber(Command query) throws ScpiException {
        query.checkFilled();
        return queryNumber(query.text());
    }

    /**
     * A declared query whose reply comes only after the instrument has worked for up to {@code work} (a batch of
     * triggered readings, say): the reply may take that long on top of the address's timeout. Unchecked, like
     * {@link #ask}.
     */
    public String askWithin(Command query, Duration work) throws ScpiException {
        query.checkFilled();
        lock.lock();
        try {
            timeout = defaultTimeout.plus(work);
            return query(query.text());
        } finally {
            timeout = defaultTimeout;
            lock.unlock();
        }
    }

    /**
     * Writes a setting after checking its range and constraints, checks the error queue, and returns the value the
     * instrument holds (read back when the setting is declared as coerced).
     */
    public <T> T set(Setting<T> setting, T value) throws ScpiException {
        String problem = setting.problemWith(value);
        if (problem != null) {
            throw new ScpiException(ScpiException.Kind.OUT_OF_RANGE, label, setting.command(value, dialect),
                    "not sent: " + setting.format(value) + " " + problem);
        }
        lock.lock();
        try {
            checkedWrite(setting.command(value, dialect));
            return setting.isReadBack() ? get(setting) : value;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Validates and sends a setting without checking the error queue and without reading it back: for a sequence of
     * settings confirmed by one {@link #checkEventStatus()} after it, where a check per line would cost a round trip
     * each (a batch re-armed per batch). A value the setting refuses is still never sent.
     */
    public <T> void setUnchecked(Setting<T> setting, T value) throws ScpiException {
        String problem = setting.problemWith(value);
        if (problem != null) {
            throw new ScpiException(ScpiException.Kind.OUT_OF_RANGE, label, setting.command(value, dialect),
                    "not sent: " + setting.format(value) + " " + problem);
        }
        write(setting.command(value, dialect));
    }

    /** Reads a setting's current value. */
    public <T> T get(Setting<T> setting) throws ScpiException {
        String query = setting.query(dialect);
        String reply = checkedQuery(query);
        try {
            return setting.parse(reply);
        } catch (IllegalArgumentException e) {
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, query, e.getMessage());
        }
    }

    /** Queries answered so far (each one a full round trip to the instrument). */
    public long roundTrips() {
        lock.lock();
        try {
            return roundTrips;
        } finally {
            lock.unlock();
        }
    }

    /** Commands written without a reply so far. */
    public long writes() {
        lock.lock();
        try {
            return writes;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            link.close();
        } finally {
            lock.unlock();
        }
    }

    private String exchange(String query) throws ScpiException {
        long t0 = System.nanoTime();
        send(query);
        String reply;
        try {
            reply = withoutFinalCarriageReturn(link.readLine(timeout));
        } catch (LinkException e) {
            throw linkFailure(query, e);
        }
        roundTrips++;
        wire.exchange(label, query, reply, System.nanoTime() - t0);
        if (!isPrintable(reply)) {
            needsRecovery = true;
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, query,
                    "reply holds unprintable bytes (wrong baud rate or termination?); see the wire transcript");
        }
        return reply;
    }

    private int readEventStatus() throws ScpiException {
        String reply = query("*ESR?");
        try {
            return EventStatus.parse(reply);
        } catch (IllegalArgumentException e) {
            needsRecovery = true;
            throw new ScpiException(ScpiException.Kind.GARBLED_REPLY, label, "*ESR?", e.getMessage());
        }
    }

    private void send(String command) throws ScpiException {
        try {
            link.writeLine(command);
        } catch (LinkException e) {
            throw linkFailure(command, e);
        }
    }

    private void throwOnErrors(String command) throws ScpiException {
        List<ScpiError> errors = drainErrors();
        if (!errors.isEmpty()) {
            throw new ScpiException(ScpiException.Kind.INSTRUMENT_ERROR, label, command,
                    "instrument reported " + errors + "; check the command and its value against the manual",
                    errors, null);
        }
    }

    private void consumeBlockTerminator(String query) throws ScpiException {
        try {
            link.readLine(timeout);
        } catch (LinkException e) {
            throw linkFailure(query, e);
        }
    }

    private ScpiException linkFailure(String command, LinkException e) {
        needsRecovery = true;
        if (e.isTimeout()) {
            wire.event(label, "timeout on '" + command + "'");
            return new ScpiException(ScpiException.Kind.TIMEOUT, label, command,
                    "no reply within " + timeout.toMillis() + " ms; check the instrument is on and not showing an "
                            + "error, or raise timeout_ms in its address", List.of(), e);
        }
        wire.event(label, "link failure on '" + command + "': " + e.getMessage());
        return new ScpiException(ScpiException.Kind.LINK, label, command, e.getMessage(), List.of(), e);
    }

    private void recoverIfNeeded(String nextCommand) throws ScpiException {
        if (!needsRecovery) {
            return;
        }
        try {
            if (link.reopenDropsStaleBytes()) {
                link.reopen();
                wire.event(label, "reconnected to drop any late reply");
            } else {
                resynchronise();
            }
            needsRecovery = false;
        } catch (LinkException e) {
            throw new ScpiException(ScpiException.Kind.LINK, label, nextCommand,
                    "could not recover the connection after an earlier failure (" + e.getMessage()
                            + "); the instrument may be hung: power-cycle it or check the cable", List.of(), e);
        }
    }

    /**
     * Brings a link that cannot be reopened clean (a serial line) back in step. An instrument answers in order, so
     * after asking it to echo a fresh marker (through the IEEE 488.2 event status enable register, which every
     * instrument has), every reply that arrives before the marker is a late one and is dropped.
     */
    private void resynchronise() throws LinkException {
        int dropped = link.discardInput(Duration.ofMillis(20));
        int marker = ThreadLocalRandom.current().nextInt(2, 256);
        link.writeLine("*ESE " + marker + ";*ESE?");
        long deadline = System.nanoTime() + RESYNC_TIMEOUTS * timeout.toNanos();
        int staleLines = 0;
        while (true) {
            long remainingNanos = Math.max(1_000_000, deadline - System.nanoTime());
            String line = link.readLine(Duration.ofNanos(remainingNanos));
            if (isMarker(line, marker)) {
                break;
            }
            staleLines++;
        }
        link.writeLine("*ESE 0");
        wire.event(label, "resynchronised: dropped " + dropped + " stale bytes and " + staleLines + " late replies");
    }

    /** IEEE 488.2 answers *ESE? as an integer (NR1); an instrument printing it as NR3 still echoes the marker. */
    private static boolean isMarker(String line, int marker) {
        try {
            return Double.parseDouble(line.trim()) == marker;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A reply of an instrument that ends lines with CR LF, read with LF termination, without the CR. IEEE 488.2
     * ends a response with NL alone; CR LF is a habit of some serial instruments, not a fact from one of our
     * instruments' manuals (none of the drivers' manuals was found to require it), so this only tolerates it.
     */
    static String withoutFinalCarriageReturn(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /**
     * Printable ASCII and tabs only: a CR inside a reply is garbage, and echoed in a message it would break the one
     * line a user reads (fuzz finding 3). The CR of a CR LF reply read with LF termination is gone by then.
     */
    static boolean isPrintable(String reply) {
        for (int i = 0; i < reply.length(); i++) {
            char c = reply.charAt(i);
            if ((c < 0x20 && c != '\t') || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
