package org.spinnoise.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * only addresses and roles. Drivers are the {@link PulseGeneratorDriver}s and {@link SourceMeterDriver}s listed under
 * {@code META-INF/services}; an instrument no driver knows is refused with its identity and the supported models.
 */
public final class InstrumentCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(InstrumentCatalog.class);

    private InstrumentCatalog() {
    }

    /** Every pulse-generator driver on the class path, in service-file order. */
    public static List<PulseGeneratorDriver> pulseGeneratorDrivers() {
        return load(PulseGeneratorDriver.class);
    }

    /** Every source-measure-unit driver on the class path, in service-file order. */
    public static List<SourceMeterDriver> sourceMeterDrivers() {
        return load(SourceMeterDriver.class);
    }

    private static <T> List<T> load(Class<T> kind) {
        List<T> drivers = new ArrayList<>();
        ServiceLoader.load(kind, InstrumentCatalog.class.getClassLoader()).forEach(drivers::add);
        return drivers;
    }

    public static PulseGenerator openPulseGenerator(String role, String address, SafetyLimits limits, WireLog wire)
            throws InstrumentException {
        return pulseGeneratorOn(open(role, address, wire), role, limits);
    }

    /** The pulse generator on an open session: identified, its stale errors and event status cleared. */
    static PulseGenerator pulseGeneratorOn(ScpiSession session, String role, SafetyLimits limits)
            throws InstrumentException {
        List<PulseGeneratorDriver> drivers = pulseGeneratorDrivers();
        Identity id = identify(session, role);
        PulseGeneratorDriver driver = chosen(session, id, drivers, "pulse generator");
        return opened(session, () -> clearedOfStaleErrors(session, driver.open(session, id, limits)));
    }

    public static SourceMeter openSourceMeter(String role, String address, SafetyLimits limits, WireLog wire)
            throws InstrumentException {
        return sourceMeterOn(open(role, address, wire), role, limits);
    }

    /** The source-measure unit on an open session: identified, its stale errors and event status cleared. */
    static SourceMeter sourceMeterOn(ScpiSession session, String role, SafetyLimits limits) throws InstrumentException {
        List<SourceMeterDriver> drivers = sourceMeterDrivers();
        Identity id = identify(session, role);
        SourceMeterDriver driver = chosen(session, id, drivers, "source-measure unit");
        return opened(session, () -> clearedOfStaleErrors(session, driver.open(session, id, limits)));
    }

    /** What {@code spinnoise identify} reports: the identity and the driver that would take it, if any. */
    public record Identification(String address, Identity identity, Optional<InstrumentDriver> driver) {
    }

    /**
     * Opens an address, asks {@code *IDN?} and names the driver that would be used, changing nothing on the
     * instrument (the error queue is left as it is).
     */
    public static Identification identifyAt(String address, WireLog wire) throws InstrumentException {
        try (ScpiSession session = open("instrument", address, wire)) {
            Identity id;
            try {
                id = session.identify();
            } catch (ScpiException e) {
                throw new InstrumentException(e.getMessage(), e);
            }
            List<InstrumentDriver> all = new ArrayList<>(pulseGeneratorDrivers());
            all.addAll(sourceMeterDrivers());
            return new Identification(session.address(), id, all.stream().filter(d -> d.drives(id)).findFirst());
        }
    }

    private interface Opening<T> {
        T open() throws InstrumentException;
    }

    private static <T> T opened(ScpiSession session, Opening<T> opening) throws InstrumentException {
        try {
            return opening.open();
        } catch (InstrumentException | RuntimeException e) {
            session.close();
            throw e;
        }
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

    private static Identity identify(ScpiSession session, String role) throws InstrumentException {
        Identity id;
        try {
            id = session.identify();
        } catch (ScpiException e) {
            session.close();
            throw new InstrumentException(e.getMessage(), e);
        }
        session.relabel(role + " (" + id.label() + ")");
        return id;
    }

    /**
     * Empties the error queue of what was left before we connected. It runs after the driver opened the session,
     * because the driver may have switched the session's language (a TSP instrument has no {@code SYST:ERR?}); the
     * drivers send nothing while opening, so the wire order is unchanged.
     */
    private static <T> T clearedOfStaleErrors(ScpiSession session, T opened) throws InstrumentException {
        try {
            List<ScpiError> stale = session.drainErrors();
            if (!stale.isEmpty()) {
                LOG.warn("{}: cleared {} old error-queue entries on connect: {}", session.label(), stale.size(), stale);
            }
            // Old errors also left their bits in the event status register; reading it clears them, so the run's
            // error checks (Bench.checkErrors) report only what happens from now on.
            session.clearEventStatus();
        } catch (ScpiException e) {
            throw new InstrumentException(e.getMessage(), e);
        }
        return opened;
    }

    private static <D extends InstrumentDriver> D chosen(ScpiSession session, Identity id, List<D> drivers,
                                                        String kind) throws InstrumentException {
        for (D driver : drivers) {
            if (driver.drives(id)) {
                LOG.debug("{}: driven by {}", session.label(), driver.name());
                return driver;
            }
        }
        session.close();
        throw new InstrumentException(session.label() + ": '" + id.raw() + "' is not a " + kind
                + " spinnoise drives (supported: " + drivers.stream().map(InstrumentDriver::models)
                .collect(Collectors.joining("; ")) + ")");
    }
}
