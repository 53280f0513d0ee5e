package org.spinnoise.instrument;

import static org.spinnoise.instrument.ScpiCalls.run;

import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiSession;

/**
 * What every SCPI driver does the same way with its session, whatever its manual says: it is known by the
 * identity its *IDN? gave, counts the round trips it made, checks the event status (and drains the error queue when
 * an error bit is set) as the SCPI session does it, and closes the session. The source-meter and pulse-generator
 * drivers extend it and declare only their own commands.
 */
public abstract class SessionInstrument {
    /** The session every command of the driver goes through. */
    protected final ScpiSession session;
    /** The instrument's *IDN? answer. */
    protected final Identity identity;

    protected SessionInstrument(ScpiSession session, Identity identity) {
        this.session = session;
        this.identity = identity;
    }

    public Identity identity() {
        return identity;
    }

    /** Query round trips made on the session so far. */
    public long roundTrips() {
        return session.roundTrips();
    }

    public void checkErrors() throws InstrumentException {
        run(session::checkEventStatus);
    }

    public void close() {
        session.close();
    }
}
