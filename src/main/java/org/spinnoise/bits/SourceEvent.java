package org.spinnoise.bits;

/**
 * Something a bit source reports beside its bits: a batch discarded because it could not be confirmed, an instrument
 * reconnected, a board frame lost. Recorded in the run folder, so a run says what happened to every bit it did not
 * keep.
 *
 * @param timeNanos  when, in nanoseconds since the acquisition started
 * @param kind       a short fixed word, e.g. "discarded", "reconnected", "corrupt-frame"
 * @param bits       bits concerned (discarded, lost), 0 when none
 * @param detail     what happened, in words a user can act on
 */
public record SourceEvent(long timeNanos, String kind, long bits, String detail) {
}
