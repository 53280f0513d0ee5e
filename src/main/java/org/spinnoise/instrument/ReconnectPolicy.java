package org.spinnoise.instrument;

/**
 * How hard a run tries to get an instrument back after it dropped, stalled or rebooted: up to {@code attempts}
 * reopenings, the first at once, then after a back-off of {@code firstBackoffSeconds} that grows by {@code factor}
 * each time up to {@code capSeconds}. The default (8 attempts, 0.5 s doubling to 8 s: about 31 s of waiting plus each
 * attempt's own timeout) covers a dropped LAN link or a watchdog reset; how long a power-cycled instrument takes to
 * boot is NOT FOUND in the manuals at hand, so a longer outage ends the run with the advice to resume it.
 */
public record ReconnectPolicy(int attempts, double firstBackoffSeconds, double factor, double capSeconds) {
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(8, 0.5, 2.0, 8.0);

    public ReconnectPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("reconnect.attempts must be at least 1, got " + attempts);
        }
        if (!(firstBackoffSeconds >= 0) || !(factor >= 1) || !(capSeconds >= firstBackoffSeconds)) {
            throw new IllegalArgumentException("reconnect needs firstBackoffSeconds >= 0, factor >= 1 and "
                    + "capSeconds >= firstBackoffSeconds, got " + firstBackoffSeconds + ", " + factor + ", "
                    + capSeconds);
        }
    }

    /** The wait before attempt {@code attempt} (1-based): none before the first. */
    public double backoffSecondsBefore(int attempt) {
        if (attempt <= 1) {
            return 0;
        }
        return Math.min(capSeconds, firstBackoffSeconds * Math.pow(factor, attempt - 2));
    }
}
