package org.spinnoise.instrument;

import java.util.Locale;
import java.util.Map;

/**
 * The checks every pulse-generator driver makes around a pulse: an unsafe level is refused before anything is sent,
 * a channel must exist and be configured before it fires, reset and write need two channels, the output load must
 * read back as high impedance, and the fire sequence's *OPC? must answer 1. Each check names the instrument
 * ({@code label}) and what to do; the drivers keep their manuals' cites beside the calls.
 */
public final class PulseChecks {
    private PulseChecks() {
    }

    /** Refuses a pulse whose level exceeds the junction's safety limit, before the channel is touched. */
    public static void refuseUnsafeLevel(String label, SafetyLimits limits, int channel, PulseShape shape)
            throws InstrumentException {
        String unsafe = limits.junctionVolts().problemWith(Math.abs(shape.amplitudeVolts()));
        if (unsafe != null) {
            throw new InstrumentException(label + ": channel " + channel + " pulse of " + shape.amplitudeVolts()
                    + " V not configured: it " + unsafe);
        }
    }

    /** Refuses a channel number outside 1..{@code channelCount}. */
    public static void checkChannel(String label, int channel, int channelCount) throws InstrumentException {
        if (channel < 1 || channel > channelCount) {
            throw new InstrumentException(label + ": channel " + channel + " does not exist (it has "
                    + channelCount + ")");
        }
    }

    /** Refuses to fire a channel that holds no configured pulse (never configured, or switched off since). */
    public static void requireConfigured(String label, Map<Integer, PulseShape> configured, int channel)
            throws InstrumentException {
        if (!configured.containsKey(channel)) {
            throw new InstrumentException(label + ": channel " + channel + " fired before it was configured");
        }
    }

    /** Refuses a reset and a write pulse on one channel: they must reach the junction one after the other. */
    public static void requireTwoChannels(String label, int resetChannel, int writeChannel)
            throws InstrumentException {
        if (resetChannel == writeChannel) {
            throw new InstrumentException(label + ": reset and write need two channels, both were " + resetChannel);
        }
    }

    /** True when a load query's reply is the word INFinity or a number of at least {@code highZOhms}. */
    public static boolean isHighImpedance(String loadReply, double highZOhms) {
        String text = loadReply.trim().toUpperCase(Locale.ROOT);
        if (text.startsWith("INF") || text.startsWith("+INF")) {
            return true;
        }
        try {
            return Double.parseDouble(text) >= highZOhms;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Refuses a fire sequence whose closing *OPC? answered anything but 1 (or +1). */
    public static void checkFireReply(String label, Object fire, String reply) throws InstrumentException {
        if (!reply.trim().equals("1") && !reply.trim().equals("+1")) {
            throw new InstrumentException(label + ": '" + fire + "' answered '" + reply
                    + "' instead of 1; check SYST:ERR? on the instrument");
        }
    }
}
