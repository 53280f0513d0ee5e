package org.spinnoise.catalog;

import java.time.Instant;

/**
 * One catalogued event: a run (acquire, board, demo, calibrate), the pool ingest of a run's bits, or a pool draw.
 * Runs and ingests are read from their run folder's manifest; draws are registered by the command that drew (consumer,
 * mode, bytes measured on the pool's own consumer ledger) or, when no command registered them, found in that ledger.
 * Fields that do not apply to the kind are null. Times are epoch milliseconds (UTC).
 *
 * @param id              the run folder's name; {@code <folder>/ingest} for its ingest; {@code draw-…} for a draw
 * @param kind            one of {@link Kind}'s words
 * @param outcome         ok, failed, interrupted, running (not finished, or killed before it could say), unknown
 * @param startedMs       when it started
 * @param finishedMs      when it finished (null while running or when unknown)
 * @param folder          the run folder (absolute path); null for draws
 * @param device          the device profile's name, or the board's serial; null when the run named neither
 * @param source          the run's source kind (bench, board, bench-array, board-array, calibration), the ingest's
 *                        source id, or for a draw whether it was "registered" or found in the "pool ledger"
 * @param instruments     the instruments' or board's identity
 * @param simulated       whether the bench was the simulated one (null when not said)
 * @param v50Volts        the fitted V50
 * @param deltaVolts      the fitted ΔV
 * @param thresholdOhms   the read threshold in ohms (bench)
 * @param thresholdCode   the comparator threshold in read-DAC codes (board)
 * @param writeVolts      the operating write amplitude
 * @param bits            confirmed bits of the run; raw bits taken in by an ingest
 * @param bias            ones fraction minus one half
 * @param bitsPerSecond   acquisition rate
 * @param healthPassed    whether the continuous health tests passed
 * @param sourceEvents    source events logged (reconnects, frame losses, …)
 * @param healthFailures  health-test failures (a run's), or health alarms (an ingest's)
 * @param pool            the pool directory an ingest (or the run's ingest) fed, or a draw used
 * @param poolBytes       bytes an ingest (or the run's ingest) appended to the pool, or a draw took from it
 * @param consumer        the pool consumer name of a draw
 * @param mode            a draw's noise mode (trng, drbg, …)
 * @param entropyPerBit   min-entropy credited per raw bit by an ingest
 * @param error           why it failed or was interrupted (and by whom)
 * @param codeVersion     the spinnoise version that wrote the run
 */
public record CatalogEntry(String id, String kind, String outcome, Long startedMs, Long finishedMs, String folder,
                           String device, String source, String instruments, Boolean simulated, Double v50Volts,
                           Double deltaVolts, Double thresholdOhms, Integer thresholdCode, Double writeVolts,
                           Long bits, Double bias, Double bitsPerSecond, Boolean healthPassed, Long sourceEvents,
                           Long healthFailures, String pool, Long poolBytes, String consumer, String mode,
                           Double entropyPerBit, String error, String codeVersion) {

    /** The kinds of entry, as the {@code --kind} filter names them. */
    public enum Kind {
        ACQUIRE, BOARD, DEMO, CALIBRATE, INGEST, DRAW;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind a word names; one line listing the words otherwise. */
        public static Kind parse(String word) {
            for (Kind k : values()) {
                if (k.word().equals(word)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown kind '" + word
                    + "': use acquire, board, demo, calibrate, ingest or draw");
        }
    }

    public Instant started() {
        return startedMs == null ? null : Instant.ofEpochMilli(startedMs);
    }

    public Instant finished() {
        return finishedMs == null ? null : Instant.ofEpochMilli(finishedMs);
    }
}
