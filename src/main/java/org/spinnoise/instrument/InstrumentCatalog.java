package org.spinnoise.instrument;

import java.util.List;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.instrument.keithley.Keithley2450;
import org.spinnoise.instrument.keysight.Trueform33600;
import org.spinnoise.link.Link;
import org.spinnoise.link.LinkException;
import org.spinnoise.link.Links;
import org.spinnoise.link.WireLog;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiError;
import org.spinnoise.scpi.ScpiException;
import org.spinnoise.scpi.ScpiSession;

/**
 * Opens an instrument by address and picks its driver from what it answers to {@code *IDN?}, so a bench file names
 * only addresses and roles. An instrument no driver knows is refused with its identity and the supported models.
 */
public final class InstrumentCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentCatalog.class);

    private InstrumentCatalog() {
    }

    public static PulseGenerator openPulseGenerator(String role, String address, SafetyLimits limits, WireLog wire)
            throws InstrumentException {
        return pulseGeneratorOn(open(role, address, wire), role, limits);
    }

    /** The pulse generator on an open session: identified, its stale errors and event status cleared. */
    static PulseGenerator pulseGeneratorOn(ScpiSession session, String role, SafetyLimits limits)
            throws InstrumentException {
        Identity id = identify(session, role, Trueform33600::drives, "pulse generator",
                "Keysight/Agilent 33500B and 33600A series");
        return new Trueform33600(session, id, limits);
    }

    public static SourceMeter openSourceMeter(String role, String address, SafetyLimits limits, WireLog wire)
            throws InstrumentException {
        return sourceMeterOn(open(role, address, wire), role, limits);
    }

    /** The source-measure unit on an open session: identified, its stale errors and event status cleared. */
    static SourceMeter sourceMeterOn(ScpiSession session, String role, SafetyLimits limits) throws InstrumentException {
        Identity id = identify(session, role, Keithley2450::drives, "source-measure unit", "Keithley 2450, 2460, 2461");
        return new Keithley2450(session, id, limits);
    }

    private static ScpiSession open(String role, String address, WireLog wire) throws InstrumentException {
        Link link;
        try {
            link = Links.open(address);
        } catch (IllegalArgumentException e) {
            throw new InstrumentException(role + ": " + e.getMessage(), e);
        } catch (LinkException e) {
            throw new InstrumentException(role + ": " + e.getMessage(), e);
        }
        return new ScpiSession(link, role + " at " + link.address(), wire);
    }

    private static Identity identify(ScpiSession session, String role, Predicate<Identity> driverKnows, String kind,
                                     String supported) throws InstrumentException {
        Identity id;
        try {
            id = session.identify();
            List<ScpiError> stale = session.drainErrors();
            if (!stale.isEmpty()) {
                LOG.warn("{}: cleared {} old error-queue entries on connect: {}", session.label(), stale.size(), stale);
            }
            // Old errors also left their bits in the event status register; reading it clears them, so the run's
            // error checks (Bench.checkErrors) report only what happens from now on.
            session.clearEventStatus();
        } catch (ScpiException e) {
            session.close();
            throw new InstrumentException(e.getMessage(), e);
        }
        if (!driverKnows.test(id)) {
            session.close();
            throw new InstrumentException(session.label() + ": '" + id.raw() + "' is not a " + kind
                    + " spinnoise drives (supported: " + supported + ")");
        }
        session.relabel(role + " (" + id.label() + ")");
        return id;
    }
}
