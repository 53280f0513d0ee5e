package org.spinnoise.instrument;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spinnoise.link.LinkException;
import org.spinnoise.scpi.Identity;
import org.spinnoise.scpi.ScpiException;

/**
 * Getting a bench's instruments back after one dropped its link, stalled or rebooted ({@link Bench#reconnect}): which
 * failures a reconnect can cure, and the reconnect itself. Only the same instruments are accepted back: a reply to
 * {@code *IDN?} naming another maker, model or serial number ends the attempt at once, because a different unit at
 * the address means the wiring changed under the run.
 */
public final class BenchReconnect {
    private static final Logger LOG = LoggerFactory.getLogger(BenchReconnect.class);

    /** A reconnect that worked: the attempts it took and the seconds from its start to both instruments safe. */
    public record Reconnection(int attempts, double seconds) {
    }

    private BenchReconnect() {
    }

    /**
     * True when a reconnect can cure the failure: the link failed or closed, or the instrument did not answer in time
     * (the first SCPI or link failure in its causes says so). An error the instrument itself reported, a refused
     * value or a reply that could not be understood is not such a failure.
     */
    public static boolean curable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ScpiException scpi) {
                return scpi.kind() == ScpiException.Kind.TIMEOUT || scpi.kind() == ScpiException.Kind.LINK;
            }
            if (t instanceof LinkException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static Reconnection reconnect(Bench bench, ReconnectPolicy policy, BooleanSupplier stopRequested)
            throws InstrumentException {
        long t0 = System.nanoTime();
        Bench.Addresses at = bench.addresses();
        Identity pulseWas = bench.pulse().identity();
        Identity smuWas = bench.smu().identity();
        // What still answers goes safe before it is left alone for the back-off; a silent one costs its timeouts.
        SafeStateReport leaving = bench.safeState();
        LOG.warn("reconnecting the bench; outputs before: {}", leaving.outputs());
        bench.pulse().close();
        bench.smu().close();
        boolean pulseBack = false;
        boolean smuBack = false;
        InstrumentException last = null;
        for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
            pause(policy.backoffSecondsBefore(attempt));
            if (stopRequested.getAsBoolean()) {
                throw new InstrumentException("reconnect abandoned after " + (attempt - 1) + " attempts: a stop was "
                        + "asked for", last);
            }
            try {
                if (!pulseBack) {
                    PulseGenerator pulse = InstrumentCatalog.openPulseGenerator("pulse", at.pulse(), at.limits(),
                            at.wire());
                    sameInstrument("pulse", at.pulse(), pulseWas, pulse.identity(), pulse::close);
                    bench.retire(bench.pulse().roundTrips());
                    bench.replace(pulse);
                    requireSafe(bench.pulseSafeState(), "pulse", at.pulse(), pulse::close);
                    pulseBack = true;
                }
                if (!smuBack) {
                    SourceMeter smu = InstrumentCatalog.openSourceMeter("smu", at.smu(), at.limits(), at.wire());
                    sameInstrument("smu", at.smu(), smuWas, smu.identity(), smu::close);
                    bench.retire(bench.smu().roundTrips());
                    bench.replace(smu);
                    requireSafe(bench.smuSafeState(), "smu", at.smu(), smu::close);
                    smuBack = true;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                LOG.info("bench reconnected after {} attempts in {} s", attempt, seconds);
                return new Reconnection(attempt, seconds);
            } catch (WrongInstrument e) {
                throw new InstrumentException(e.getMessage(), null);
            } catch (InstrumentException e) {
                LOG.warn("reconnect attempt {} of {}: {}", attempt, policy.attempts(), e.getMessage());
                last = e;
            }
        }
        List<String> missing = new ArrayList<>();
        if (!pulseBack) {
            missing.add("pulse at " + at.pulse());
        }
        if (!smuBack) {
            missing.add("smu at " + at.smu());
        }
        if (missing.isEmpty()) {
            missing.add("the bench");
        }
        throw new InstrumentException(String.join(" and ", missing) + ": gave up after " + policy.attempts()
                + " reconnect attempts over " + String.format("%.1f", (System.nanoTime() - t0) / 1e9) + " s (last: "
                + (last == null ? "none" : last.getMessage()) + ")", last);
    }

    /** Thrown inside the loop for an instrument that is not the one the bench started with: no retry. */
    private static final class WrongInstrument extends Exception {
        WrongInstrument(String message) {
            super(message, null, false, false);
        }
    }

    private static void sameInstrument(String role, String address, Identity was, Identity now, Runnable close)
            throws WrongInstrument {
        if (!was.manufacturer().equals(now.manufacturer()) || !was.model().equals(now.model())
                || !was.serialNumber().equals(now.serialNumber())) {
            // Not ours: nothing is sent to it, its outputs are whatever its owner left.
            close.run();
            throw new WrongInstrument(role + " at " + address + ": now answers '" + now.raw() + "', not the "
                    + "instrument this run started with (" + was.manufacturer() + " " + was.model() + ", serial "
                    + was.serialNumber() + "); check the wiring");
        }
    }

    /** An instrument back but not safe is closed again, so the next attempt reopens it. */
    private static void requireSafe(SafeStateReport report, String role, String address, Runnable close)
            throws InstrumentException {
        if (!report.allSafe()) {
            close.run();
            throw new InstrumentException(role + " at " + address + ": answered again but could not be put in its "
                    + "safe state: " + report.failures());
        }
    }

    private static void pause(double seconds) throws InstrumentException {
        if (seconds <= 0) {
            return;
        }
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InstrumentException("interrupted while waiting to reconnect", e);
        }
    }
}
