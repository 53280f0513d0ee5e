package org.spinnoise.sim;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bookkeeping of a simulated pulse generator's triggered channels: until when each channel is busy with the
 * pulses of its last trigger (a trigger before then is ignored and counted), and how many pulses it has delivered.
 * A trigger's pulses are scheduled on the bench clock, so they reach the junction in time order with the readings.
 */
final class TriggeredPulses {
    private static final Logger LOG = LoggerFactory.getLogger(TriggeredPulses.class);

    private final String role;
    private final long[] pulsesDelivered;
    private final long[] triggersIgnored;
    private final double[] busyUntilSeconds;

    TriggeredPulses(String role, int channels) {
        this.role = role;
        this.pulsesDelivered = new long[channels + 1];
        this.triggersIgnored = new long[channels + 1];
        this.busyUntilSeconds = new double[channels + 1];
    }

    /** True, and counted as ignored, when channel {@code ch} is still busy with an earlier trigger at that time. */
    synchronized boolean ignores(int ch, double atSeconds) {
        if (atSeconds < busyUntilSeconds[ch]) {
            triggersIgnored[ch]++;
            LOG.debug("{} channel {}: edge at {} s ignored, busy until {} s", role, ch, atSeconds,
                    busyUntilSeconds[ch]);
            return true;
        }
        return false;
    }

    /**
     * Schedules {@code cycles} pulses of {@code volts} and {@code widthSeconds} on channel {@code ch}, one period
     * apart from {@code startSeconds}, and keeps the channel busy until {@code busyUntilSeconds}. A channel not wired
     * to a junction ({@code node} null) still counts its pulses.
     */
    void schedule(SimClock clock, int ch, JunctionNode node, double volts, double widthSeconds, double startSeconds,
            double periodSeconds, long cycles, double busyUntilSeconds) {
        synchronized (this) {
            this.busyUntilSeconds[ch] = busyUntilSeconds;
        }
        for (long i = 0; i < cycles; i++) {
            clock.at(startSeconds + i * periodSeconds, () -> {
                if (node != null) {
                    node.pulse(source(ch), volts, widthSeconds);
                }
                delivered(ch, 1);
            });
        }
    }

    /** Counts pulses delivered at once (a forced trigger). */
    synchronized void delivered(int ch, long pulses) {
        pulsesDelivered[ch] += pulses;
    }

    /** Forgets every busy window (*RST). */
    synchronized void reset() {
        java.util.Arrays.fill(busyUntilSeconds, 0);
    }

    synchronized long pulsesDelivered(int ch) {
        return pulsesDelivered[ch];
    }

    synchronized long triggersIgnored(int ch) {
        return triggersIgnored[ch];
    }

    /** The name a junction knows this channel's pulses by. */
    String source(int ch) {
        return role + " ch" + ch;
    }
}
